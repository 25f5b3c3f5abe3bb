import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jobsContract, TEST_TUNING } from './jobs.contract.js';
import { openPostgresQueue, redact } from './postgres.js';
import { startTestPostgres } from './test-postgres.js';

// One cluster for the file; on CI a PostgreSQL that cannot be started fails here, loudly.
const pg = await startTestPostgres();

if ('unavailable' in pg) {
  describe('job queue contract: PostgreSQL (pg-boss)', () => {
    it('runs against a real PostgreSQL', { skip: pg.unavailable }, () => {});
  });
} else {
  const { url, schema } = pg;
  jobsContract(`PostgreSQL (pg-boss, ${pg.source})`, async () => ({
    open: (tuning) => openPostgresQueue(url, { ...tuning, schema }),
    concurrent: true,
    dispose: () => pg.stop(),
  }));
}

describe('PostgreSQL job store', () => {
  it('says which database it cannot open, without its password, and what to check', async () => {
    await assert.rejects(
      openPostgresQueue('postgres://ninety:hunter2@127.0.0.1:1/none', TEST_TUNING),
      (error: Error) => {
        assert.match(error.message, /cannot open the job database at postgres:\/\/ninety:\*\*\*@127\.0\.0\.1:1\/none \(ECONNREFUSED\); check NINETY_DATABASE_URL/);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
  });

  it('redacts only the password of an address', () => {
    assert.equal(redact('postgres://u:p@h:5432/d'), 'postgres://u:***@h:5432/d');
    assert.equal(redact('postgres://h/d'), 'postgres://h/d');
    assert.equal(redact('not a url'), 'the address given');
  });
});
