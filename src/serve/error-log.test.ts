import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureLine } from './error-log.js';

const eio = (): NodeJS.ErrnoException => Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });

describe('failureLine', () => {
  it('says status, method, path and the error as node:fs worded it', () => {
    assert.equal(failureLine({ method: 'GET', url: '/s/a.mp3', status: 500, error: eio(), debug: false }), 'ninety serve: 500 GET /s/a.mp3: EIO: i/o error, read');
  });

  it('puts the code before a message that does not start with it', () => {
    const error = Object.assign(new Error('permission denied: /srv/out/s/a.mp3'), { code: 'EACCES' });
    assert.equal(failureLine({ method: 'HEAD', url: '/s/a.mp3', status: 403, error, debug: false }), 'ninety serve: 403 HEAD /s/a.mp3: EACCES: permission denied: /srv/out/s/a.mp3');
  });

  it('says a response was cut short when its status line had already gone', () => {
    assert.equal(failureLine({ method: 'GET', url: '/s/a.mp3', status: 'aborted', error: eio(), debug: false }), 'ninety serve: response cut short GET /s/a.mp3: EIO: i/o error, read');
  });

  it('words anything thrown that is not an Error', () => {
    assert.equal(failureLine({ method: 'GET', url: '/', status: 500, error: 'disk on fire', debug: false }), 'ninety serve: 500 GET /: disk on fire');
    assert.equal(failureLine({ method: 'GET', url: '/', status: 500, error: undefined, debug: true }), 'ninety serve: 500 GET /: undefined');
  });

  it('shows control characters from the request as escapes, so one request is one line', () => {
    const line = failureLine({ method: 'GET\u0000', url: '/a\nninety serve: 200 GET /\u007f', status: 500, error: eio(), debug: false });
    assert.equal(line, 'ninety serve: 500 GET\\x00 /a\\x0aninety serve: 200 GET /\\x7f: EIO: i/o error, read');
  });

  it('adds the stack on the lines after only when debugging', () => {
    const error = eio();
    const line = failureLine({ method: 'GET', url: '/', status: 500, error, debug: true });
    assert.equal(line, `ninety serve: 500 GET /: EIO: i/o error, read\n${error.stack}`);
  });
});
