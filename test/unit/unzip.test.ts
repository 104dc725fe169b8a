/**
 * The ZIP checks of a bundle import (server/bag/unzip.ts), entry by entry, on real ZIPs written by
 * archiver and then altered byte by byte where archiver would not write what a hostile ZIP holds.
 * Nothing is faked; each ZIP is a file in a temporary folder.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckedZip, ZipError, ZipTooLargeError } from '../../server/bag/unzip.js';
import { patchEntry, renameEntry, zipOf, type ZipPart } from '../helpers/bundle.js';
import { listing } from '../helpers/files.js';

const file = (name: string, text = 'some text\n'): ZipPart => ({ name, bytes: Buffer.from(text) });

describe('reading a ZIP to import', () => {
  let dir: string;
  let count = 0;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-unzip-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const saved = (zip: Buffer) => {
    const path = join(dir, `${++count}.zip`);
    writeFileSync(path, zip);
    return path;
  };

  async function refusedOpen(zip: Buffer, reason: RegExp, max = 1024 ** 3) {
    await assert.rejects(CheckedZip.open(saved(zip), max), (error: Error) => {
      assert.ok(error instanceof ZipError, String(error));
      assert.match(error.message, reason);
      return true;
    });
  }

  it('when every entry is a file under one top folder, then it unpacks them, counting every byte', async () => {
    const zip = await CheckedZip.open(saved(await zipOf([file('top/bagit.txt'), file('top/data/a.txt', 'a'.repeat(5000)), { name: 'top/data/evidence/b.jpg', bytes: Buffer.alloc(300, 7) }])), 1024 ** 2);
    try {
      assert.equal(zip.top, 'top');
      assert.deepEqual(zip.members.map((member) => member.path), ['bagit.txt', 'data/a.txt', 'data/evidence/b.jpg']);
      const out = join(dir, 'out');
      mkdirSync(out);
      let bytes = 0;
      await zip.unpack(zip.members, out, (n) => (bytes += n));
      assert.equal(bytes, zip.totalBytes);
      assert.deepEqual(listing(out), ['bagit.txt 10', 'data/a.txt 5000', 'data/evidence/b.jpg 300']);
      assert.equal(readFileSync(join(out, 'data/a.txt'), 'utf8'), 'a'.repeat(5000));
    } finally {
      zip.close();
    }
  });

  it('names two entries of one name', async () => {
    await refusedOpen(await zipOf([file('top/a.txt'), file('top/a.txt')]), /entry "top\/a.txt" appears twice/);
  });

  it('names entries in two top folders, and one beside the top folder', async () => {
    await refusedOpen(await zipOf([file('top/a.txt'), file('other/a.txt')]), /two top folders, "top" and "other"/);
    await refusedOpen(await zipOf([file('top/a.txt'), file('loose.txt')]), /entry "loose.txt" lies outside the bag's folder/);
  });

  it('names a backslash and a drive letter', async () => {
    await refusedOpen(renameEntry(await zipOf([file('top/aQb')]), 'top/aQb', 'top/a\\b'), /the path "top\/a\\\\b" holds a backslash/);
    await refusedOpen(renameEntry(await zipOf([file('CQ/x')]), 'CQ/x', 'C:/x'), /the path "C:\/x" is absolute/);
  });

  it('names an encrypted entry, a device or pipe, and a compression it does not read', async () => {
    const zip = await zipOf([file('top/a.txt')]);
    await refusedOpen(patchEntry(zip, 'top/a.txt', (header) => header.writeUInt16LE(header.readUInt16LE(8) | 1, 8)), /entry "top\/a.txt" is encrypted/);
    await refusedOpen(patchEntry(zip, 'top/a.txt', (header) => header.writeUInt32LE((0o010644 << 16) >>> 0, 38)), /entry "top\/a.txt" is not a regular file \(mode 10000\)/);
    await refusedOpen(patchEntry(zip, 'top/a.txt', (header) => header.writeUInt16LE(12, 10)), /compressed with method 12; only stored \(0\) and deflated \(8\)/);
  });

  it('names a stored entry whose two sizes differ', async () => {
    const zip = await zipOf([{ name: 'top/data/evidence/b.jpg', bytes: Buffer.alloc(300, 7) }]);
    await refusedOpen(patchEntry(zip, 'top/data/evidence/b.jpg', (header) => header.writeUInt32LE(3000, 24)), /stored uncompressed, yet declares 3000 bytes in 300: its sizes lie/);
  });

  it('names a path that is both a file and a folder', async () => {
    await refusedOpen(await zipOf([file('top/data'), file('top/data/a.txt')]), /"top\/data" is both a file and a folder/);
  });

  it('refuses a total over the maximum as too large', async () => {
    await assert.rejects(CheckedZip.open(saved(await zipOf([file('top/a.txt', 'a'.repeat(600)), file('top/b.txt', 'b'.repeat(600))])), 1000), ZipTooLargeError);
  });

  it('names an empty ZIP and a file that is no ZIP', async () => {
    await refusedOpen(await zipOf([]), /it is empty: there is no bag in it/);
    await refusedOpen(Buffer.from('just some text, not a zip at all'), /it is not a ZIP, or it is truncated or damaged/);
  });

  it('when a stored entry\'s bytes were altered, then unpacking names it damaged', async () => {
    const bytes = Buffer.alloc(300, 7);
    const zip = await zipOf([{ name: 'top/data/evidence/b.jpg', bytes }]);
    const altered = Buffer.from(zip);
    altered[zip.indexOf(bytes) + 100] = 8;
    const checked = await CheckedZip.open(saved(altered), 1024 ** 2);
    try {
      await assert.rejects(checked.unpack(checked.members, dir), /data\/evidence\/b.jpg does not match its CRC-32: the ZIP is damaged/);
    } finally {
      checked.close();
    }
  });
});
