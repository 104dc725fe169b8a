/**
 * Refused uploads leave nothing behind: no temporary file, no stored file, no row, no custody event.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { fixture, listing, uploadRaw } from '../helpers/files.js';
import { contentDigest } from '../helpers/snapshot.js';

describe('evidence: bad uploads', () => {
  let cb: TestCasebook;
  before(async () => {
    cb = await startCasebook({ maxUploadBytes: 100_000 });
    await uploadRaw(cb, 'first.jpg', fixture('plain.jpg'));
  });
  after(() => cb.close());

  async function refused(send: () => Promise<{ status: number; body: any }>, status: number, type: string) {
    const database = contentDigest(cb.db);
    const files = listing(cb.evidenceDir);
    const response = await send();
    assert.equal(response.status, status, JSON.stringify(response.body));
    assert.equal(response.body.type, type);
    assert.equal(contentDigest(cb.db), database, 'no row, no custody event');
    assert.deepEqual(listing(cb.evidenceDir), files, 'no stored or temporary file');
    return response;
  }

  it('an empty file: 400', async () => {
    await refused(() => uploadRaw(cb, 'empty.jpg', Buffer.alloc(0)), 400, 'validation-failed');
  });

  it('a file over the maximum: 413, whether announced or discovered while streaming', async () => {
    await refused(() => uploadRaw(cb, 'big.bin', Buffer.alloc(200_000, 1)), 413, 'payload-too-large');
    const chunked = async () => {
      const response = await fetch(`${cb.url}/api/v1/evidence`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cb.account('researcher').token}`, 'content-type': 'application/octet-stream', 'x-file-name': 'stream.bin' },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(10_000).fill(i));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      return { status: response.status, body: await response.json() };
    };
    await refused(chunked, 413, 'payload-too-large');
  });

  it('bytes that are not the image type they claim: 415', async () => {
    await refused(() => uploadRaw(cb, 'fake.jpg', Buffer.from('just some text, not a JPEG'), '', { 'content-type': 'image/jpeg' }), 415, 'media-type-mismatch');
  });

  for (const [label, name] of [
    ['a path that climbs out', '../../etc/passwd'],
    ['a NUL byte', 'photo\0.jpg'],
    ['a control character', 'photo\u0007.jpg'],
    ['300 characters', `${'a'.repeat(296)}.jpg`],
    ['no name at all', ''],
  ]) {
    it(`a file name with ${label}: 400 naming the file name`, async () => {
      const response = await refused(() => uploadRaw(cb, name!, fixture('gps.jpg')), 400, 'validation-failed');
      assert.equal(response.body.errors[0].path, 'filename');
    });
  }

  it('links to an incident that does not exist: 400, and the received file is removed', async () => {
    await refused(() => uploadRaw(cb, 'x.jpg', fixture('gps.jpg'), '?incident=424242'), 400, 'validation-failed');
  });

  it('a client that disconnects half way leaves nothing', async () => {
    const database = contentDigest(cb.db);
    const files = listing(cb.evidenceDir);
    await new Promise<void>((resolve) => {
      const url = new URL(`${cb.url}/api/v1/evidence`);
      const req = request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { authorization: `Bearer ${cb.account('researcher').token}`, 'content-type': 'application/octet-stream', 'x-file-name': 'half.jpg', 'content-length': '50000' },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(20_000, 7));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    // The server notices the disconnect asynchronously.
    for (let i = 0; i < 50 && listing(cb.evidenceDir).length !== files.length; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(listing(cb.evidenceDir), files);
    assert.equal(contentDigest(cb.db), database);
  });

  it('a journalist may not upload: 403, nothing stored', async () => {
    const send = async () => {
      const response = await fetch(`${cb.url}/api/v1/evidence`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cb.account('journalist').token}`, 'content-type': 'application/octet-stream', 'x-file-name': 'j.jpg' },
        body: new Blob([new Uint8Array(fixture('gps.jpg'))]),
      });
      return { status: response.status, body: await response.json() };
    };
    await refused(send, 403, 'forbidden');
  });
});
