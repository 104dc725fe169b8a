/**
 * Reading a BagIt bag on disk without trusting it: every file listed and hashed, Payload-Oxum,
 * both manifests. Shared by the backup's restore (scripts/backup) and the bundle import
 * (server/services/graph/bundle-import.ts). Reads only; knows nothing of Casebook's database.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BagError, parseManifest, parseOxum, parseTagFile, tagValue, type ManifestEntry, type TagFields } from '../../exports/bagit.js';

export interface PayloadFile extends ManifestEntry {
  readonly size: number;
}

export type OnBytes = (bytes: number) => void;

const CHUNK = 1024 * 1024;
export const MANIFEST = 'manifest-sha256.txt';
export const TAG_MANIFEST = 'tagmanifest-sha256.txt';

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
