/**
 * The text of a BagIt bag (RFC 8493): `bagit.txt`, tag files such as `bag-info.txt`, SHA-256
 * manifests and Payload-Oxum, written and read. Strings only, no files: a bag on disk (backup)
 * and a bag inside a ZIP stream (export bundle) share these.
 */

/** A bag that breaks the rules, or that this reader does not accept; the message names the file and line. */
export class BagError extends Error {}

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

export interface ManifestEntry {
  /** Path inside the bag, `/`-separated, e.g. `data/casebook.sqlite`. */
  readonly path: string;
  readonly sha256: string;
}

export type TagFields = readonly (readonly [label: string, value: string])[];

/**
 * Refuses a path that could land outside the bag or mean different files on different systems.
 * Backslashes and drive letters are refused too: on Windows they are separators and roots.
 */
export function checkBagPath(path: string): void {
  if (path === '' || path.includes('\0')) throw new BagError(`the path ${JSON.stringify(path)} is empty or holds a NUL byte`);
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) throw new BagError(`the path ${JSON.stringify(path)} is absolute`);
  if (path.includes('\\')) throw new BagError(`the path ${JSON.stringify(path)} holds a backslash`);
  for (const segment of path.split('/')) {
    if (segment === '..') throw new BagError(`the path ${JSON.stringify(path)} leaves the bag`);
    if (segment === '' || segment === '.') throw new BagError(`the path ${JSON.stringify(path)} has an empty or "." segment`);
  }
}

// RFC 8493 §2.1.3: only these three are encoded. (bagit-python decodes %0A and %0D only, so a
// writer should avoid "%" in names altogether.)
const encodePath = (path: string) => path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const decodePath = (path: string) => path.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');

/** `<sha256>  <path>` lines, the form `sha256sum -c` also reads. */
export function formatManifest(entries: Iterable<ManifestEntry>): string {
  let text = '';
  for (const { path, sha256 } of entries) {
    checkBagPath(path);
    text += `${sha256}  ${encodePath(path)}\n`;
  }
  return text;
}

/** Reads a SHA-256 manifest, checking every path; `name` is the manifest's file name, for messages. */
export function parseManifest(text: string, name: string): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line === '') return;
    const match = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/.exec(line);
    if (!match) throw new BagError(`${name} line ${index + 1} is not "<sha256> <path>"`);
    const path = decodePath(match[2]!);
    try {
      checkBagPath(path);
    } catch (error) {
      throw new BagError(`${name} line ${index + 1}: ${(error as Error).message}`);
    }
    if (seen.has(path)) throw new BagError(`${name} lists ${path} twice`);
    seen.add(path);
    entries.push({ path, sha256: match[1]!.toLowerCase() });
  });
  return entries;
}

/** `Label: value` lines. Values must be one line: the writer never folds them. */
export function formatTagFile(fields: TagFields): string {
  return fields
    .map(([label, value]) => {
      if (/[:\r\n]/.test(label) || /[\r\n]/.test(value)) throw new BagError(`tag ${JSON.stringify(label)} does not fit on one line`);
      return `${label}: ${value}\n`;
    })
    .join('');
}

/** Reads `Label: value` lines; a line starting with white space continues the value before it. */
export function parseTagFile(text: string, name: string): [string, string][] {
  const fields: [string, string][] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    if (line === '') return;
    const last = fields.at(-1);
    if (/^[ \t]/.test(line) && last) {
      last[1] += ` ${line.trim()}`;
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new BagError(`${name} line ${index + 1} is not "Label: value"`);
    fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  });
  return fields;
}

/** The value of a label (compared without case), or undefined. */
export function tagValue(fields: TagFields, label: string): string | undefined {
  return fields.find(([name]) => name.toLowerCase() === label.toLowerCase())?.[1];
}

export interface Oxum {
  readonly bytes: number;
  readonly files: number;
}

export const formatOxum = ({ bytes, files }: Oxum) => `${bytes}.${files}`;

export function parseOxum(value: string): Oxum {
  const match = /^(\d+)\.(\d+)$/.exec(value.trim());
  if (!match) throw new BagError(`Payload-Oxum ${JSON.stringify(value)} is not "<octets>.<files>"`);
  return { bytes: Number(match[1]), files: Number(match[2]) };
}

/** Bagging-Date: the calendar date, UTC. */
export const baggingDate = (at: Date) => at.toISOString().slice(0, 10);
