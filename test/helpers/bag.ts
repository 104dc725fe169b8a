/**
 * Reading an export bundle with independent tools: Info-ZIP's unzip to open it, coreutils'
 * sha256sum to check both manifests, and our own count of files and bytes for Payload-Oxum.
 * Nothing of Casebook's bag code (exports/bagit.ts) is used to judge Casebook's bags.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** bagit.txt as RFC 8493 §2.1.1 spells it for version 1.0. */
const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** Every file under `dir`, as `/`-separated paths relative to it. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Writes the ZIP to `dir`, unzips it there, and returns the path of its one top-level folder. */
export function unzipBundle(zip: Buffer, dir: string, expectedRoot: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${expectedRoot}.zip`);
  writeFileSync(file, zip);
  execFileSync('unzip', ['-q', file, '-d', join(dir, 'unzipped')]);
  assert.deepEqual(readdirSync(join(dir, 'unzipped')), [expectedRoot], 'one top-level folder, named after the bag');
  return join(dir, 'unzipped', expectedRoot);
}

/** Each entry's compression method as unzip -v lists it ("Stored", "Defl:N"), by path inside the bag. */
export function methodsOf(zipFile: string, root: string): Map<string, string> {
  const listing = execFileSync('unzip', ['-v', zipFile]).toString();
  const methods = new Map<string, string>();
  for (const match of listing.matchAll(/^\s*\d+\s+(Stored|Defl:\w)\s+.*\s(\S+)$/gm)) methods.set(match[2]!.slice(root.length + 1), match[1]!);
  return methods;
}

function manifestPaths(text: string): string[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^[0-9a-f]{64} {2}/, ''))
    .sort();
}

/**
 * Checks a bag as an archivist would, and returns its bag-info.txt fields: bagit.txt as the RFC
 * says, both manifests accepted by sha256sum -c, the payload manifest naming exactly the files
 * under data/, the tag manifest every tag file, and Payload-Oxum the bytes and files counted here.
 */
export function checkBag(bag: string): Map<string, string> {
  assert.deepEqual(readdirSync(bag).sort(), ['bag-info.txt', 'bagit.txt', 'data', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'verify.html']);
  assert.equal(readFileSync(join(bag, 'bagit.txt'), 'utf8'), BAGIT_TXT);
  const sums = spawnSync('sha256sum', ['--check', '--strict', 'manifest-sha256.txt', 'tagmanifest-sha256.txt'], { cwd: bag, encoding: 'utf8' });
  assert.equal(sums.status, 0, `sha256sum -c: ${sums.stdout}${sums.stderr}`);
  const payload = filesUnder(join(bag, 'data')).map((path) => `data/${path}`);
  assert.deepEqual(manifestPaths(readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8')), payload);
  assert.deepEqual(manifestPaths(readFileSync(join(bag, 'tagmanifest-sha256.txt'), 'utf8')), ['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt', 'verify.html']);
  const info = new Map(
    readFileSync(join(bag, 'bag-info.txt'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)] as [string, string]),
  );
  const bytes = payload.reduce((sum, path) => sum + statSync(join(bag, path)).size, 0);
  assert.equal(info.get('Payload-Oxum'), `${bytes}.${payload.length}`);
  assert.match(info.get('Bagging-Date')!, /^\d{4}-\d{2}-\d{2}$/);
  return info;
}
