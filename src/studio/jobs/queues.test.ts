import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_JOBS_FOLDER, describeQueue, queueBackend } from './queues.js';

describe('choosing the job store', () => {
  it('uses PostgreSQL when NINETY_DATABASE_URL is set, and the embedded store otherwise', () => {
    assert.equal(queueBackend({ env: { NINETY_DATABASE_URL: 'postgres://db/ninety' } }), 'postgres');
    assert.equal(queueBackend({ env: {} }), 'embedded');
    assert.equal(queueBackend({ env: { NINETY_DATABASE_URL: '  ' } }), 'embedded', 'a blank value is no address');
  });

  it('lets an explicit address or folder override the environment', () => {
    assert.equal(queueBackend({ databaseUrl: 'postgres://other/db', env: {} }), 'postgres');
    assert.equal(queueBackend({ databaseUrl: '', env: { NINETY_DATABASE_URL: 'postgres://db/ninety' } }), 'embedded');
  });

  it('says where the jobs are without showing a password', () => {
    assert.equal(describeQueue({ env: {} }), `jobs in ${DEFAULT_JOBS_FOLDER} (embedded PostgreSQL)`);
    assert.equal(describeQueue({ folder: 'x/jobs', env: {} }), 'jobs in x/jobs (embedded PostgreSQL)');
    const line = describeQueue({ env: { NINETY_DATABASE_URL: 'postgres://ninety:secret@db.local:5432/ninety' } });
    assert.equal(line, 'jobs in PostgreSQL (postgres://db.local:5432/ninety)');
  });
});
