/**
 * Content-addressed evidence files: `<dir>/<first two hex>/<sha256>`. Uploads stream into a
 * temporary file in `<dir>/tmp` (same filesystem, so the final rename is atomic) while their
 * SHA-256 is computed; the file is fsynced before it is renamed into place, and removed on any
 * failure. This is the one interface an S3-style store would implement later.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class TooLargeError extends Error {}

export interface Received {
  readonly tempPath: string;
  readonly sha256: string;
  readonly size: number;
  /** The first bytes, for telling the media type. */
  readonly head: Buffer;
}

const HEAD_BYTES = 64;
const CHUNK = 1024 * 1024;
const SYNC_EVERY = 32 * CHUNK;

export class EvidenceStore {
  readonly tmpDir: string;

  constructor(readonly dir: string) {
    this.tmpDir = join(dir, 'tmp');
    mkdirSync(this.tmpDir, { recursive: true });
  }

  pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  open(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256), { highWaterMark: CHUNK });
  }

  /** Streams `source` into a temporary file, hashing as it goes; refuses past `maxBytes`, leaving nothing behind. */
  async receive(source: Readable, maxBytes: number): Promise<Received> {
    const tempPath = join(this.tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let size = 0;
    // Created here (wx: never over an existing file); this handle flushes, the stream below writes.
    const file = await open(tempPath, 'wx');
    // Flushing to disk every SYNC_EVERY bytes, while the upload goes on, leaves little for the
    // final fsync to wait for.
    let flushed = 0;
    let flushing: Promise<void> = Promise.resolve();
    // 1 MiB buffers: the default 16 KiB means tens of thousands of small writes per gigabyte.
    const meter = new Transform({
      highWaterMark: CHUNK,
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new TooLargeError(`over the ${maxBytes}-byte maximum`));
        if (size - chunk.length < HEAD_BYTES) headChunks.push(chunk.subarray(0, HEAD_BYTES));
        hash.update(chunk);
        if (size - flushed >= SYNC_EVERY) {
          flushed = size;
          flushing = flushing.then(() => file.datasync());
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tempPath, { flags: 'r+', highWaterMark: CHUNK }));
      await flushing;
      await file.sync();
    } catch (error) {
      await flushing.catch(() => undefined);
      await file.close().catch(() => undefined);
      await rm(tempPath, { force: true });
      throw error;
    }
    await file.close();
    return { tempPath, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks).subarray(0, HEAD_BYTES) };
  }

  /** Writes bytes made on the server (a safe copy) through the same path as an upload. */
  async receiveBuffer(bytes: Buffer): Promise<Received> {
    return this.receive(Readable.from([bytes]), Number.MAX_SAFE_INTEGER);
  }

  /** Moves a received file into place. Returns false when identical bytes were already stored. */
  async commit(received: Received): Promise<boolean> {
    const target = this.pathOf(received.sha256);
    if (existsSync(target)) {
      await rm(received.tempPath, { force: true });
      return false;
    }
    mkdirSync(join(this.dir, received.sha256.slice(0, 2)), { recursive: true });
    await rename(received.tempPath, target);
    await syncDirectory(join(this.dir, received.sha256.slice(0, 2)));
    return true;
  }

  async discard(received: Received): Promise<void> {
    await rm(received.tempPath, { force: true });
  }

  /** Removes a file this process has just placed, when the row that would reference it failed. */
  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /** Temporary files left by a crash; removed at start. Returns how many there were. */
  cleanTemporary(): number {
    const leftovers = readdirSync(this.tmpDir);
    for (const name of leftovers) rmSync(join(this.tmpDir, name), { force: true });
    return leftovers.length;
  }

  /** Every stored file: its name (the SHA-256 it should have) and size. */
  *storedFiles(): Generator<{ sha256: string; size: number }> {
    for (const prefix of readdirSync(this.dir)) {
      if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
      for (const name of readdirSync(join(this.dir, prefix))) {
        yield { sha256: name, size: statSync(join(this.dir, prefix, name)).size };
      }
    }
  }
}

/** fsync on the directory makes the rename itself durable. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: CHUNK }), hash);
  return hash.digest('hex');
}
