/**
 * Receiving a file into the evidence store (server/evidence/store.ts), written both ways it can
 * be: with O_DIRECT in whole pages, the last one padded and cut back, and through the page cache
 * where the filesystem refuses direct writes. Sizes around the page and block edges, sent in
 * uneven chunks. A real store in a temporary folder.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { EvidenceStore, TooLargeError } from '../../server/evidence/store.js';

const PAGE = 4096;
const BLOCK = 2 * 1024 * 1024;
const SIZES = [1, PAGE - 1, PAGE, PAGE + 1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + PAGE + 17];

/** `bytes` in chunks of uneven sizes, as a socket delivers them. */
function unevenChunks(bytes: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const length = [65536, 1, 7000, 300_000, 4096][i % 5]!;
    chunks.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return Readable.from(chunks);
}

for (const direct of [true, false]) {
  describe(`the evidence store receiving a file (${direct ? 'O_DIRECT where the filesystem allows' : 'through the page cache'})`, () => {
    let dir: string;
    let store: EvidenceStore;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'casebook-receive-'));
      store = new EvidenceStore(dir, { direct });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('when files of sizes around page and block edges arrive in uneven chunks, then each is stored whole with its SHA-256', async () => {
      if (!direct) assert.equal(store.writesDirect, false);
      for (const size of SIZES) {
        const bytes = randomBytes(size);
        const received = await store.receive(unevenChunks(bytes), size);
        assert.equal(received.size, size, `size ${size}`);
        assert.equal(received.sha256, createHash('sha256').update(bytes).digest('hex'), `hash of ${size} bytes`);
        assert.deepEqual(received.head, bytes.subarray(0, 64));
        assert.ok(readFileSync(received.tempPath).equals(bytes), `the ${size} bytes on disk are the bytes sent`);
        assert.equal(await store.commit(received), true);
        assert.ok(readFileSync(store.pathOf(received.sha256)).equals(bytes));
      }
      assert.deepEqual(readdirSync(store.tmpDir), []);
    });

    it('when a file runs past the maximum, then it is refused and no temporary file is left', async () => {
      await assert.rejects(store.receive(unevenChunks(randomBytes(BLOCK + 10)), BLOCK), TooLargeError);
      assert.deepEqual(readdirSync(store.tmpDir), []);
    });

    it('when the sender fails half way, then no temporary file is left', async () => {
      async function* failing() {
        yield randomBytes(BLOCK + PAGE);
        throw new Error('connection reset');
      }
      await assert.rejects(store.receive(Readable.from(failing()), Number.MAX_SAFE_INTEGER), /connection reset/);
      assert.deepEqual(readdirSync(store.tmpDir), []);
    });
  });
}
