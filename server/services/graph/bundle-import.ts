/**
 * Importing an export bundle (issue 7: a BagIt bag in a ZIP) into an empty Casebook. The ZIP's
 * central directory is checked before anything is written; the bag is unpacked into a temporary
 * folder beside the evidence store's files (same filesystem), proven whole (both manifests,
 * Payload-Oxum), and only then is its data/graph.ndjson imported, with data/evidence as the
 * evidence folder, all or nothing, by the graph import. The temporary folder goes in every case.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { BagError, parseTagFile, tagValue } from '../../../exports/bagit.js';
import { TAG_MANIFEST, validateBag } from '../../bag/read-bag.js';
import { CheckedZip, ZipError, ZipTooLargeError } from '../../bag/unzip.js';
import { AppError } from '../../errors.js';
import { TooLargeError, type EvidenceStore } from '../../evidence/store.js';
import { canExchangeGraph, type Viewer } from '../../viewer.js';
import type { ServiceContext } from '../context.js';
import { assertFreeSpace, type FreeSpace } from '../free-space.js';
import { assertEmpty, importGraphOnOwnConnection, type ImportResult } from './import.js';

const GRAPH = 'data/graph.ndjson';
const EVIDENCE = 'data/evidence/';
/**
 * Tag files are read whole into memory, so their size is capped on its own: a manifest line is
 * about 150 bytes, so this takes well over a million evidence files, and no more.
 */
const MAX_TAG_FILE_BYTES = 256 * 1024 ** 2;

/** unpacking and verifying count bytes, importing counts graph lines, indexing records. */
export type BundleStage = 'unpacking' | 'verifying' | 'importing' | 'indexing';

export interface BundleImportOptions {
  /** Who imports, for the audit entry; must be an admin. */
  readonly viewer: Viewer;
  readonly store: EvidenceStore;
  readonly freeSpace: FreeSpace;
  /** Most bytes the bundle may unpack to, all entries together. */
  readonly maxBytes: number;
  readonly onProgress?: (stage: BundleStage, done: number, total: number) => void;
}

/** The bundle itself is refused; `reason` says why, in words an admin can act on. */
export class BundleRefusedError extends AppError {
  constructor(reason: string, status = 400, type = 'invalid-bundle', title = 'Invalid bundle') {
    super(status, type, title, `The bundle was refused: ${reason}. Nothing was imported.`, { reason });
  }
}

function refusal(error: unknown): unknown {
  if (error instanceof ZipTooLargeError) return new BundleRefusedError(error.message, 413, 'payload-too-large', 'Payload too large');
  if (error instanceof ZipError || error instanceof BagError) return new BundleRefusedError(error.message);
  return error;
}

/** Only an internal bundle carries the case itself; the others carry what a profile lets out. */
function assertInternal(info: readonly (readonly [string, string])[]): void {
  const profile = tagValue(info, 'Casebook-Profile');
  const notImportable = (reason: string) => new BundleRefusedError(reason, 422, 'not-importable', 'Not importable');
  if (profile === undefined) throw notImportable('bag-info.txt names no Casebook-Profile, so this bag is not a Casebook export bundle');
  if (profile !== 'internal') {
    throw notImportable(
      `it was exported with the ${JSON.stringify(profile.slice(0, 40))} profile, which replaces protected names and withholds records; only an internal bundle holds the whole case and can be imported`,
    );
  }
}

async function readBagInfo(bagDir: string): Promise<[string, string][]> {
  const path = join(bagDir, 'bag-info.txt');
  if (!existsSync(path)) throw new BagError('bag-info.txt is missing');
  return parseTagFile(await readFile(path, 'utf8'), 'bag-info.txt');
}

async function unpackAndImport(ctx: ServiceContext, zip: CheckedZip, bagDir: string, options: BundleImportOptions): Promise<ImportResult> {
  const progress = options.onProgress;
  let unpacked = 0;
  const onUnpacked = (bytes: number) => progress?.('unpacking', (unpacked += bytes), zip.totalBytes);
  // The tag files first: a bundle of the wrong profile is refused before its evidence is unpacked.
  const tagFiles = zip.members.filter((m) => !m.path.includes('/'));
  const huge = tagFiles.find((m) => m.size > MAX_TAG_FILE_BYTES);
  if (huge) throw new BagError(`the tag file ${huge.path} is ${huge.size} bytes; tag files are at most ${MAX_TAG_FILE_BYTES}`);
  await zip.unpack(tagFiles, bagDir, onUnpacked);
  if (!existsSync(join(bagDir, 'bagit.txt'))) throw new BagError(`there is no BagIt bag in it: ${zip.top}/bagit.txt is missing`);
  const info = await readBagInfo(bagDir);
  assertInternal(info);
  await zip.unpack(zip.members.filter((m) => m.path.includes('/')), bagDir, onUnpacked);

  // Without the tag manifest nothing would prove bag-info.txt, and with it the profile, unaltered.
  if (!existsSync(join(bagDir, TAG_MANIFEST))) throw new BagError(`${TAG_MANIFEST} is missing`);
  let verified = 0;
  let verifyTotal = 0;
  const bag = await validateBag(bagDir, (bytes) => progress?.('verifying', (verified += bytes), verifyTotal), (total) => (verifyTotal = total));
  if (!bag.payload.some((file) => file.path === GRAPH)) throw new BagError(`${GRAPH} is not in the bag`);

  const lines = createInterface({ input: createReadStream(join(bagDir, GRAPH)), crlfDelay: Infinity });
  return importGraphOnOwnConnection(ctx, lines, {
    viewer: options.viewer,
    store: options.store,
    evidenceDir: join(bagDir, EVIDENCE),
    onProgress: (done, total) => progress?.('importing', done, total),
    onIndexProgress: (done, total) => progress?.('indexing', done, total),
    from: {
      bundle: zip.top,
      baggingDate: tagValue(bag.info, 'Bagging-Date') ?? '',
      auditHead: tagValue(bag.info, 'Casebook-Audit-Head') ?? '',
    },
  });
}

/**
 * Imports the bundle ZIP at `zipPath` into the empty database of `ctx` and the evidence store.
 * Refuses (BundleRefusedError, 400/413/422) a ZIP or bag that fails any check, 409 when the
 * database holds records, 507 when the disk cannot take it, each before the database or the
 * store is touched; a graph with bad lines fails as the graph import does (400, by line). Leaves
 * the ZIP where it is and no temporary folder behind.
 */
export async function importBundle(ctx: ServiceContext, zipPath: string, options: BundleImportOptions): Promise<ImportResult> {
  if (!canExchangeGraph(options.viewer)) throw new AppError(403, 'forbidden', 'Forbidden', 'Your role may not import a bundle.');
  let zip: CheckedZip;
  try {
    zip = await CheckedZip.open(zipPath, options.maxBytes);
  } catch (error) {
    throw refusal(error);
  }
  const bagDir = join(options.store.tmpDir, `bundle-${randomUUID()}`);
  try {
    assertEmpty(ctx);
    // Unpacked, then evidence copied into the store, then rows and search index (about twice the graph).
    const graphBytes = zip.members.find((m) => m.path === GRAPH)?.size ?? 0;
    const evidenceBytes = zip.members.filter((m) => m.path.startsWith(EVIDENCE)).reduce((sum, m) => sum + m.size, 0);
    await assertFreeSpace(options.freeSpace, zip.totalBytes + evidenceBytes + 2 * graphBytes);
    await mkdir(bagDir);
    return await unpackAndImport(ctx, zip, bagDir, options);
  } catch (error) {
    throw refusal(error);
  } finally {
    zip.close();
    await rm(bagDir, { recursive: true, force: true });
  }
}

/**
 * For the API: streams the ZIP from `body` into a temporary file in the evidence store's
 * folder (413 past `maxZipBytes`, 400 if the body stops short), imports it as importBundle does,
 * and removes the file whatever happens.
 */
export async function importBundleFrom(ctx: ServiceContext, body: Readable, maxZipBytes: number, options: BundleImportOptions): Promise<ImportResult> {
  let received;
  try {
    received = await options.store.receive(body, maxZipBytes);
  } catch (error) {
    if (error instanceof TooLargeError) throw zipTooLarge(maxZipBytes);
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw error;
    throw new AppError(400, 'upload-interrupted', 'Upload interrupted', 'The upload ended before the whole bundle arrived; nothing was imported.');
  }
  try {
    return await importBundle(ctx, received.tempPath, options);
  } finally {
    await options.store.discard(received);
  }
}

export const zipTooLarge = (max: number) =>
  new AppError(413, 'payload-too-large', 'Payload too large', `A bundle sent over the API may be at most ${max} bytes; import larger ones with npm run import.`);
