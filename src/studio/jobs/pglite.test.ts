import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jobsContract, TEST_TUNING } from './jobs.contract.js';
import { openEmbeddedQueue } from './pglite.js';

// One store for the whole file: PGlite creates its cluster on first open, which takes seconds.
const folder = await mkdtemp(join(tmpdir(), 'ninety-jobs-'));

jobsContract('embedded (pg-boss on PGlite)', async () => ({
  open: (tuning) => openEmbeddedQueue(folder, tuning),
  concurrent: false,
}));

describe('embedded job store', () => {
  it('refuses a second process on the same folder, naming the way to share jobs', async () => {
    const queue = await openEmbeddedQueue(folder, TEST_TUNING);
    try {
      // The lock is per folder, so a second open in this process stands for another process.
      await assert.rejects(openEmbeddedQueue(folder, TEST_TUNING), /open in another Ninety process.*NINETY_DATABASE_URL/);
    } finally {
      await queue.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
