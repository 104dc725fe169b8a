/**
 * Writing a new file from a stream, durably: chunks are gathered into two large blocks (one fills
 * while the other is written, so the disk sees few large writes and the reader never waits for
 * it more than one block), the file is synced before the promise resolves, and removed if
 * anything fails on the way. For evidence received and bundles exported, files of up to many GB
 * that are written once and rarely read back soon: where the filesystem allows, they are written
 * with O_DIRECT, so they neither fill the page cache (evicting the database's pages) nor pay for
 * filling it, which on a virtual machine can cost more than the write itself.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, constants, openSync, rmSync, writeSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';

const BLOCK = 2 * 1024 * 1024;
// Buffered writes are flushed this often while the file grows, so the final fsync has little left.
const SYNC_EVERY = 32 * 1024 * 1024;
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

// Aligned blocks are kept for the next file once one is written: a fresh WebAssembly memory for
// every upload would reserve address space and fault in new pages each time. There are never more
// pairs than files once written at the same time.
const spareAligned: Buffer[][] = [];

/** Whether new files in `dir` can be written with O_DIRECT (not on tmpfs before Linux 6.6, nor on macOS or Windows). */
export function supportsDirectWrites(dir: string): boolean {
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

/**
 * Writes `chunks` to `path`, which must not exist yet, and syncs it; `direct` only where
 * supportsDirectWrites said so of its folder. Resolves to the number of bytes written. On any
 * failure (of the source too) the file is removed and the error passed on.
 */
export async function writeNewFile(path: string, chunks: AsyncIterable<Buffer>, options: { readonly direct: boolean }): Promise<number> {
  const { direct } = options;
  const file = await open(path, direct ? DIRECT_FLAGS : 'wx');
  const buffers = direct ? (spareAligned.pop() ?? pageAlignedBuffers(2, BLOCK)) : [Buffer.allocUnsafe(BLOCK), Buffer.allocUnsafe(BLOCK)];
  let current = 0;
  let filled = 0;
  let size = 0;
  let writing: Promise<unknown> = Promise.resolve();
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
    for await (const chunk of chunks) {
      size += chunk.length;
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
    await rm(path, { force: true });
    throw error;
  } finally {
    // Every write from them has settled by now, on either path.
    if (direct) spareAligned.push(buffers);
  }
  await file.close();
  return size;
}

/** Makes a rename or removal in the folder at `path` survive a power cut. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
