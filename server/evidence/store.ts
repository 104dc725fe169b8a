/**
 * Content-addressed evidence files: `<dir>/<first two hex>/<sha256>`. Uploads stream into a
 * temporary file in `<dir>/tmp` (same filesystem, so the final rename is atomic) while their
 * SHA-256 is computed; the file is fsynced before it is renamed into place, and removed on any
 * failure. This is the one interface an S3-style store would implement later.
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, constants, createReadStream, existsSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
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
const BLOCK = 2 * CHUNK;
const SYNC_EVERY = 32 * CHUNK;
const PAGE = 4096;
const { O_DIRECT, O_WRONLY, O_CREAT, O_EXCL } = constants;
const DIRECT_FLAGS = O_DIRECT === undefined ? undefined : O_DIRECT | O_WRONLY | O_CREAT | O_EXCL;

/**
 * WebAssembly memory is mapped in whole pages, so its start is page-aligned, as O_DIRECT requires
 * of the memory it writes from; Buffer.allocUnsafe gives no such promise.
 */
function pageAlignedBuffers(count: number, size: number): Buffer[] {
  const memory = new WebAssembly.Memory({ initial: Math.ceil((count * size) / 65536) });
  return Array.from({ length: count }, (_, i) => Buffer.from(memory.buffer, i * size, size));
}

/**
 * Whether files in `dir` can be written with O_DIRECT (not on tmpfs before Linux 6.6, nor on
 * macOS or Windows). Uploads of evidence are written once and rarely read again: written direct,
 * a 1 GiB upload neither fills the page cache (evicting the database's pages) nor pays for it.
 */
function supportsDirectWrites(dir: string): boolean {
  if (DIRECT_FLAGS === undefined) return false;
  const path = join(dir, `${randomUUID()}.probe`);
  let fd: number | undefined;
  try {
    fd = openSync(path, DIRECT_FLAGS, 0o600);
    writeSync(fd, pageAlignedBuffers(1, PAGE)[0]!);
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
    rmSync(path, { force: true });
  }
}

export class EvidenceStore {
  readonly tmpDir: string;
  /** Whether uploads are written with O_DIRECT: where the filesystem allows, unless `direct: false`. */
  readonly writesDirect: boolean;

  constructor(
    readonly dir: string,
    options: { readonly direct?: boolean } = {},
  ) {
    this.tmpDir = join(dir, 'tmp');
    mkdirSync(this.tmpDir, { recursive: true });
    this.writesDirect = options.direct !== false && supportsDirectWrites(this.tmpDir);
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
    const head = Buffer.alloc(HEAD_BYTES);
    let size = 0;
    const direct = this.writesDirect;
    const file = await open(tempPath, direct ? DIRECT_FLAGS : 'wx');
    // Chunks are gathered into two BLOCK-sized buffers: one fills while the other is written, so
    // the disk sees few large writes and receiving never waits for it more than one block.
    const buffers = direct ? pageAlignedBuffers(2, BLOCK) : [Buffer.allocUnsafe(BLOCK), Buffer.allocUnsafe(BLOCK)];
    let current = 0;
    let filled = 0;
    let writing: Promise<unknown> = Promise.resolve();
    // Buffered writes are flushed every SYNC_EVERY bytes while the upload goes on, so the final
    // fsync has little left; direct writes are on the device when they return.
    let unsynced = 0;
    let flushing: Promise<void> = Promise.resolve();
    const writeBlock = async () => {
      // A direct write must be a whole number of pages: the last block is padded with zeros and
      // the file cut back to its real size before it is synced.
      const length = direct ? Math.ceil(filled / PAGE) * PAGE : filled;
      const block = buffers[current]!.fill(0, filled, length).subarray(0, length);
      await writing;
      writing = file.write(block);
      unsynced += filled;
      if (!direct && unsynced >= SYNC_EVERY) {
        unsynced = 0;
        const written = writing;
        flushing = flushing.then(() => written).then(() => file.datasync());
      }
      current ^= 1;
      filled = 0;
    };
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        if (size < HEAD_BYTES) chunk.copy(head, size, 0, Math.min(chunk.length, HEAD_BYTES - size));
        size += chunk.length;
        if (size > maxBytes) throw new TooLargeError(`over the ${maxBytes}-byte maximum`);
        hash.update(chunk);
        for (let offset = 0; offset < chunk.length; ) {
          const n = chunk.copy(buffers[current]!, filled, offset, Math.min(chunk.length, offset + BLOCK - filled));
          filled += n;
          offset += n;
          if (filled === BLOCK) await writeBlock();
        }
      }
      if (filled > 0) await writeBlock();
      await writing;
      await flushing;
      if (direct && size % PAGE !== 0) await file.truncate(size);
      await file.sync();
    } catch (error) {
      await Promise.allSettled([writing, flushing]);
      await file.close().catch(() => undefined);
      await rm(tempPath, { force: true });
      throw error;
    }
    await file.close();
    return { tempPath, sha256: hash.digest('hex'), size, head: head.subarray(0, Math.min(size, HEAD_BYTES)) };
  }

  /** Writes bytes made on the server (a safe copy, as its pieces in order) through the same path as an upload. */
  async receivePieces(pieces: readonly Buffer[]): Promise<Received> {
    return this.receive(Readable.from(pieces), Number.MAX_SAFE_INTEGER);
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

  /** Proves the store can still create files where uploads land: creates one in the temporary folder and removes it. */
  async probeWritable(): Promise<void> {
    const path = join(this.tmpDir, `${randomUUID()}.probe`);
    const file = await open(path, 'wx');
    try {
      await file.write('ready?');
    } finally {
      await file.close();
      await rm(path, { force: true });
    }
  }

  /** Temporary files (and a bundle import's unpacked folder) left by a crash; removed at start. Returns how many there were. */
  cleanTemporary(): number {
    const leftovers = readdirSync(this.tmpDir);
    for (const name of leftovers) rmSync(join(this.tmpDir, name), { recursive: true, force: true });
    return leftovers.length;
  }

  /**
   * Moves a stored file out of the store into `<dir>/unreferenced/`, for a file no record names.
   * Moved, not deleted: if the database was put back from an older copy, these are the only bytes.
   */
  setAside(sha256: string): string {
    const folder = join(this.dir, 'unreferenced');
    mkdirSync(folder, { recursive: true });
    const target = join(folder, sha256);
    // The name is the content's hash: a file already set aside under it holds the same bytes.
    if (existsSync(target)) rmSync(this.pathOf(sha256), { force: true });
    else renameSync(this.pathOf(sha256), target);
    return target;
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
