/**
 * Reading a stored file back in chunks (EvidenceStore.read), as a public bundle does before it
 * strips the file: every byte in order, its SHA-256, and the same buffers read into again from
 * one file to the next. A real store in a temporary folder.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHUNK_BYTES, EvidenceStore } from '../../server/evidence/store.js';

const SIZES = [0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 17];

describe('the evidence store reading a file back in chunks', () => {
  let dir: string;
  let store: EvidenceStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-read-'));
    store = new EvidenceStore(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function stored(bytes: Buffer): Promise<string> {
    const received = await store.receivePieces([bytes]);
    await store.commit(received);
    return received.sha256;
  }

  it('when files of sizes around the chunk size are read, then each comes back whole, in chunks of at most 1 MiB, with its SHA-256', async () => {
    for (const size of SIZES) {
      const bytes = randomBytes(size);
      const { chunks, sha256 } = await store.read(await stored(bytes));
      assert.ok(Buffer.concat(chunks).equals(bytes), `the ${size} bytes`);
      assert.equal(chunks.length, Math.ceil(size / CHUNK_BYTES), `chunks of ${size} bytes`);
      assert.ok(chunks.every((chunk) => chunk.length > 0 && chunk.length <= CHUNK_BYTES));
      assert.equal(sha256, createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('when files are read one after another into the same buffers, then the buffers are reused and each file comes back whole', async () => {
    const buffers: Buffer[] = [];
    const large = randomBytes(2 * CHUNK_BYTES + 5);
    const small = randomBytes(1000);
    const first = await store.read(await stored(large), buffers);
    assert.ok(Buffer.concat(first.chunks).equals(large));
    const kept = [...buffers];
    assert.equal(kept.length, 3, 'a buffer for each chunk, none for the end of the file');
    const second = await store.read(await stored(small), buffers);
    assert.ok(Buffer.concat(second.chunks).equals(small));
    assert.equal(second.chunks[0]!.buffer, kept[0]!.buffer, 'read into the first buffer again');
    assert.ok(buffers.length === kept.length && buffers.every((buffer, i) => buffer === kept[i]), 'the same buffers, none added');
  });

  it('when a stored file no longer holds the bytes of its name, then the SHA-256 returned says so', async () => {
    const sha256 = await stored(randomBytes(5000));
    writeFileSync(store.pathOf(sha256), randomBytes(5000));
    assert.notEqual((await store.read(sha256)).sha256, sha256);
  });
});
