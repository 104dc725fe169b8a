/**
 * The low-disk guard. A full disk mid-write is survivable (SQLite rolls back, the evidence store
 * removes its temporary file), but it also stops every other write, the audit trail's included.
 * So anything that writes a lot (an upload, an import) asks first, and is refused while the
 * folders it would write to have less than the configured minimum free.
 */
import { statfs } from 'node:fs/promises';
import { InsufficientStorageError } from '../errors.js';

export interface FreeSpace {
  /** Folders whose filesystems must keep room: the database's and the evidence store's. */
  readonly paths: readonly string[];
  readonly minFreeBytes: number;
}

/** Bytes available to this process on the fullest of the filesystems holding `paths`. */
export async function freeBytes(space: FreeSpace): Promise<number> {
  const free = await Promise.all(
    space.paths.map(async (path) => {
      const stats = await statfs(path);
      return stats.bavail * stats.bsize;
    }),
  );
  return Math.min(Infinity, ...free);
}

/**
 * Throws InsufficientStorageError (507) when writing `incomingBytes` more would leave less than
 * the minimum free. Reads the filesystems' figures only; writes nothing.
 */
export async function assertFreeSpace(space: FreeSpace, incomingBytes = 0): Promise<void> {
  if ((await freeBytes(space)) - incomingBytes < space.minFreeBytes) throw new InsufficientStorageError();
}
