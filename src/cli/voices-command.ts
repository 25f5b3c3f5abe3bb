import { writeFile } from 'node:fs/promises';
import { describeEngine, engineNames, engineStatus, engineSummary } from '../speech/engines.js';
import { DEFAULT_SECONDS_PER_LETTER, type EngineInfo } from '../speech/engine.js';
import { checkVoiceLanguage, voiceLanguages } from '../speech/languages.js';
import { type Command, CommandError, parse, UsageError } from './command.js';

export const voicesCommand: Command = {
  name: 'voices',
  summary: 'list the speech engines and their voices; speak a sample in one',
  help: `Usage: ninety voices [--engine E]
       ninety voices --say TEXT [--voice NAME] [--engine E] [--out FILE] [--model M] [--language L]

Lists every speech engine and its voices (language, measured pace), and says whether each engine
can be used right now — and if not, why and what to set. A speech server is asked whether it
answers (a few seconds at most).

With --say, speaks TEXT in a voice and writes a short MP3 sample, mastered like an episode.

Options:
  --engine E      only this engine (flite, openai); with --say, the engine to speak with
                  (default: the engine that has the voice)
  --say TEXT      the words to speak
  --voice NAME    the voice (default: rms, or the engine's first voice)
  --out FILE      where to write the sample (default voice-NAME.mp3)
  --model M       the speech server's model (engine openai; default NINETY_TTS_MODEL or tts-1)
  --language L    the language of TEXT (default en): English is normalised, others are spoken as written
  -h, --help      show this help

Speech server settings (engine openai): NINETY_TTS_BASE_URL, NINETY_TTS_API_KEY (or OPENAI_API_KEY),
NINETY_TTS_MODEL.
`,
  async run(argv) {
    const { values } = parse(
      argv,
      {
        engine: { type: 'string' },
        say: { type: 'string' },
        voice: { type: 'string' },
        out: { type: 'string' },
        model: { type: 'string' },
        language: { type: 'string' },
      },
      0,
    );
    if (values.engine !== undefined && !engineNames().includes(values.engine)) {
      throw new UsageError(`unknown engine "${values.engine}": choose one of ${engineNames().join(', ')}`);
    }
    if (values.say === undefined) {
      for (const option of ['voice', 'out', 'model', 'language'] as const) {
        if (values[option] !== undefined) throw new UsageError(`--${option} goes with --say "some text"`);
      }
      await list(values.engine ? [values.engine] : engineNames());
      return 0;
    }
    if (!values.say.trim()) throw new UsageError('--say needs some text to speak');
    return say({
      text: values.say,
      ...(values.engine !== undefined ? { engine: values.engine } : {}),
      ...(values.voice !== undefined ? { voice: values.voice } : {}),
      ...(values.out !== undefined ? { out: values.out } : {}),
      ...(values.model !== undefined ? { model: values.model } : {}),
      language: values.language ?? 'en',
    });
  },
};

async function list(names: string[]): Promise<void> {
  const out = process.stdout;
  // Every engine is checked at once, so a slow server costs its timeout only once.
  const statuses = await Promise.all(names.map((name) => engineStatus(name)));
  names.forEach((name, i) => {
    const status = statuses[i]!;
    const info = describeEngine(name);
    out.write(`${name} — ${engineSummary(name)}\n`);
    out.write(`  ${status.usable ? 'usable' : 'NOT USABLE'}: ${status.detail}\n`);
    if (status.fix) out.write(`  to use it: ${status.fix}\n`);
    out.write(voiceTable(info));
    out.write('\n');
  });
  out.write(`Hear a voice: ninety voices --say "Training begins with data." --voice slt\n`);
}

function voiceTable(info: EngineInfo): string {
  if (info.anyVoice) {
    // A server's voices cannot be listed reliably: say what is known instead of a table of unknowns.
    return (
      `    voices: any the server has (OpenAI's: ${info.voices.join(', ')})\n` +
      `    language: whatever the chosen voice speaks; pace: not measured (${DEFAULT_SECONDS_PER_LETTER} s/letter assumed, ` +
      'then corrected from the first pass)\n'
    );
  }
  const rows = info.voices.map((voice) => {
    const pace = info.secondsPerLetter[voice];
    return [
      voice,
      voiceLanguages(info, voice).join(', '),
      pace === undefined ? 'not measured' : `${pace.toFixed(3)} s/letter`,
      info.about?.[voice] ?? '',
    ];
  });
  const header = ['voice', 'language', 'pace', ''];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => `    ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ')}`.trimEnd() + '\n';
  return line(header) + rows.map(line).join('');
}

interface SayOptions {
  text: string;
  engine?: string;
  voice?: string;
  out?: string;
  model?: string;
  language: string;
}

async function say(options: SayOptions): Promise<number> {
  const engineName = options.engine ?? engineFor(options.voice);
  const info = describeEngine(engineName);
  const voice = options.voice ?? (engineName === 'flite' ? 'rms' : info.voices[0]!);
  if (!info.anyVoice && !info.voices.includes(voice)) {
    throw new CommandError(`engine ${engineName} has no voice "${voice}": choose one of ${info.voices.join(', ')}`);
  }
  const languageProblem = checkVoiceLanguage(info, voice, options.language);
  if (languageProblem) throw new CommandError(languageProblem);
  // Loaded on use: listing voices needs none of the audio pipeline.
  const { speakSample } = await import('./voice-sample.js');
  const sample = await speakSample({ ...options, engine: engineName, voice });
  const file = options.out ?? `voice-${voice.replace(/[^\w.-]+/g, '_')}.mp3`;
  await writeFile(file, sample.mp3);
  process.stdout.write(`Wrote ${file}: ${sample.seconds.toFixed(1)} s of ${engineName} voice "${voice}".\n`);
  return 0;
}

/** The engine whose own voices include `voice`; a server's voice needs --engine. */
function engineFor(voice: string | undefined): string {
  if (voice === undefined) return 'flite';
  const infos = engineNames().map((name) => describeEngine(name));
  const owner = infos.find((info) => !info.anyVoice && info.voices.includes(voice)) ?? infos.find((info) => info.voices.includes(voice));
  if (owner) return owner.name;
  const servers = infos.filter((info) => info.anyVoice).map((info) => info.name);
  throw new CommandError(
    `no engine has a voice "${voice}" of its own: for a speech server's voice add --engine ${servers[0] ?? 'NAME'}; ` +
      'run "ninety voices" to see the voices',
  );
}
