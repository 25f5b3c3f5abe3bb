/**
 * Build failures a user can act on, printed by the CLI as plain lines (no stack): kept apart
 * from the build itself so the CLI can recognise them without loading the whole pipeline.
 */

/** Some episodes could not be spoken; the rest are in the cache and the previous output is untouched. */
export class SpeechFailedError extends Error {
  constructor(readonly failures: { label: string; reason: string }[], readonly finished: number) {
    super(
      [
        ...failures.map((f) => `${f.label}: ${f.reason}`),
        `${failures.length} episode${failures.length === 1 ? '' : 's'} could not be spoken; ` +
          `${finished} finished and kept in the cache, so the next build speaks only ${failures.length === 1 ? 'this one' : 'these'}. ` +
          'Nothing was written to the output.',
      ].join('\n'),
    );
    this.name = 'SpeechFailedError';
  }
}

/** Another build holds the output folder and did not finish in time. */
export class OutputLockedError extends Error {
  override name = 'OutputLockedError';
}
