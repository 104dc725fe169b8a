/**
 * Content-addressed evidence files: `<dir>/<first two hex>/<sha256>`. Uploads stream into a
 * temporary file in `<dir>/tmp` (same filesystem, so the final rename is atomic) while their
 * SHA-256 is computed (server/files/new-file.ts); the file is fsynced before it is renamed into
 * place, and removed on any failure. This is the one interface an S3-style store would implement later.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { supportsDirectWrites, syncDirectory, writeNewFile } from '../files/new-file.js';

export class TooLargeError extends Error {}

/**
 * Throws unless `actual`, the SHA-256 just computed over the bytes of the stored file `sha256`
 * (evidence item `itemId`'s original or safe copy), is still that name: altered bytes must not
 * leave the store, nor be copied, as the evidence.
 */
export function assertUnaltered(sha256: string, actual: string, itemId: number): void {
  if (actual !== sha256) throw new Error(`The stored file ${sha256} of evidence item ${itemId} no longer has that SHA-256; run npm run verify.`);
}

export interface Received {
  readonly tempPath: string;
  readonly sha256: string;
  readonly size: number;
  /** The first bytes, for telling the media type. */
  readonly head: Buffer;
}

const HEAD_BYTES = 64;
/** The size of the chunks stored files are read in. */
export const CHUNK_BYTES = 1024 * 1024;

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
    return createReadStream(this.pathOf(sha256), { highWaterMark: CHUNK_BYTES });
  }

  /**
   * Reads a stored file in chunks of CHUNK_BYTES, hashing each chunk while the next one is read.
   * Returns the chunks and their SHA-256: for a copy made in memory, with no buffer of the file's size.
   */
  async read(sha256: string): Promise<{ chunks: Buffer[]; sha256: string }> {
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    const file = await open(this.pathOf(sha256), 'r');
    try {
      // Read to the size the file has now: a file that changes meanwhile is caught by its hash.
      const { size } = await file.stat();
      let position = 0;
      const readChunk = async () => {
        const buffer = Buffer.allocUnsafeSlow(Math.min(CHUNK_BYTES, size - position));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
        position += bytesRead;
        return buffer.subarray(0, bytesRead);
      };
      let next = size > 0 ? readChunk() : undefined;
      while (next) {
        const chunk = await next;
        next = chunk.length > 0 && position < size ? readChunk() : undefined;
        hash.update(chunk);
        chunks.push(chunk);
      }
    } finally {
      await file.close();
    }
    return { chunks, sha256: hash.digest('hex') };
  }

  /** Streams `source` into a temporary file, hashing as it goes; refuses past `maxBytes`, leaving nothing behind. */
  async receive(source: Readable, maxBytes: number): Promise<Received> {
    const tempPath = join(this.tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const head = Buffer.alloc(HEAD_BYTES);
    let size = 0;
    async function* checked(): AsyncGenerator<Buffer> {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        if (size < HEAD_BYTES) chunk.copy(head, size, 0, Math.min(chunk.length, HEAD_BYTES - size));
        size += chunk.length;
        if (size > maxBytes) throw new TooLargeError(`over the ${maxBytes}-byte maximum`);
        hash.update(chunk);
        yield chunk;
      }
    }
    await writeNewFile(tempPath, checked(), { direct: this.writesDirect });
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

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: CHUNK_BYTES }), hash);
  return hash.digest('hex');
}
