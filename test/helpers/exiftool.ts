/** Debian's exiftool (libimage-exiftool-perl, installed by .ci/run) as an independent reader of what we write. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function assertExiftoolInstalled(): void {
  if (spawnSync('exiftool', ['-ver']).status !== 0) throw new Error('exiftool is needed to check safe copies (apt-get install libimage-exiftool-perl; .ci/run does)');
}

function run(bytes: Buffer, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-exif-'));
  try {
    const path = join(dir, 'file');
    writeFileSync(path, bytes);
    return execFileSync('exiftool', [...args, path], { maxBuffer: 64 * 1024 * 1024 }).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every tag exiftool finds, keyed "Group:Name", without the System group (the temporary file's own dates). */
export function exiftool(bytes: Buffer, ...args: string[]): Record<string, unknown> {
  const tags = (JSON.parse(run(bytes, ['-j', '-a', '-G1', ...args])) as Record<string, unknown>[])[0]!;
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !key.startsWith('System:')));
}

export interface HeifItem {
  readonly type: string;
  /** The item's bytes, its extents joined, wherever they are stored (mdat or idat). */
  readonly data: Buffer;
}

/**
 * A HEIF file's items as exiftool's verbose listing of iinf and iloc gives them. Read by exiftool,
 * not by our own parser, so a test can check our copy against it.
 */
export function heifItems(bytes: Buffer): Map<number, HeifItem> {
  const listing = run(bytes, ['-v3']);
  const idat = /Tag 'idat' \(\d+ bytes[^\n]*\n[ |]*([0-9a-f]+):/.exec(listing);
  const idatStart = idat ? parseInt(idat[1]!, 16) : 0;
  const types = new Map([...listing.matchAll(/Item (\d+): Type=(\S+)/g)].map((match) => [Number(match[1]), match[2]!]));
  const parts = new Map<number, Buffer[]>();
  for (const match of listing.matchAll(/Item (\d+): const_meth=(\d+) base=0x([0-9a-f]+) offset=0x([0-9a-f]+) len=0x([0-9a-f]+)/g)) {
    const [id, method, base, offset, length] = [Number(match[1]), Number(match[2]), parseInt(match[3]!, 16), parseInt(match[4]!, 16), parseInt(match[5]!, 16)];
    const start = (method === 1 ? idatStart : 0) + base + offset;
    parts.set(id, [...(parts.get(id) ?? []), bytes.subarray(start, start + length)]);
  }
  return new Map([...types].map(([id, type]) => [id, { type, data: Buffer.concat(parts.get(id) ?? []) }]));
}
