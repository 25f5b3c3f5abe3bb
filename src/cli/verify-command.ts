import { DEFAULT_OUT_DIR, DEFAULT_SERIES_DIR, parse, type Command } from './command.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check a built series: audio decodes, length, loudness, transcripts',
  help: `Usage: ninety verify [SERIES_DIR] [--out DIR]

Decodes every MP3 of SERIES_DIR (default ${DEFAULT_SERIES_DIR}) built into DIR (default ${DEFAULT_OUT_DIR}) with an
independent decoder and checks it: mono 44.1 kHz, length within the target, −16 ± 1 LUFS, true peak
≤ −1 dBTP, bytes and hash as the manifest says; and every transcript: cues in order, text equal to the
script (without a dialogue's speaker labels), last cue near the end, and in a dialogue each cue's
speaker following the script's turns. Exits with 1 when anything is off.
`,
  async run(argv) {
    const { values, positionals } = parse(argv, { out: { type: 'string' } }, 1);
    // Loaded on use: the decoder, the YAML parser and the schemas are needed here, and every
    // other command starts faster without them.
    const { loadSeries } = await import('../series/load.js');
    const content = await loadSeries(positionals[0] ?? DEFAULT_SERIES_DIR);
    const { verifySeries } = await import('../build/verify.js');
    const results = await verifySeries(content, values.out ?? DEFAULT_OUT_DIR);
    const out = process.stdout;
    out.write('Episode  Seconds    LUFS  Peak dBTP  Cues\n');
    for (const r of results) {
      out.write(
        `${String(r.number).padStart(7)}  ${r.seconds.toFixed(1).padStart(7)}  ${r.lufs.toFixed(1).padStart(6)}  ${r.truePeakDb
          .toFixed(1)
          .padStart(9)}  ${String(r.cues).padStart(4)}  ${r.problems.length ? 'FAIL' : 'ok'}\n`,
      );
      for (const problem of r.problems) out.write(`         ${problem}\n`);
    }
    const failed = results.filter((r) => r.problems.length > 0).length;
    out.write(failed ? `${failed} of ${results.length} episodes failed.\n` : `All ${results.length} episodes pass.\n`);
    return failed ? 1 : 0;
  },
};
