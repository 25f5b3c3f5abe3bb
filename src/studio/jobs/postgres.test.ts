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

  it('fails on CI, rather than skipping, when no PostgreSQL can be started', async () => {
    const missing = { binDir: '/nonexistent/postgresql/bin', env: {} };
    await assert.rejects(startTestPostgres({ ...missing, required: true }), /On CI the PostgreSQL tests must run: install the Debian package "postgresql"/);
    const local = await startTestPostgres({ ...missing, required: false });
    assert.ok('unavailable' in local && /initdb and pg_ctl were not found/.test(local.unavailable));
  });

  it('redacts only the password of an address', () => {
    assert.equal(redact('postgres://u:p@h:5432/d'), 'postgres://u:***@h:5432/d');
    assert.equal(redact('postgres://h/d'), 'postgres://h/d');
    assert.equal(redact('not a url'), 'the address given');
  });
});
