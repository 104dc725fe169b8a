/**
 * The bundle as a stream: a client that goes away midway leaves no read snapshot open, and an
 * evidence file whose bytes no longer match its name cuts the bundle off rather than sealing it
 * into a bag (carried as stored, or stripped on the way), and a slow client still gets every stripped copy whole. An open snapshot is seen the way SQLite sees it: a checkpoint cannot copy back WAL
 * frames written after the oldest snapshot still being read. (Its file handle is no sign: SQLite
 * keeps a closed connection's descriptor while another connection of the process holds locks on
 * the file.) Nothing is faked: a real server, SQLite file and evidence store.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvidenceStore } from '../../server/evidence/store.js';
import { checkBag, filesUnder, unzipBundle } from '../helpers/bag.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { aLocation } from '../helpers/factories.js';
import { sha256, uploadRaw } from '../helpers/files.js';
import { stripJpegWhole } from '../helpers/strip-whole.js';

/** WAL frames a checkpoint could not copy back into the database: frames some open snapshot predates. */
function pinnedFrames(cb: TestCasebook): number {
  const [result] = cb.db.$client.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
  return result!.log - result!.checkpointed;
}

const pause = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

/** A JPEG of about `bytes` bytes: an EXIF segment with a GPS position, a scan of random bytes (0xFF stuffed as 0xFF00), the end of image. */
function largeJpeg(bytes: number): Buffer {
  const exif = Buffer.from('Exif\0\0GPS 43.3178 N 45.6949 E', 'latin1');
  const scan = Buffer.alloc(2 * bytes);
  let length = 0;
  for (const byte of randomBytes(bytes)) {
    scan[length++] = byte;
    if (byte === 0xff) scan[length++] = 0;
  }
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, exif.length + 2]), exif, Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]), scan.subarray(0, length), Buffer.from([0xff, 0xd9])]);
}

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

  it('when a client reads a public bundle of multi-MiB photos slowly, each stripped copy arrives whole: the manifests check out and each copy is its original stripped', async function () {
    this.timeout(60_000);
    const originals = [5.5, 1.2, 6.1, 2.2, 6.5].map((mib) => largeJpeg(Math.round(mib * 1024 * 1024)));
    for (const [i, jpeg] of originals.entries()) {
      const upload = await uploadRaw(cb, `photo-${i}.jpg`, jpeg, '?protected=false');
      assert.equal(upload.status, 201, upload.text);
    }
    const response = await fetch(`${cb.url}/api/v1/exports/bundle?profile=public`, { headers: { authorization: `Bearer ${cb.account('researcher').token}` } });
    assert.equal(response.status, 200);
    const reader = response.body!.getReader();
    const parts: Uint8Array[] = [];
    // Slower than the server writes, so the streams' buffers still hold a file's last bytes when the next one is read:
    // the buffers originals are read into are reused, and views of them in those streams would be overwritten.
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      parts.push(read.value);
      await pause(5);
    }
    const dir = mkdtempSync(join(tmpdir(), 'casebook-slow-bundle-'));
    try {
      const root = /filename="?([^".]+)\.zip/.exec(response.headers.get('content-disposition')!)![1]!;
      const bag = unzipBundle(Buffer.concat(parts), dir, root);
      checkBag(bag);
      const carried = new Set(filesUnder(join(bag, 'data/evidence')));
      for (const [i, jpeg] of originals.entries()) {
        const copy = Buffer.concat(stripJpegWhole(jpeg));
        assert.ok(copy.length > 1024 * 1024 && !copy.includes('Exif'), `photo ${i} is stripped`);
        const path = `${sha256(copy)}.jpg`;
        assert.ok(carried.has(path), `photo ${i} is carried as ${path}`);
        assert.ok(readFileSync(join(bag, 'data/evidence', path)).equals(copy), `photo ${i}'s copy is whole`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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

  it('when a stored photo no longer matches its SHA-256, a public bundle, which strips it, is cut off instead of carrying a copy of it, and the log says why', async () => {
    const upload = await uploadRaw(cb, 'altered.jpg', largeJpeg(2 * 1024 * 1024), '?protected=false');
    assert.equal(upload.status, 201, upload.text);
    const photo: { id: number; sha256: string } = upload.body;
    const store = new EvidenceStore(cb.evidenceDir);
    writeFileSync(store.pathOf(photo.sha256), largeJpeg(2 * 1024 * 1024));
    const response = await fetch(`${cb.url}/api/v1/exports/bundle?profile=public`, { headers: { authorization: `Bearer ${cb.account('researcher').token}` } });
    assert.equal(response.status, 200);
    await assert.rejects(response.arrayBuffer(), 'the body ends without the ZIP being completed');
    for (let tries = 0; tries < 500 && !cb.logLines.some((line) => line.includes(photo.sha256)); tries++) await pause();
    assert.ok(cb.logLines.some((line) => line.includes(`The stored file ${photo.sha256} of evidence item ${photo.id} no longer has that SHA-256`)));
    const custody = cb.db.$client.prepare(`SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'export' AND record_kind = 'evidence' AND record_id = ?`).get(photo.id) as { n: number };
    assert.equal(custody.n, 0, 'no custody event for a copy that was never carried');
  });
});
