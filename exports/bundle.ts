/**
 * A BagIt bag (RFC 8493) inside one streamed ZIP: every payload file is hashed as it flows into
 * the archive, one file at a time, and the tag files (bag-info.txt with Payload-Oxum, the
 * manifests) follow the payload, since only then are the hashes and sizes known. Memory holds
 * one chunk of one file and a manifest line per file, whatever the bundle's size.
 *
 * Knows nothing of Casebook's records: callers give the payload as parts, each a sequence of
 * files opened only when their turn comes.
 */
import { ZipArchive, type ZipEntryData } from 'archiver';
import './zip-crc32.js';
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BAGIT_TXT, baggingDate, checkBagPath, formatManifest, formatOxum, formatTagFile, type ManifestEntry, type TagFields } from './bagit.js';

export interface BagFile {
  /** Path inside the bag, under `data/`. */
  readonly path: string;
  /** Opens the file's bytes; called once, when the archive is ready for them. */
  readonly open: () => Readable;
  /** Deflate (text); false stores the bytes as they are (images and other compressed files). */
  readonly compress: boolean;
  /**
   * The bytes' SHA-256, when the caller has just computed it over the very bytes `open` gives (a
   * copy made in memory and named by its hash): the writer takes it rather than hash them twice.
   */
  readonly sha256?: string;
  /** Called once the file is in the archive, with what its manifest line says; may throw to abort the bundle. */
  readonly written?: (file: { sha256: string; size: number }) => void;
}

/** A sequence of payload files, produced on demand: the parts of a bundle are written in order. */
export type BagPart = () => Iterable<BagFile> | AsyncIterable<BagFile>;

export interface BagSpec {
  /** The one top-level folder of the ZIP, the bag's name. */
  readonly root: string;
  /** The bag's time: Bagging-Date and every entry's modification time. */
  readonly at: Date;
  readonly payload: readonly BagPart[];
  /** bag-info.txt's fields after Bagging-Date and Payload-Oxum, asked for once the payload is written. */
  readonly bagInfo: () => TagFields;
  /** More tag files at the bag's root (verify.html), listed in the tag manifest. */
  readonly tagFiles: readonly { readonly path: string; readonly text: string }[];
}

// Names a manifest must write without %-encoding (bagit-python decodes only %0A and %0D).
const UNSAFE_NAME = /[%\r\n]/;

function hashing(known: string | undefined) {
  const hash = known === undefined ? createHash('sha256') : undefined;
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash?.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  return { tap, result: () => ({ sha256: hash ? hash.digest('hex') : known!, size }) };
}

/**
 * The bag as a ZIP stream. Destroying the stream (a client that went away) stops the writer
 * after the current chunk and closes the file being read; an error while writing (a file that
 * cannot be read, a `written` that throws) destroys the stream with that error.
 */
export function bagZip(spec: BagSpec): Readable {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  let current: Readable | undefined;
  const stopped = new Promise<never>((_, reject) => {
    archive.once('close', () => reject(new Error('the bundle stream was closed before it was complete')));
    // Kept for the stream's life: archiver may report more than one error, and an unheard one would end the process.
    archive.on('error', reject);
  });
  stopped.catch(() => current?.destroy());

  /** Appends one entry and waits until the archive has taken all of it. */
  const append = async (name: string, source: Readable | Buffer, compress: boolean): Promise<void> => {
    const entered = new Promise<void>((resolve) => {
      const onEntry = (entry: { name: string }) => {
        if (entry.name !== `${spec.root}/${name}`) return;
        archive.off('entry', onEntry);
        resolve();
      };
      archive.on('entry', onEntry);
    });
    archive.append(source, { name: `${spec.root}/${name}`, date: spec.at, store: !compress } as ZipEntryData);
    await Promise.race([entered, stopped]);
  };

  const write = async () => {
    const manifest: ManifestEntry[] = [];
    const oxum = { bytes: 0, files: 0 };
    for (const part of spec.payload) {
      for await (const file of part()) {
        if (!file.path.startsWith('data/') || UNSAFE_NAME.test(file.path)) throw new Error(`${JSON.stringify(file.path)} is not a payload path a bag can carry`);
        checkBagPath(file.path);
        const { tap, result } = hashing(file.sha256);
        current = file.open();
        const flowing = pipeline(current, tap);
        await Promise.all([flowing, append(file.path, tap, file.compress)]);
        current = undefined;
        const written = result();
        manifest.push({ path: file.path, sha256: written.sha256 });
        oxum.bytes += written.size;
        oxum.files += 1;
        file.written?.(written);
      }
    }
    const tags: { path: string; text: string }[] = [
      { path: 'bag-info.txt', text: formatTagFile([['Bagging-Date', baggingDate(spec.at)], ['Payload-Oxum', formatOxum(oxum)], ...spec.bagInfo()]) },
      { path: 'manifest-sha256.txt', text: formatManifest(manifest) },
      ...spec.tagFiles,
    ];
    const tagManifest: ManifestEntry[] = [{ path: 'bagit.txt', sha256: sha256Of(BAGIT_TXT) }];
    for (const tag of tags) {
      await append(tag.path, Buffer.from(tag.text, 'utf8'), true);
      tagManifest.push({ path: tag.path, sha256: sha256Of(tag.text) });
    }
    await append('tagmanifest-sha256.txt', Buffer.from(formatManifest(tagManifest), 'utf8'), true);
    await archive.finalize();
  };

  // bagit.txt first: a reader of the stream knows at once that it holds a bag.
  archive.append(Buffer.from(BAGIT_TXT, 'utf8'), { name: `${spec.root}/bagit.txt`, date: spec.at } as ZipEntryData);
  write().catch((error: unknown) => {
    if (!archive.destroyed) archive.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return archive;
}

const sha256Of = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
