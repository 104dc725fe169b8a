/**
 * Unpacking a ZIP someone sent (a bundle to import) without trusting it. Every entry is checked
 * from the central directory before a byte is written: its path (checkBagPath), its kind (regular
 * files and folders only), its place (one top folder), its sizes (against what its compressed
 * size allows, and all together against a maximum). Unpacking then counts and checksums the
 * bytes as they come, and stops as soon as an entry gives more than it declared.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { getFileNameLowLevel, openPromise, type Entry, type ZipFile } from 'yauzl';
import { BagError, checkBagPath } from '../../exports/bagit.js';

/** The ZIP is refused; the message names the entry and the reason. */
export class ZipError extends Error {}

/** The ZIP would unpack to more than the maximum. */
export class ZipTooLargeError extends ZipError {}

/**
 * Deflate cannot do better than 1032 to 1 (a 258-byte match costs at least two bits; zlib's
 * documentation gives the same figure), so an entry declaring more than that over its compressed
 * size is lying about one of them: the mark of a zip bomb, refused before inflating anything.
 */
export const MAX_DEFLATE_RATIO = 1032;

const STORED = 0;
const DEFLATED = 8;
const FILE_TYPE = 0o170000;
const REGULAR = 0o100000;
const FOLDER = 0o040000;
const SYMLINK = 0o120000;

/** A file inside the top folder; `path` is relative to it. */
export interface ZipMember {
  readonly path: string;
  readonly size: number;
  readonly entry: Entry;
}

/** What the central directory says an entry is; refuses what no bag holds. */
function readEntry(entry: Entry): { path: string; folder: boolean } {
  // strictFileNames: a backslash stays a backslash, for checkBagPath to refuse.
  const name = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
  const folder = name.endsWith('/');
  const path = folder ? name.slice(0, -1) : name;
  try {
    checkBagPath(path);
  } catch (error) {
    if (error instanceof BagError) throw new ZipError(`an entry's name is refused: ${error.message}`);
    throw error;
  }
  const quoted = JSON.stringify(path);
  if (entry.isEncrypted()) throw new ZipError(`entry ${quoted} is encrypted; a bundle never is`);
  // Unix keeps the file type in the high half of the external attributes; other systems leave it 0.
  const type = (entry.externalFileAttributes >>> 16) & FILE_TYPE;
  if (type === SYMLINK) throw new ZipError(`entry ${quoted} is a symbolic link; a bundle holds only files and folders`);
  if (type !== 0 && type !== (folder ? FOLDER : REGULAR)) throw new ZipError(`entry ${quoted} is not a regular ${folder ? 'folder' : 'file'} (mode ${type.toString(8)})`);
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    throw new ZipError(`entry ${quoted} is compressed with method ${entry.compressionMethod}; only stored (0) and deflated (8) entries are read`);
  }
  const declared = entry.uncompressedSize;
  if (folder && declared !== 0) throw new ZipError(`entry ${quoted} is a folder that declares ${declared} bytes`);
  if (entry.compressionMethod === STORED && entry.compressedSize !== declared) {
    throw new ZipError(`entry ${quoted} is stored uncompressed, yet declares ${declared} bytes in ${entry.compressedSize}: its sizes lie`);
  }
  if (declared > entry.compressedSize * MAX_DEFLATE_RATIO) {
    throw new ZipError(`entry ${quoted} declares ${declared} bytes from ${entry.compressedSize} compressed, more than deflate's ${MAX_DEFLATE_RATIO}:1 allows: a zip bomb`);
  }
  return { path, folder };
}

/** Counts and checksums an entry's bytes as they pass; fails the moment it gives more than it declared. */
function measured(member: ZipMember, onBytes?: (bytes: number) => void): Transform {
  let size = 0;
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > member.size) {
        done(new ZipError(`${member.path} inflates to more than the ${member.size} bytes it declares: a zip bomb or a damaged ZIP; unpacking stopped`));
        return;
      }
      crc = crc32(chunk, crc);
      onBytes?.(chunk.length);
      done(null, chunk);
    },
    flush(done) {
      if (size !== member.size) done(new ZipError(`${member.path} gives ${size} bytes, not the ${member.size} it declares: the ZIP is damaged`));
      else if (crc >>> 0 !== member.entry.crc32) done(new ZipError(`${member.path} does not match its CRC-32: the ZIP is damaged`));
      else done();
    },
  });
}

/** A ZIP whose central directory passed every check; nothing is unpacked until `unpack`. */
export class CheckedZip {
  private constructor(
    private readonly zip: ZipFile,
    /** The one top folder every entry sits in. */
    readonly top: string,
    readonly members: readonly ZipMember[],
  ) {}

  get totalBytes(): number {
    return this.members.reduce((sum, member) => sum + member.size, 0);
  }

  /**
   * Reads and checks the central directory of the ZIP at `path`; writes nothing. Throws a
   * ZipError naming the first entry refused, ZipTooLargeError past `maxTotalBytes`.
   */
  static async open(path: string, maxTotalBytes: number): Promise<CheckedZip> {
    let zip: ZipFile;
    try {
      // Sizes are checked here and while unpacking, with messages that say which entry lied.
      zip = await openPromise(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false });
    } catch (error) {
      throw new ZipError(`it is not a ZIP, or it is truncated or damaged (${(error as Error).message})`);
    }
    try {
      const members = await CheckedZip.check(zip, maxTotalBytes);
      return new CheckedZip(zip, members.top, members.files);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  private static async check(zip: ZipFile, maxTotalBytes: number): Promise<{ top: string; files: ZipMember[] }> {
    const seen = new Set<string>();
    const files: ZipMember[] = [];
    let top: string | undefined;
    let total = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const { path, folder } = readEntry(entry);
        const slash = path.indexOf('/');
        const first = slash === -1 ? path : path.slice(0, slash);
        if (slash === -1 && !folder) throw new ZipError(`entry ${JSON.stringify(path)} lies outside the bag's folder; a bundle holds one top folder`);
        if (top !== undefined && first !== top) throw new ZipError(`entries lie in two top folders, ${JSON.stringify(top)} and ${JSON.stringify(first)}; a bundle holds one`);
        top = first;
        if (seen.has(path)) throw new ZipError(`entry ${JSON.stringify(path)} appears twice`);
        seen.add(path);
        if (folder) continue;
        total += entry.uncompressedSize;
        if (total > maxTotalBytes) throw new ZipTooLargeError(`its entries unpack to more than the ${maxTotalBytes}-byte maximum for a bundle`);
        files.push({ path: path.slice(slash + 1), size: entry.uncompressedSize, entry });
      }
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new ZipError(`its central directory is truncated or damaged (${(error as Error).message})`);
    }
    if (top === undefined) throw new ZipError('it is empty: there is no bag in it');
    // Unpacking "a/b" as a file and then "a/b/c" would fail halfway; refuse before the first byte.
    const folders = new Set(files.flatMap(({ path }) => path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
    const clash = files.find(({ path }) => folders.has(path));
    if (clash) throw new ZipError(`${JSON.stringify(`${top}/${clash.path}`)} is both a file and a folder`);
    return { top, files };
  }

  /**
   * Unpacks `members` into `dir` (which must exist), creating folders as needed and never
   * overwriting a file. `onBytes` is told of every chunk written. Throws a ZipError on an entry
   * that lies about its size or is damaged; what was written stays for the caller to remove.
   */
  async unpack(members: readonly ZipMember[], dir: string, onBytes?: (bytes: number) => void): Promise<void> {
    for (const member of members) {
      const target = join(dir, member.path);
      await mkdir(dirname(target), { recursive: true });
      try {
        const stream = await this.zip.openReadStreamPromise(member.entry);
        await pipeline(stream, measured(member, onBytes), createWriteStream(target, { flags: 'wx' }));
      } catch (error) {
        if (error instanceof ZipError) throw error;
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw error;
        throw new ZipError(`${member.path} could not be unpacked: the ZIP is truncated or damaged (${(error as Error).message})`);
      }
    }
  }

  close(): void {
    this.zip.close();
  }
}
