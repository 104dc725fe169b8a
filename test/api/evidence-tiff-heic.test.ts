/**
 * Safe copies of TIFF and HEIC evidence, over real HTTP into a real evidence folder, checked with
 * exiftool (Debian's libimage-exiftool-perl) as a reader independent of ours. Nothing is faked.
 * Fixtures (test/fixtures/evidence/make-tiff-heic.sh): gps-strips.tif (little-endian strips, a
 * thumbnail page, EXIF, GPS, XMP, IPTC), gps-tiles.tif (big-endian tiles, two pages, metadata on
 * both), gps.heic (heif-enc of gps.jpg: a grid over one tile, a thumbnail item, Exif and XMP items).
 */
import assert from 'node:assert/strict';
import exifr from 'exifr';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { assertExiftoolInstalled, exiftool, heifItems } from '../helpers/exiftool.js';
import { download, fixture, sha256, uploadRaw } from '../helpers/files.js';

const PLANTED = ['Planted', 'Argun', 'safe house', 'Canon', 'Apple', 'iPhone', 'GIMP', 'Photoshop', 'witness', 'page two', 'xpacket'];

/** What exiftool, exifr (the reader Casebook itself uses) and a plain search must not find in anything a journalist receives. */
async function assertNothingIdentifying(bytes: Buffer): Promise<void> {
  const read = ((await exifr.parse(bytes, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, ifd1: true, reviveValues: false }).catch(() => undefined)) ?? {}) as Record<string, unknown>;
  assert.deepEqual(Object.keys(read).filter((key) => /lat|lon|GPS|Date|Make|Model|Software|Artist|creator|Byline/i.test(key)), [], 'exifr finds nothing');
  const tags = exiftool(bytes);
  const names = Object.keys(tags).filter((name) => name !== 'SourceFile');
  for (const group of ['ExifIFD', 'GPS', 'IPTC', 'XMP', 'Photoshop', 'InteropIFD']) {
    assert.ok(!names.some((name) => name.startsWith(group)), `${group} survived: ${names.join(', ')}`);
  }
  for (const name of names) {
    assert.doesNotMatch(name.split(':')[1]!, /GPS|Date|Time|Make|Model|Software|Artist|HostComputer|Copyright|Description|Creator|By-line|Thumbnail|Preview/, `${name} survived`);
  }
  assert.ok(!Object.values(tags).includes('Reduced-resolution image'), 'a thumbnail page survived');
  for (const text of PLANTED) assert.ok(!bytes.includes(text), `"${text}" is still in the bytes`);
}

/** A TIFF page's strips or tiles, located by exiftool's reading of its offsets and byte counts. */
function imageData(bytes: Buffer, page: 'IFD0' | 'IFD1'): Buffer {
  const tags = exiftool(bytes, '-n');
  const list = (name: string) => String(tags[`${page}:Strip${name}`] ?? tags[`${page}:Tile${name}`]).split(' ').map(Number);
  const offsets = list('Offsets');
  const counts = list('ByteCounts');
  assert.ok(offsets.length > 0 && offsets.every(Number.isInteger), `no image data found on ${page}`);
  return Buffer.concat(offsets.map((offset, i) => bytes.subarray(offset, offset + counts[i]!)));
}

async function safeCopyForJournalist(cb: TestCasebook, name: string, bytes: Buffer) {
  const original = await uploadRaw(cb, name, bytes, '?protected=false');
  assert.equal(original.status, 201, original.text);
  const copy = await cb.post(`/api/v1/evidence/${original.body.id}/safe-copy`, undefined);
  assert.equal(copy.status, 201, copy.text);
  assert.equal(copy.body.derivedFrom.id, original.body.id);
  assert.equal(copy.body.mediaType, original.body.mediaType);
  const received = await download(cb, 'journalist', original.body.id);
  assert.equal(received.status, 200);
  assert.equal(sha256(received.bytes), copy.body.sha256, 'the journalist receives the stored safe copy');
  return received.bytes;
}

describe('evidence: safe copies of TIFF and HEIC', () => {
  let cb: TestCasebook;
  before(assertExiftoolInstalled);
  beforeEach(async () => {
    cb = await startCasebook();
  });
  afterEach(() => cb.close());

  it('a TIFF in strips loses its EXIF, GPS, XMP, IPTC, device, dates and thumbnail page; its strips are copied byte for byte', async () => {
    const original = fixture('gps-strips.tif');
    assert.match(JSON.stringify(exiftool(original)), /GPSLatitude.*Reduced-resolution/s, 'the fixture carries what must go');
    await assert.rejects(assertNothingIdentifying(original), 'the check has teeth');
    const safe = await safeCopyForJournalist(cb, 'scan.tif', original);
    await assertNothingIdentifying(safe);
    const tags = exiftool(safe);
    assert.equal(tags['File:ExifByteOrder'], 'Little-endian (Intel, II)');
    assert.ok(!Object.keys(tags).some((name) => name.startsWith('IFD1:')), 'the reduced-resolution page is gone');
    assert.deepEqual([tags['IFD0:ImageWidth'], tags['IFD0:ImageHeight'], tags['IFD0:Compression'], tags['IFD0:Predictor']], [48, 32, 'LZW', 'Horizontal differencing']);
    assert.ok(imageData(safe, 'IFD0').equals(imageData(original, 'IFD0')), 'the compressed strips are untouched');
  });

  it('a big-endian tiled TIFF keeps both its pages, each with its tiles byte for byte and without its metadata', async () => {
    const original = fixture('gps-tiles.tif');
    await assert.rejects(assertNothingIdentifying(original), 'the check has teeth');
    const safe = await safeCopyForJournalist(cb, 'pages.tif', original);
    await assertNothingIdentifying(safe);
    const tags = exiftool(safe);
    assert.equal(tags['File:ExifByteOrder'], 'Big-endian (Motorola, MM)');
    assert.equal(tags['File:PageCount'], 2, 'a multi-page document reaches the journalist whole');
    for (const page of ['IFD0', 'IFD1'] as const) {
      assert.ok(imageData(safe, page).equals(imageData(original, page)), `the tiles of ${page} are untouched`);
    }
  });

  it('a HEIC keeps only its primary image: no Exif or XMP item, no thumbnail, and the coded image data is byte for byte the same', async () => {
    const original = fixture('gps.heic');
    const before = heifItems(original);
    assert.deepEqual([...before.values()].map((item) => item.type).sort(), ['Exif', 'grid', 'grid', 'hvc1', 'hvc1', 'mime'], 'the fixture carries what must go');
    await assert.rejects(assertNothingIdentifying(original), 'the check has teeth');
    const safe = await safeCopyForJournalist(cb, 'photo.heic', original);
    await assertNothingIdentifying(safe);
    const after = heifItems(safe);
    // Item 2 is the primary grid (its layout stored in idat), item 1 its one HEVC-coded tile.
    assert.deepEqual([...after.keys()].sort(), [1, 2], 'only the primary image and its tile remain');
    for (const id of [1, 2]) {
      assert.equal(after.get(id)!.type, before.get(id)!.type);
      assert.ok(after.get(id)!.data.length > 0 && after.get(id)!.data.equals(before.get(id)!.data), `item ${id}'s data is untouched`);
    }
    const tags = exiftool(safe);
    assert.equal(tags['Meta:PrimaryItemReference'], 2);
    assert.equal(tags['File:ImageWidth'], 64);
  });
});
