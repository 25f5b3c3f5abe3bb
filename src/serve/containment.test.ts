import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contains } from './containment.js';

describe('contains', () => {
  it('accepts the root itself and paths below it', () => {
    assert.equal(contains('/srv/out', '/srv/out'), true);
    assert.equal(contains('/srv/out', '/srv/out/s/audio/01.mp3'), true);
  });

  it('refuses a sibling folder whose name merely starts with the root', () => {
    assert.equal(contains('/srv/out', '/srv/out-private/secret.txt'), false);
    assert.equal(contains('/srv/out', '/srv/outside'), false);
  });

  it('refuses paths above or beside the root', () => {
    assert.equal(contains('/srv/out', '/srv'), false);
    assert.equal(contains('/srv/out', '/etc/passwd'), false);
  });

  it('refuses anything under a hidden file or folder inside the root', () => {
    assert.equal(contains('/srv/out', '/srv/out/.git/config'), false);
    assert.equal(contains('/srv/out', '/srv/out/s/.env'), false);
  });
});
