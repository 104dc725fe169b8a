/**
 * The bundle as a stream: a client that goes away midway leaves no read snapshot open, and an
 * evidence file whose bytes no longer match its name cuts the bundle off rather than sealing it
 * into a bag. An open snapshot is seen the way SQLite sees it: a checkpoint cannot copy back WAL
 * frames written after the oldest snapshot still being read. (Its file handle is no sign: SQLite
 * keeps a closed connection's descriptor while another connection of the process holds locks on
 * the file.) Nothing is faked: a real server, SQLite file and evidence store.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { EvidenceStore } from '../../server/evidence/store.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aLocation } from '../helpers/factories.js';
import { uploadRaw } from '../helpers/files.js';

/** WAL frames a checkpoint could not copy back into the database: frames some open snapshot predates. */
function pinnedFrames(cb: TestCasebook): number {
  const [result] = cb.db.$client.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
  return result!.log - result!.checkpointed;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('an export bundle as a stream', () => {
  let cb: TestCasebook;
  let big: { id: number; sha256: string };
  before(async function () {
    this.timeout(30_000);
    cb = await startCasebook();
    // Far more than socket buffers hold: the server is still writing it when the client leaves.
    const upload = await uploadRaw(cb, 'recording.bin', randomBytes(24 * 1024 * 1024), '?protected=false');
    assert.equal(upload.status, 201, upload.text);
    big = { id: upload.body.id, sha256: upload.body.sha256 };
  });
  after(() => cb.close());

  it('when the client disconnects midway, the read snapshot is closed and the unfinished file gets no custody event', async () => {
    const abort = new AbortController();
    const response = await fetch(`${cb.url}/api/v1/exports/bundle?profile=internal`, { headers: { authorization: `Bearer ${cb.account('researcher').token}` }, signal: abort.signal });
    assert.equal(response.status, 200);
    const reader = response.body!.getReader();
    let received = 0;
    while (received < 256 * 1024) received += (await reader.read()).value!.length;
    await aLocation(cb, { name: 'Written while the bundle streams' });
    assert.ok(pinnedFrames(cb) > 0, 'while the bundle streams, its snapshot holds the checkpoint back');
    abort.abort();
    await reader.closed.catch(() => undefined);
    for (let tries = 0; tries < 500 && pinnedFrames(cb) > 0; tries++) await pause();
    assert.equal(pinnedFrames(cb), 0, 'the snapshot was closed');
    const custody = cb.db.$client.prepare(`SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'export' AND record_kind = 'evidence' AND record_id = ?`).get(big.id) as { n: number };
    assert.equal(custody.n, 0);
  });

  it('when a stored evidence file no longer matches its SHA-256, the bundle is cut off instead of completed, and the log says why', async () => {
    const store = new EvidenceStore(cb.evidenceDir);
    writeFileSync(store.pathOf(big.sha256), randomBytes(1024));
    const response = await fetch(`${cb.url}/api/v1/exports/bundle?profile=partner`, { headers: { authorization: `Bearer ${cb.account('researcher').token}` } });
    assert.equal(response.status, 200, 'the damage is found only once the file has streamed');
    await assert.rejects(response.arrayBuffer(), 'the body ends without the ZIP being completed');
    for (let tries = 0; tries < 500 && !cb.logLines.some((line) => line.includes('no longer has that SHA-256')); tries++) await pause();
    assert.ok(cb.logLines.some((line) => line.includes(`The stored file ${big.sha256} of evidence item ${big.id} no longer has that SHA-256`)));
  });
});
