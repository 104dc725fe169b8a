/**
 * A BagIt bag as a folder on disk: files written durably (temporary name, fsync, rename, fsync of
 * the folder), tag files and manifests written last, and a validator that reads a bag without
 * trusting it. Knows nothing of Casebook's database: callers say what the payload is.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BAGIT_TXT,
  BagError,
  baggingDate,
  formatManifest,
  formatOxum,
  formatTagFile,
  parseManifest,
  parseOxum,
  parseTagFile,
  tagValue,
  type ManifestEntry,
  type TagFields,
} from '../../exports/bagit.js';

export interface PayloadFile extends ManifestEntry {
  readonly size: number;
}

export type OnBytes = (bytes: number) => void;

const CHUNK = 1024 * 1024;
const MANIFEST = 'manifest-sha256.txt';
const TAG_MANIFEST = 'tagmanifest-sha256.txt';

/** Makes a rename or removal in `path` survive a power cut. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function hashing(onBytes?: OnBytes) {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  return { tap, result: () => ({ sha256: hash.digest('hex'), size }) };
}

export async function hashFile(path: string, onBytes?: OnBytes): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
    onBytes?.(chunk.length);
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Writes `to` from `write(temporaryPath)`: the temporary file sits beside `to` (same filesystem,
 * so the rename is atomic), is fsynced, renamed, and the folder fsynced. On failure the
 * temporary file is removed and `to` is left as it was.
 */
export async function replaceDurably<T>(to: string, write: (temporary: string) => Promise<T>): Promise<T> {
  const temporary = `${to}.${randomUUID()}.part`;
  try {
    const result = await write(temporary);
    const handle = await open(temporary, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, to);
    await syncDirectory(dirname(to));
    return result;
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export const writeFileDurably = (to: string, content: string) =>
  replaceDurably(to, async (temporary) => {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
    } finally {
      await handle.close();
    }
  });

/** Copies `from` to `to` durably, hashing the bytes as they pass. */
export const copyFileDurably = (from: string, to: string, onBytes?: OnBytes) =>
  replaceDurably(to, async (temporary) => {
    const { tap, result } = hashing(onBytes);
    await pipeline(createReadStream(from, { highWaterMark: CHUNK }), tap, createWriteStream(temporary, { flags: 'wx', highWaterMark: CHUNK }));
    return result();
  });

/**
 * Every regular file under `root`/`sub`, as `/`-separated paths relative to `root`. A symbolic
 * link, device or socket anywhere is a BagError: a bag holds files and folders only, and a link
 * could lead a reader out of it.
 */
export async function listFiles(root: string, sub = ''): Promise<string[]> {
  const out: string[] = [];
  const walk = async (relative: string) => {
    for (const entry of await readdir(join(root, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(path);
      else throw new BagError(`${path} is ${entry.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}; a bag holds only files and folders`);
    }
  };
  await walk(sub);
  return out.sort();
}

/**
 * Finishes a bag whose payload is in place: writes manifest-sha256.txt, bag-info.txt (the given
 * fields plus Bagging-Date and Payload-Oxum), bagit.txt and, last, tagmanifest-sha256.txt.
 */
export async function writeTagFiles(bagDir: string, payload: readonly PayloadFile[], info: TagFields, now: Date): Promise<void> {
  const oxum = formatOxum({ bytes: payload.reduce((sum, file) => sum + file.size, 0), files: payload.length });
  const tagFiles: [string, string][] = [
    [MANIFEST, formatManifest([...payload].sort((a, b) => (a.path < b.path ? -1 : 1)))],
    ['bag-info.txt', formatTagFile([...info, ['Bagging-Date', baggingDate(now)], ['Payload-Oxum', oxum]])],
    ['bagit.txt', BAGIT_TXT],
  ];
  for (const [name, text] of tagFiles) await writeFileDurably(join(bagDir, name), text);
  const tagManifest = tagFiles.map(([name, text]) => ({ path: name, sha256: createHash('sha256').update(text, 'utf8').digest('hex') }));
  await writeFileDurably(join(bagDir, TAG_MANIFEST), formatManifest(tagManifest));
}

async function readTag(bagDir: string, name: string): Promise<string> {
  try {
    return await readFile(join(bagDir, name), 'utf8');
  } catch {
    throw new BagError(name === MANIFEST ? `${name} is missing (a bag whose writing was interrupted has none)` : `${name} is missing`);
  }
}

export interface ValidBag {
  readonly info: TagFields;
  readonly payload: readonly PayloadFile[];
}

/**
 * Proves a bag complete and unaltered before anything is taken from it: no links, bagit.txt,
 * every payload file listed in manifest-sha256.txt and every listed file present, Payload-Oxum,
 * every tag-manifest hash and every payload hash. Reads only; throws a BagError naming the first
 * problem. `onBytes` reports hashing progress against the Oxum's total.
 */
export async function validateBag(bagDir: string, onBytes?: OnBytes, onTotal?: (bytes: number) => void): Promise<ValidBag> {
  if (!(await stat(bagDir).catch(() => undefined))?.isDirectory()) throw new BagError(`${bagDir} is not a folder`);
  const files = await listFiles(bagDir);
  const declaration = parseTagFile(await readTag(bagDir, 'bagit.txt'), 'bagit.txt');
  const version = tagValue(declaration, 'BagIt-Version');
  if (version !== '1.0' && version !== '0.97') throw new BagError(`bagit.txt gives BagIt-Version ${version ?? '(none)'}; this reader knows 1.0 and 0.97`);
  if (tagValue(declaration, 'Tag-File-Character-Encoding')?.toUpperCase() !== 'UTF-8') throw new BagError('bagit.txt does not declare Tag-File-Character-Encoding: UTF-8');
  const otherManifests = files.filter((path) => /^(tag)?manifest-.+\.txt$/.test(path) && path !== MANIFEST && path !== TAG_MANIFEST);
  if (otherManifests.length > 0) throw new BagError(`${otherManifests[0]} uses an algorithm this reader does not check; it checks SHA-256 only`);

  const present = new Set(files);
  const manifest = parseManifest(await readTag(bagDir, MANIFEST), MANIFEST);
  const listed = new Map(manifest.map((entry) => [entry.path, entry.sha256]));
  for (const { path } of manifest) {
    if (!path.startsWith('data/')) throw new BagError(`${MANIFEST} lists ${path}, which is outside data/`);
    if (!present.has(path)) throw new BagError(`${path} is listed in ${MANIFEST} but missing from the bag`);
  }
  const payloadPaths = files.filter((path) => path.startsWith('data/'));
  const unlisted = payloadPaths.find((path) => !listed.has(path));
  if (unlisted) throw new BagError(`${unlisted} is in the bag but not in ${MANIFEST}`);

  const info = parseTagFile(await readTag(bagDir, 'bag-info.txt'), 'bag-info.txt');
  const oxumText = tagValue(info, 'Payload-Oxum');
  if (!oxumText) throw new BagError('bag-info.txt has no Payload-Oxum');
  const oxum = parseOxum(oxumText);
  const sizes = new Map<string, number>();
  for (const path of payloadPaths) sizes.set(path, (await lstat(join(bagDir, path))).size);
  const bytes = [...sizes.values()].reduce((sum, size) => sum + size, 0);
  if (oxum.files !== payloadPaths.length || oxum.bytes !== bytes) {
    throw new BagError(`Payload-Oxum says ${oxum.files} files of ${oxum.bytes} bytes; the bag holds ${payloadPaths.length} files of ${bytes} bytes`);
  }

  if (present.has(TAG_MANIFEST)) {
    for (const { path, sha256 } of parseManifest(await readTag(bagDir, TAG_MANIFEST), TAG_MANIFEST)) {
      if (path.startsWith('data/') || !present.has(path)) throw new BagError(`${TAG_MANIFEST} lists ${path}, which is not a tag file in the bag`);
      if ((await hashFile(join(bagDir, path))).sha256 !== sha256) throw new BagError(`${path} does not match its hash in ${TAG_MANIFEST}: it was altered`);
    }
  }

  onTotal?.(bytes);
  const payload: PayloadFile[] = [];
  for (const { path, sha256 } of manifest) {
    const actual = await hashFile(join(bagDir, path), onBytes);
    if (actual.sha256 !== sha256) throw new BagError(`${path} does not match its hash in ${MANIFEST}: it was altered or damaged`);
    payload.push({ path, sha256, size: actual.size });
  }
  return { info, payload };
}
