/**
 * /healthz and /readyz, and the 507 refusal of uploads while the disk is short of space. Nothing
 * is faked: "short of space" is a minimum free space set above what the real disk has, and "the
 * evidence folder does not take files" is its temporary folder replaced by a plain file (the
 * tests may run as root, for whom permission bits do not stop a write). The one fake: a route
 * that throws the error a full disk gives, to check how the error middleware answers it.
 */
import assert from 'node:assert/strict';
import express from 'express';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { problemHandler } from '../../server/errors.js';
import { createLogger } from '../../server/logger.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { fixture, listing } from '../helpers/files.js';

const HUGE = Number.MAX_SAFE_INTEGER;

describe('health and readiness', () => {
  let cb: TestCasebook;
  afterEach(() => cb.close());

  it('when the process is up, then /healthz answers 200 to anyone with a tiny body', async () => {
    cb = await startCasebook();
    const response = await cb.as('anonymous').get('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { status: 'up' });
  });

  it('when everything can take writes, then /readyz answers 200 to anyone, lists its checks, and leaves no file behind', async () => {
    cb = await startCasebook({ minFreeBytes: 1 });
    const before = listing(cb.dir).filter((line) => !line.startsWith('casebook.db'));
    const response = await cb.as('anonymous').get('/readyz');
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { status: 'ready', checks: { database: 'ok', evidence: 'ok', diskSpace: 'ok' } });
    assert.deepEqual(listing(cb.dir).filter((line) => !line.startsWith('casebook.db')), before);
  });

  it('when free space is below the minimum, then /readyz is 503 problem+json naming the disk check, with no path or figure', async () => {
    cb = await startCasebook({ minFreeBytes: HUGE });
    const response = await cb.as('anonymous').get('/readyz');
    assert.equal(response.status, 503);
    assert.match(response.contentType, /application\/problem\+json/);
    assert.equal(response.body.type, 'not-ready');
    assert.deepEqual(response.body.checks, { database: 'ok', evidence: 'ok', diskSpace: 'failing' });
    assert.match(response.body.detail, /free disk space is below the configured minimum/);
    assert.ok(!response.text.includes(cb.dir), 'the body names no path');
    assert.ok(!/\d{4,}/.test(response.text), 'the body gives no figures');
  });

  it('when the evidence folder does not take files, then /readyz is 503 naming it without its path, and recovers when it does again', async () => {
    cb = await startCasebook({ minFreeBytes: 1 });
    const tmp = join(cb.evidenceDir, 'tmp');
    rmSync(tmp, { recursive: true });
    writeFileSync(tmp, 'in the way');
    const response = await cb.as('anonymous').get('/readyz');
    assert.equal(response.status, 503);
    assert.deepEqual(response.body.checks, { database: 'ok', evidence: 'failing', diskSpace: 'ok' });
    assert.match(response.body.detail, /the evidence folder does not take new files/);
    assert.ok(!response.text.includes(cb.dir));
    assert.ok(cb.logLines.some((line) => line.includes('not ready')), 'the cause goes to the log');

    rmSync(tmp);
    mkdirSync(tmp);
    assert.equal((await cb.as('anonymous').get('/readyz')).status, 200);
  });

  it('when another connection holds the database write lock, then /readyz says the database does not take writes', async () => {
    cb = await startCasebook({ minFreeBytes: 1 });
    cb.db.$client.pragma('busy_timeout = 50');
    const { default: Database } = await import('better-sqlite3');
    const other = new Database(cb.dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      const response = await cb.as('anonymous').get('/readyz');
      assert.equal(response.status, 503);
      assert.equal(response.body.checks.database, 'failing');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});

describe('uploads while the disk is short of space', () => {
  let cb: TestCasebook;
  beforeEach(async () => {
    cb = await startCasebook({ minFreeBytes: HUGE });
  });
  afterEach(() => cb.close());

  async function upload(body: BodyInit, headers: Record<string, string>) {
    const response = await fetch(`${cb.url}/api/v1/evidence?description=x`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cb.account('researcher').token}`, ...headers },
      body,
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as { type: string; detail: string } };
  }

  it('when a raw upload arrives, then it is refused with 507 and nothing is written: no temporary file, no row, no audit entry', async () => {
    const before = listing(cb.evidenceDir);
    const rows = cb.db.$client.prepare('SELECT (SELECT count(*) FROM evidence) AS evidence, (SELECT count(*) FROM audit_entries) AS audit').get();
    const response = await upload(new Blob([new Uint8Array(fixture('gps.jpg'))]), { 'content-type': 'application/octet-stream', 'x-file-name': 'a.jpg' });
    assert.equal(response.status, 507);
    assert.match(response.type, /application\/problem\+json/);
    assert.equal(response.body.type, 'insufficient-storage');
    assert.ok(!JSON.stringify(response.body).includes(cb.dir));
    assert.deepEqual(listing(cb.evidenceDir), before);
    assert.deepEqual(cb.db.$client.prepare('SELECT (SELECT count(*) FROM evidence) AS evidence, (SELECT count(*) FROM audit_entries) AS audit').get(), rows);
  });

  it('when a multipart upload arrives, then it is refused with 507 just the same', async () => {
    const before = listing(cb.evidenceDir);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(fixture('plain.jpg'))], { type: 'image/jpeg' }), 'b.jpg');
    const response = await upload(form, {});
    assert.equal(response.status, 507);
    assert.equal(response.body.type, 'insufficient-storage');
    assert.deepEqual(listing(cb.evidenceDir), before);
    assert.equal((cb.db.$client.prepare('SELECT count(*) AS n FROM evidence').get() as { n: number }).n, 0);
  });
});

describe('a disk that fills mid-write anyway', () => {
  for (const code of ['ENOSPC', 'SQLITE_FULL']) {
    it(`when a write fails with ${code}, then the answer is 507 insufficient-storage, not a 500`, async () => {
      const app = express();
      app.post('/write', () => {
        throw Object.assign(new Error(`${code}: no space left on device, write '/secret/path'`), { code });
      });
      app.use(problemHandler(createLogger('silent')));
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      try {
        const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/write`, { method: 'POST' });
        const text = await response.text();
        assert.equal(response.status, 507);
        assert.equal(JSON.parse(text).type, 'insufficient-storage');
        assert.ok(!text.includes('/secret/path'));
      } finally {
        server.close();
      }
    });
  }
});
