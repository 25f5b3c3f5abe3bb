/**
 * Build progress: a bar that redraws in place on a terminal, plain lines anywhere else (CI logs,
 * pipes), and the closing table.
 */
export interface ProgressReporter {
  start(total: number): void;
  episodeDone(line: string): void;
  /** Something the user should know that is not an episode finishing (a damaged cache entry, a retry). */
  note(line: string): void;
  finish(): void;
}

/** `doing` and `item` name the work in plain output: "Speaking 21 episodes…", "Writing 12 scripts…". */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, doing = 'Speaking', item = 'episode'): ProgressReporter {
  let total = 0;
  let done = 0;
  const startedAt = Date.now();
  if (!stream.isTTY) {
    return {
      start: (n) => {
        total = n;
        if (n > 0) stream.write(`${doing} ${n} ${item}${n === 1 ? '' : 's'}…\n`);
      },
      episodeDone: (line) => {
        done++;
        stream.write(`[${done}/${total}] ${line}\n`);
      },
      note: (line) => stream.write(`${line}\n`),
      finish: () => undefined,
    };
  }
  const draw = (line: string) => {
    const width = 24;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const elapsed = ((Date.now() - startedAt) / 1000).toFixed(0);
    const text = `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${done}/${total} ${elapsed}s ${line}`;
    stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 80) - 1)}`);
  };
  return {
    start: (n) => {
      total = n;
      if (n > 0) draw('');
    },
    episodeDone: (line) => {
      done++;
      draw(line);
    },
    note: (line) => {
      stream.write(`\r\x1b[2K${line}\n`);
      if (total > 0) draw('');
    },
    finish: () => {
      if (total > 0) stream.write('\n');
    },
  };
}

export interface TableRow {
  episode: string;
  words: number;
  seconds: number;
  rate: string;
  lufs: number;
  cached: boolean;
}

export function formatTable(rows: readonly TableRow[]): string {
  const header = ['Episode', 'Words', 'Seconds', 'Rate', 'LUFS', ''];
  const body = rows.map((r) => [
    r.episode,
    String(r.words),
    r.seconds.toFixed(1),
    r.rate,
    r.lufs.toFixed(1),
    r.cached ? 'cached' : 'spoken',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...body.map(line)].join('\n');
}
