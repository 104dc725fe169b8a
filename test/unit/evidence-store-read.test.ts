/**
 * Reading a stored file back in chunks (EvidenceStore.read), as a safe copy is made of it: every
 * byte in order, and its SHA-256. A real store in a temporary folder.
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

  it('when a stored file no longer holds the bytes of its name, then the SHA-256 returned says so', async () => {
    const sha256 = await stored(randomBytes(5000));
    writeFileSync(store.pathOf(sha256), randomBytes(5000));
    assert.notEqual((await store.read(sha256)).sha256, sha256);
  });
});
