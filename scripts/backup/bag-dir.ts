/**
 * Writing a BagIt bag as a folder on disk: files written durably (temporary name, fsync, rename,
 * fsync of the folder), tag files and manifests written last. Reading one back is
 * server/bag/read-bag.ts. Knows nothing of Casebook's database: callers say what the payload is.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BAGIT_TXT, baggingDate, formatManifest, formatOxum, formatTagFile, type TagFields } from '../../exports/bagit.js';
import { MANIFEST, TAG_MANIFEST, type OnBytes, type PayloadFile } from '../../server/bag/read-bag.js';
import { syncDirectory } from '../../server/files/new-file.js';

const CHUNK = 1024 * 1024;

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
