/**
 * Export bundles for the import tests, built here while the bundle writer is not merged: one ZIP
 * holding one folder `casebook-internal-<date>/` laid out as issue 7 fixes it (bagit.txt,
 * bag-info.txt, both manifests, verify.html, data/graph.ndjson, data/evidence/<sha256>.<ext>,
 * data/csv/…, data/incidents.geojson). The payload comes from a real test Casebook over its API
 * and evidence folder; the tag text from exports/bagit.ts; the ZIP from archiver. A test alters
 * the parts before zipping, or the ZIP's bytes after, to make the bundle it needs.
 */
import { ZipArchive, type ZipEntryData } from 'archiver';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAGIT_TXT, baggingDate, formatManifest, formatOxum, formatTagFile, type TagFields } from '../../exports/bagit.js';
import type { TestCasebook } from './casebook.js';

export interface BagFile {
  /** Path inside the bag, e.g. `data/graph.ndjson`. */
  readonly path: string;
  readonly bytes: Buffer;
}

/** An entry of the ZIP: a file of the bag, or a symbolic link. */
export interface ZipPart {
  readonly name: string;
  readonly bytes?: Buffer;
  readonly symlinkTo?: string;
}

export const TOP = 'casebook-internal-2026-01-01';

const extensions: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif', 'image/heic': 'heic', 'application/pdf': 'pdf' };

async function fetchAs(cb: TestCasebook, path: string): Promise<Buffer> {
  const response = await fetch(`${cb.url}${path}`, { headers: { authorization: `Bearer ${cb.account('admin').token}` } });
  assert.equal(response.status, 200, `GET ${path}`);
  return Buffer.from(await response.arrayBuffer());
}

/** The payload of an internal bundle of `cb`: its graph, the evidence files it names, and the parts an import ignores. */
export async function payloadOf(cb: TestCasebook): Promise<BagFile[]> {
  const graph = await fetchAs(cb, '/api/v1/graph');
  const evidence = graph
    .toString('utf8')
    .split('\n')
    .filter((line) => line.startsWith('{"kind":"evidence"'))
    .map((line) => JSON.parse(line).record as { sha256: string; mediaType: string });
  return [
    { path: 'data/graph.ndjson', bytes: graph },
    ...evidence.map(({ sha256, mediaType }) => ({
      path: `data/evidence/${sha256}.${extensions[mediaType] ?? 'bin'}`,
      bytes: readFileSync(join(cb.evidenceDir, sha256.slice(0, 2), sha256)),
    })),
    { path: 'data/csv/incidents.csv', bytes: await fetchAs(cb, '/api/v1/exports/csv/incidents?profile=internal') },
    { path: 'data/incidents.geojson', bytes: await fetchAs(cb, '/api/v1/exports/incidents.geojson?profile=internal') },
  ];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * The whole bag for `payload`: tag files with a manifest, Payload-Oxum and a tag manifest that
 * match it. `info` replaces bag-info.txt's Casebook fields; `oxum` overrides the true one.
 */
export function bagOf(payload: readonly BagFile[], options: { info?: TagFields; oxum?: string } = {}): BagFile[] {
  const info: TagFields = options.info ?? [
    ['Casebook-Profile', 'internal'],
    ['Casebook-Selection', '"everything"'],
    ['Casebook-Exported-At', '2026-01-01T00:00:00.000Z'],
    ['Casebook-Audit-Head', 'a'.repeat(64)],
  ];
  const oxum = options.oxum ?? formatOxum({ bytes: payload.reduce((sum, file) => sum + file.bytes.length, 0), files: payload.length });
  const tags: BagFile[] = [
    { path: 'bagit.txt', bytes: Buffer.from(BAGIT_TXT) },
    { path: 'bag-info.txt', bytes: Buffer.from(formatTagFile([['Bagging-Date', baggingDate(new Date('2026-01-01'))], ['Payload-Oxum', oxum], ...info])) },
    { path: 'manifest-sha256.txt', bytes: Buffer.from(formatManifest(payload.map((file) => ({ path: file.path, sha256: sha256(file.bytes) })))) },
    { path: 'verify.html', bytes: Buffer.from('<!doctype html><title>Verify this bag</title>\n') },
  ];
  const tagManifest = formatManifest(tags.map((file) => ({ path: file.path, sha256: sha256(file.bytes) })));
  return [...tags, { path: 'tagmanifest-sha256.txt', bytes: Buffer.from(tagManifest) }, ...payload];
}

/** The bag's files as ZIP entries under the top folder. */
export const partsOf = (bag: readonly BagFile[], top = TOP): ZipPart[] => bag.map((file) => ({ name: `${top}/${file.path}`, bytes: file.bytes }));

/** A ZIP of `parts`, evidence stored and text deflated as the writer does. archiver cleans names: see renameEntry. */
export async function zipOf(parts: readonly ZipPart[]): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const part of parts) {
    if (part.symlinkTo !== undefined) archive.symlink(part.name, part.symlinkTo);
    else archive.append(part.bytes!, { name: part.name, store: part.name.includes('/data/evidence/') } as ZipEntryData);
  }
  await archive.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** A valid internal bundle of `cb`. */
export async function bundleOf(cb: TestCasebook): Promise<Buffer> {
  return zipOf(partsOf(bagOf(await payloadOf(cb))));
}

/**
 * Renames an entry in the ZIP's bytes (local header and central directory), for names archiver
 * would clean up (`../../x`, `/etc/x`). Both names must be as long.
 */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  assert.equal(Buffer.byteLength(from), Buffer.byteLength(to), 'the new name must be as long as the old');
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  let found = 0;
  for (let at = out.indexOf(needle); at !== -1; at = out.indexOf(needle, at + 1)) {
    out.write(to, at);
    found++;
  }
  assert.equal(found, 2, `${from} is named once in a local header and once in the central directory`);
  return out;
}

/** Changes the central directory header of the entry `name` in a copy of the ZIP, leaving its data as it is. */
export function patchEntry(zip: Buffer, name: string, patch: (header: Buffer) => void): Buffer {
  const out = Buffer.from(zip);
  const centralDirectory = out.readUInt32LE(out.length - 22 + 16);
  for (let at = centralDirectory; out.readUInt32LE(at) === 0x02014b50; ) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      patch(out.subarray(at));
      return out;
    }
    at += 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  throw new Error(`no entry ${name} in the central directory`);
}

/** Sets the uncompressed size the central directory declares for the entry `name`. */
export const declareSize = (zip: Buffer, name: string, size: number) => patchEntry(zip, name, (header) => header.writeUInt32LE(size, 24));
