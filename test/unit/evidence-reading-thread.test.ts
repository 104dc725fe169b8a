/**
 * The thread a public bundle reads its originals on (server/evidence/reading-thread.ts): every
 * byte of every file in the order asked, with its SHA-256, however many reads wait; buffers handed
 * back and read into again; a missing file refused without stopping the reads after it; and a
 * thread that keeps no process alive once nothing waits on it. A real store in a temporary folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadingThread } from '../../server/evidence/reading-thread.js';
import { CHUNK_BYTES, EvidenceStore } from '../../server/evidence/store.js';

const SIZES = [0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 17];
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the thread that reads evidence files for a bundle', () => {
  let dir: string;
  let store: EvidenceStore;
  let reader: ReadingThread;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-reading-'));
    store = new EvidenceStore(dir);
    reader = new ReadingThread((name) => store.pathOf(name));
  });
  afterEach(async () => {
    await reader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function stored(bytes: Buffer): Promise<string> {
    const received = await store.receivePieces([bytes]);
    await store.commit(received);
    return received.sha256;
  }

  it('when files of sizes around the chunk size are all asked for at once, then each comes back whole and in order, in chunks of at most 1 MiB, with its SHA-256', async () => {
    const files = SIZES.map((size) => randomBytes(size));
    const names = await Promise.all(files.map(stored));
    const read = await Promise.all(names.map((name) => reader.read(name)));
    for (const [i, file] of read.entries()) {
      const size = files[i]!.length;
      assert.ok(Buffer.concat(file.chunks).equals(files[i]!), `the ${size} bytes`);
      assert.equal(file.chunks.length, Math.ceil(size / CHUNK_BYTES), `chunks of ${size} bytes`);
      assert.ok(file.chunks.every((chunk) => chunk.length > 0 && chunk.length <= CHUNK_BYTES));
      assert.equal(file.sha256, sha256(files[i]!));
    }
  });

  it('when chunks are handed back, then they are emptied here and the next files, read into them, still come back whole', async () => {
    const first = await reader.read(await stored(randomBytes(2 * CHUNK_BYTES + 5)));
    reader.giveBack(first.chunks);
    assert.ok(first.chunks.every((chunk) => chunk.length === 0), 'nothing here can read what the thread writes next');
    for (const size of [CHUNK_BYTES + 3, 3 * CHUNK_BYTES, 10]) {
      const bytes = randomBytes(size);
      const file = await reader.read(await stored(bytes));
      assert.ok(Buffer.concat(file.chunks).equals(bytes));
      assert.equal(file.sha256, sha256(bytes));
      reader.giveBack(file.chunks);
    }
  });

  it('when a stored file no longer holds the bytes of its name, then the SHA-256 given says so', async () => {
    const name = await stored(randomBytes(5000));
    writeFileSync(store.pathOf(name), randomBytes(5000));
    assert.notEqual((await reader.read(name)).sha256, name);
  });

  it('when a file is missing, then its read is refused with the reason, and the reads asked after it are still given', async () => {
    const bytes = randomBytes(CHUNK_BYTES + 1);
    const present = await stored(bytes);
    const missing = 'f'.repeat(64);
    const [refused, given] = await Promise.allSettled([reader.read(missing), reader.read(present)]);
    assert.equal(refused.status, 'rejected');
    assert.equal((refused as PromiseRejectedResult).reason.code, 'ENOENT');
    assert.match((refused as PromiseRejectedResult).reason.message, /no such file/);
    assert.equal(given.status, 'fulfilled');
    assert.equal((given as PromiseFulfilledResult<{ sha256: string }>).value.sha256, sha256(bytes));
  });

  it('when it is closed, then a read still waiting is refused, and the next read starts a new thread', async () => {
    const bytes = randomBytes(4 * CHUNK_BYTES);
    const name = await stored(bytes);
    const waiting = reader.read(name);
    await reader.close();
    await assert.rejects(waiting, /stopped .* before it gave every file/);
    assert.equal((await reader.read(name)).sha256, sha256(bytes));
  });

  it('when a process is done with it but never closes it, then the process still ends', async () => {
    const name = await stored(randomBytes(1000));
    const script = `
      import { ReadingThread } from './server/evidence/reading-thread.ts';
      const reader = new ReadingThread(() => ${JSON.stringify(store.pathOf(name))});
      const file = await reader.read('ignored');
      console.log(file.sha256);
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '../..'), timeout: 15_000 });
    assert.equal(run.signal, null, 'it ended by itself, not by the guard that kills it after 15 s');
    assert.equal(run.status, 0, String(run.stderr));
    assert.equal(String(run.stdout).trim(), name);
  });
});
