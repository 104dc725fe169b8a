/**
 * TIFF safe copies on bad input: damaged files are refused with CannotStripError, never a crash,
 * a hang or a copy of more than the file holds. Fixtures from test/fixtures/evidence, damaged here.
 */
import assert from 'node:assert/strict';
import { CannotStripError, stripMetadata } from '../../server/evidence/strip.js';
import { stripTiff } from '../../server/evidence/strip-tiff.js';
import { assertRefusesOrCopes, withBytesChanged } from '../helpers/damage.js';
import { fixture } from '../helpers/files.js';

/** gps-strips.tif is little-endian: where its directories and a tag's entry are. */
const firstDirectory = (tiff: Buffer) => tiff.readUInt32LE(4);
const nextPointer = (tiff: Buffer, directory: number) => directory + 2 + tiff.readUInt16LE(directory) * 12;
function entryOf(tiff: Buffer, tag: number): number {
  const directory = firstDirectory(tiff);
  for (let i = 0; i < tiff.readUInt16LE(directory); i++) if (tiff.readUInt16LE(directory + 2 + i * 12) === tag) return directory + 2 + i * 12;
  throw new Error(`no tag ${tag} in the fixture`);
}

function refused(tiff: Buffer, message: RegExp): void {
  assert.throws(() => stripTiff(tiff), (error: unknown) => error instanceof CannotStripError && message.test(error.message));
}

describe('TIFF safe copies', () => {
  it('a safe copy of a safe copy is the same bytes', () => {
    for (const name of ['gps-strips.tif', 'gps-tiles.tif']) {
      const once = Buffer.concat(stripMetadata([fixture(name)], 'image/tiff'));
      assert.ok(stripTiff(once).equals(once), name);
    }
  });

  it('refuses every truncation of the file', () => {
    const tiff = fixture('gps-strips.tif');
    for (let length = 0; length < tiff.length; length++) {
      assert.throws(() => stripTiff(tiff.subarray(0, length)), CannotStripError, `cut at ${length}`);
    }
  });

  it('refuses strips that lie past the end of the file', () => {
    const tiff = Buffer.from(fixture('gps-strips.tif'));
    const offsets = entryOf(tiff, 273);
    tiff.writeUInt32LE(0x7fff_fff0, tiff.readUInt32LE(offsets + 8));
    refused(tiff, /image data lies past the end/);
  });

  it('refuses a tag whose value count would run far past the end of the file', () => {
    const tiff = Buffer.from(fixture('gps-strips.tif'));
    tiff.writeUInt32LE(0x4000_0000, entryOf(tiff, 258) + 4);
    refused(tiff, /value of tag 258 lies past the end/);
  });

  it('refuses directories that loop, whether onto themselves or back to the first', () => {
    const selfLoop = Buffer.from(fixture('gps-strips.tif'));
    selfLoop.writeUInt32LE(firstDirectory(selfLoop), nextPointer(selfLoop, firstDirectory(selfLoop)));
    refused(selfLoop, /form a loop/);
    const backLoop = Buffer.from(fixture('gps-strips.tif'));
    const second = backLoop.readUInt32LE(nextPointer(backLoop, firstDirectory(backLoop)));
    backLoop.writeUInt32LE(firstDirectory(backLoop), nextPointer(backLoop, second));
    refused(backLoop, /form a loop/);
  });

  it('refuses one strip named so many times that the copy would outgrow the file', () => {
    const tiff = Buffer.from(fixture('gps-strips.tif'));
    const offsets = tiff.readUInt32LE(entryOf(tiff, 273) + 8);
    const counts = entryOf(tiff, 279);
    // Four strips, each now claiming the whole file from its first strip on: overlapping, not shared.
    for (let i = 0; i < 4; i++) {
      tiff.writeUInt32LE(i, offsets + i * 4);
      tiff.writeUInt16LE(tiff.length - 4, tiff.readUInt32LE(counts + 8) + i * 2);
    }
    refused(tiff, /more data than it holds/);
  });

  it('refuses old-style JPEG compression, which can embed a whole JPEG file with its own EXIF', () => {
    const tiff = Buffer.from(fixture('gps-strips.tif'));
    tiff.writeUInt16LE(6, entryOf(tiff, 259) + 8);
    refused(tiff, /old-style JPEG/);
  });

  it('refuses BigTIFF with a clear message', () => {
    refused(Buffer.from('II+\0\x08\0\0\0\0\0\0\0\0\0\0\0', 'latin1'), /BigTIFF files have no safe copy yet/);
    refused(Buffer.from('MM\0+\0\x08\0\0\0\0\0\0\0\0\0\0', 'latin1'), /BigTIFF/);
  });

  it('refuses a file whose only page is a thumbnail', () => {
    const tiff = Buffer.from(fixture('gps-strips.tif'));
    tiff.writeUInt32LE(tiff.readUInt32LE(nextPointer(tiff, firstDirectory(tiff))), 4);
    refused(tiff, /no full-resolution image/);
  });

  it('given thousands of randomly damaged files, answers each with a copy or a CannotStripError', function () {
    this.timeout(60_000);
    // The safe copies too: they are nearly all structure, where damage is most telling.
    const files = ['gps-strips.tif', 'gps-tiles.tif'].flatMap((name) => [{ name, bytes: fixture(name) }, { name: `copy of ${name}`, bytes: stripTiff(fixture(name)) }]);
    for (const [seed, { name, bytes }] of files.entries()) {
      for (const { damaged, label } of withBytesChanged(bytes, 2000, seed + 1)) {
        assertRefusesOrCopes(() => stripTiff(damaged), CannotStripError, `${name} ${label}`);
      }
    }
  });
});
