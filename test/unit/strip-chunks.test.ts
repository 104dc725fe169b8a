/**
 * JPEG and PNG safe copies made over a file read in chunks must be, byte for byte and refusal for
 * refusal, what the whole-buffer strippers made (test/helpers/strip-whole.ts, kept as the oracle):
 * a slip at a chunk boundary could keep an EXIF segment, and with it a witness's GPS position.
 * Chunk boundaries are put everywhere: after every byte, at every single offset, at random, with
 * empty chunks between. Inputs: the fixtures in test/fixtures/evidence, every truncation of them,
 * damaged copies, and files generated here segment by segment (their scans are random bytes with
 * stuffed 0xFF00 and restart markers, not coded images: the stripper never decodes them).
 */
import assert from 'node:assert/strict';
import { mulberry32 } from '../../scripts/bench/incident-data.js';
import { CannotStripError, stripMetadata } from '../../server/evidence/strip.js';
import { withBytesChanged } from '../helpers/damage.js';
import { fixture } from '../helpers/files.js';
import { stripJpegWhole, stripPngWhole } from '../helpers/strip-whole.js';

type MediaType = 'image/jpeg' | 'image/png';
type Outcome = { copy: Buffer } | { refused: string };

function outcome(strip: () => readonly Buffer[]): Outcome {
  try {
    return { copy: Buffer.concat(strip()) };
  } catch (error) {
    if (error instanceof CannotStripError) return { refused: error.message };
    throw error;
  }
}

const whole = (bytes: Buffer, mediaType: MediaType) => outcome(() => (mediaType === 'image/jpeg' ? stripJpegWhole(bytes) : stripPngWhole(bytes)));

/** `bytes` cut after each offset in `cuts` (ascending), as views. */
function cutAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of cuts) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

const inChunksOf = (bytes: Buffer, size: number) => cutAt(bytes, Array.from({ length: Math.ceil(bytes.length / size) - 1 }, (_, i) => (i + 1) * size));

/** Cuts at random, some of them twice over (an empty chunk). */
function atRandom(bytes: Buffer, random: () => number): Buffer[] {
  const cuts = Array.from({ length: 1 + Math.floor(random() * 12) }, () => Math.floor(random() * (bytes.length + 1)));
  return cutAt(bytes, cuts.sort((a, b) => a - b));
}

function assertSame(bytes: Buffer, mediaType: MediaType, chunks: Buffer[], label: string): void {
  assert.deepEqual(outcome(() => stripMetadata(chunks, mediaType)), whole(bytes, mediaType), label);
}

function assertSameEveryWay(bytes: Buffer, mediaType: MediaType, label: string, seed = 1): void {
  const random = mulberry32(seed);
  for (const size of [1, 2, 3, 7, 64, 4096]) assertSame(bytes, mediaType, inChunksOf(bytes, size), `${label} in chunks of ${size}`);
  for (let i = 0; i < 8; i++) assertSame(bytes, mediaType, atRandom(bytes, random), `${label} cut at random, case ${i}`);
  assertSame(bytes, mediaType, [Buffer.alloc(0), bytes, Buffer.alloc(0)], `${label} whole between empty chunks`);
}

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => Buffer.from([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
const segment = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), u16(body.length + 2), body]);
const text = (s: string) => Buffer.from(s, 'latin1');

/** A JPEG's segments in a random order and mix: kept ones, dropped ones, fill bytes, scans with restarts, trailing bytes. */
function generatedJpeg(random: () => number): Buffer {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const noise = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
  const scan = (length: number) => {
    const bytes: number[] = [];
    while (bytes.length < length) {
      const byte = Math.floor(random() * 256);
      if (byte !== 0xff) bytes.push(byte);
      else if (random() < 0.5) bytes.push(0xff, 0x00);
      else bytes.push(0xff, 0xd0 + Math.floor(random() * 8));
    }
    return Buffer.from(bytes);
  };
  const segments = [
    () => segment(0xe0, Buffer.concat([text('JFIF\0'), noise(9)])),
    () => segment(0xe0, Buffer.concat([text('JFXX\0'), noise(40)])),
    () => segment(0xe0, text('JFI')),
    () => segment(0xe1, Buffer.concat([text('Exif\0\0GPS 43.3178 N 45.6949 E'), noise(30)])),
    () => segment(0xe1, text('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Grozny</x:xmpmeta>')),
    () => segment(0xe2, Buffer.concat([text('ICC_PROFILE\0'), noise(50)])),
    () => segment(0xe2, Buffer.concat([text('FPXR\0'), noise(20)])),
    () => segment(0xe2, text('ICC_PROF')),
    () => segment(0xed, text('Photoshop 3.0\0IPTC city: Grozny')),
    () => segment(0xee, Buffer.concat([text('Adobe'), noise(7)])),
    () => segment(0xee, text('Adob')),
    () => segment(0xef, noise(3)),
    () => segment(0xfe, text('taken at the checkpoint')),
    () => segment(0xdb, noise(65)),
    () => segment(0xc4, noise(30)),
    () => segment(0xc0, noise(15)),
    () => segment(0xdd, noise(2)),
    () => Buffer.from([0xff, 0x01]),
    () => Buffer.from([0xff, 0xff, 0xff]),
    () => segment(0xda, noise(10)),
  ];
  const parts = [Buffer.from([0xff, 0xd8])];
  for (let n = 1 + Math.floor(random() * 10); n > 0; n--) {
    const part = pick(segments)();
    parts.push(part);
    if (part[1] === 0xda) parts.push(scan(Math.floor(random() * 300)));
  }
  parts.push(segment(0xda, noise(10)), scan(50 + Math.floor(random() * 500)), Buffer.from([0xff, 0xd9]));
  if (random() < 0.3) parts.push(pick([noise(20), Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10]), text('Exif\0\0trailing')]));
  return Buffer.concat(parts);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's chunks in a random mix of kept and dropped ones (CRCs are not checked, so they are noise). */
function generatedPng(random: () => number): Buffer {
  const noise = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
  const chunk = (type: string, body: Buffer) => Buffer.concat([u32(body.length), text(type), body, noise(4)]);
  const types = ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'pHYs', 'iCCP', 'sRGB', 'IDAT', 'gAMA'];
  const parts = [PNG_SIGNATURE, chunk('IHDR', noise(13))];
  for (let n = Math.floor(random() * 8); n > 0; n--) {
    const type = types[Math.floor(random() * types.length)]!;
    parts.push(chunk(type, type === 'IDAT' ? noise(Math.floor(random() * 400)) : text(`${type} Location: Grozny`)));
  }
  parts.push(chunk('IDAT', noise(100)), chunk('IEND', Buffer.alloc(0)));
  if (random() < 0.3) parts.push(chunk('tEXt', text('after the end')));
  return Buffer.concat(parts);
}

const FIXTURES: { name: string; mediaType: MediaType }[] = [
  { name: 'gps.jpg', mediaType: 'image/jpeg' },
  { name: 'plain.jpg', mediaType: 'image/jpeg' },
  { name: 'garbage-exif.jpg', mediaType: 'image/jpeg' },
  { name: 'truncated.jpg', mediaType: 'image/jpeg' },
  { name: 'text-location.png', mediaType: 'image/png' },
];

describe('JPEG and PNG safe copies made over chunks', () => {
  it('the fixtures make the same copy, or the same refusal, in chunks of every size and cut anywhere', () => {
    for (const { name, mediaType } of FIXTURES) assertSameEveryWay(fixture(name), mediaType, name);
    assert.ok('copy' in whole(fixture('gps.jpg'), 'image/jpeg'), 'the oracle copies gps.jpg');
    assert.ok('refused' in whole(fixture('truncated.jpg'), 'image/jpeg'), 'the oracle refuses truncated.jpg');
  });

  it('with one chunk boundary at each offset of each fixture, the copy is the same', () => {
    for (const { name, mediaType } of FIXTURES) {
      const bytes = fixture(name);
      for (let cut = 0; cut <= bytes.length; cut++) assertSame(bytes, mediaType, cutAt(bytes, [cut]), `${name} cut at ${cut}`);
    }
  });

  it('every truncation of each fixture is refused with the same message, or copied the same', function () {
    this.timeout(60_000);
    for (const { name, mediaType } of FIXTURES) {
      const bytes = fixture(name);
      for (let length = 0; length <= bytes.length; length++) {
        const cut = bytes.subarray(0, length);
        assertSame(cut, mediaType, inChunksOf(cut, 3), `${name} cut to ${length} bytes, in chunks of 3`);
        assertSame(cut, mediaType, cutAt(cut, [Math.floor(length / 2)]), `${name} cut to ${length} bytes, in two chunks`);
      }
    }
  });

  it('damaged fixtures are refused with the same message, or copied the same', function () {
    this.timeout(60_000);
    for (const [seed, { name, mediaType }] of FIXTURES.entries()) {
      for (const { damaged, label } of withBytesChanged(fixture(name), 300, seed + 1)) {
        const random = mulberry32(seed + 100);
        assertSame(damaged, mediaType, inChunksOf(damaged, 1 + Math.floor(random() * 9)), `${name} ${label}`);
        assertSame(damaged, mediaType, atRandom(damaged, random), `${name} ${label}, cut at random`);
      }
    }
  });

  it('generated JPEGs, with every kind of segment, fill bytes, restarts and trailing bytes, make the same copies cut every way', function () {
    this.timeout(60_000);
    const random = mulberry32(7);
    let copies = 0;
    for (let i = 0; i < 400; i++) {
      const jpeg = generatedJpeg(random);
      assertSameEveryWay(jpeg, 'image/jpeg', `generated JPEG ${i}`, i);
      for (let cut = 0; cut <= jpeg.length; cut += 1 + Math.floor(random() * 5)) assertSame(jpeg, 'image/jpeg', cutAt(jpeg, [cut]), `generated JPEG ${i} cut at ${cut}`);
      for (const { damaged, label } of withBytesChanged(jpeg, 5, i + 1)) assertSame(damaged, 'image/jpeg', atRandom(damaged, random), `generated JPEG ${i} ${label}`);
      if ('copy' in whole(jpeg, 'image/jpeg')) copies++;
    }
    assert.ok(copies > 300, `the oracle copies most generated JPEGs (${copies} of 400)`);
  });

  it('generated PNGs, with every kind of chunk and trailing bytes, make the same copies cut every way', () => {
    const random = mulberry32(11);
    for (let i = 0; i < 300; i++) {
      const png = generatedPng(random);
      assertSameEveryWay(png, 'image/png', `generated PNG ${i}`, i);
      for (const { damaged, label } of withBytesChanged(png, 5, i + 1)) assertSame(damaged, 'image/png', atRandom(damaged, random), `generated PNG ${i} ${label}`);
    }
  });

  it('a JPEG copy is made of views into the chunks read, not of new buffers', () => {
    // Each chunk in memory of its own, as a file's chunks are read.
    const chunks = inChunksOf(fixture('gps.jpg'), 1000).map((chunk) => {
      const own = Buffer.allocUnsafeSlow(chunk.length);
      chunk.copy(own);
      return own;
    });
    const within = (piece: Buffer, chunk: Buffer) => piece.buffer === chunk.buffer && piece.byteOffset >= chunk.byteOffset && piece.byteOffset + piece.length <= chunk.byteOffset + chunk.length;
    for (const piece of stripMetadata(chunks, 'image/jpeg')) assert.ok(chunks.some((chunk) => within(piece, chunk)));
  });

  it('a copy of the GPS fixture no longer holds its EXIF segment, in chunks as whole', () => {
    const gps = fixture('gps.jpg');
    assert.ok(gps.includes('Exif\0\0'), 'the fixture holds EXIF');
    for (const size of [1, 5, gps.length]) assert.ok(!Buffer.concat(stripMetadata(inChunksOf(gps, size), 'image/jpeg')).includes('Exif\0\0'), `in chunks of ${size}`);
  });
});
