/**
 * TIFF safe copies: a new classic TIFF in the same byte order holding, for each full-resolution
 * page, only the tags a reader needs to decode and show it, and that page's strips or tiles
 * copied byte for byte. Nothing is decoded or re-encoded.
 *
 * Tags are an allow-list, like our presenters: the EXIF and GPS directories, XMP, IPTC, Photoshop
 * resources and layers, device, software, dates, names and every private tag are left out because
 * they are never copied, not because each was thought of.
 *
 * Pages: every page in the directory chain is kept unless it is marked reduced-resolution. A
 * multi-page scan of a document must reach a journalist whole; a thumbnail or preview is dropped
 * because it can still show what an edit of the main image removed. SubIFDs are not followed
 * (they hold previews or raw sensor data). BigTIFF is refused.
 */
import { CannotStripError } from './strip-error.js';

const TYPE_SIZES: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const SHORT = 3;
const LONG = 4;

const TAG = {
  NewSubfileType: 254,
  SubfileType: 255,
  Compression: 259,
  StripOffsets: 273,
  StripByteCounts: 279,
  TileOffsets: 324,
  TileByteCounts: 325,
  JPEGTables: 347,
} as const;

const KEPT_TAGS = new Set([
  TAG.NewSubfileType, TAG.SubfileType, 256 /* ImageWidth */, 257 /* ImageLength */, 258 /* BitsPerSample */,
  TAG.Compression, 262 /* Photometric */, 266 /* FillOrder */, 274 /* Orientation */, 277 /* SamplesPerPixel */,
  278 /* RowsPerStrip */, TAG.StripByteCounts, 280 /* MinSampleValue */, 281 /* MaxSampleValue */, 282 /* XResolution */,
  283 /* YResolution */, 284 /* PlanarConfiguration */, 292 /* T4Options */, 293 /* T6Options */, 296 /* ResolutionUnit */,
  297 /* PageNumber */, 301 /* TransferFunction */, 317 /* Predictor */, 318 /* WhitePoint */, 319 /* PrimaryChromaticities */,
  320 /* ColorMap */, 322 /* TileWidth */, 323 /* TileLength */, TAG.TileByteCounts, 332 /* InkSet */, 334 /* NumberOfInks */,
  338 /* ExtraSamples */, 339 /* SampleFormat */, 340 /* SMinSampleValue */, 341 /* SMaxSampleValue */, TAG.JPEGTables,
  529 /* YCbCrCoefficients */, 530 /* YCbCrSubSampling */, 531 /* YCbCrPositioning */, 532 /* ReferenceBlackWhite */,
  34675 /* ICC profile, kept as the JPEG filter keeps it: colours depend on it */,
]);

interface Entry {
  readonly tag: number;
  readonly type: number;
  readonly count: number;
  /** The value's bytes, in the file's byte order. */
  readonly value: Buffer;
}

class TiffReader {
  constructor(readonly bytes: Buffer, readonly little: boolean) {}

  need(at: number, length: number, what: string): void {
    if (at < 0 || at + length > this.bytes.length) throw new CannotStripError(`the TIFF is truncated or damaged: ${what} lies past the end of the file`);
  }

  u16(at: number, bytes = this.bytes): number {
    return this.little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at);
  }

  u32(at: number, bytes = this.bytes): number {
    return this.little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at);
  }

  /** The allow-listed entries of the directory at `at`, and where the next one is. */
  page(at: number): { entries: Map<number, Entry>; next: number } {
    this.need(at, 2, 'an image directory');
    const count = this.u16(at);
    if (count === 0) throw new CannotStripError('the TIFF has an empty image directory');
    this.need(at + 2, count * 12 + 4, 'an image directory');
    const entries = new Map<number, Entry>();
    for (let i = 0; i < count; i++) {
      const p = at + 2 + i * 12;
      const tag = this.u16(p);
      if (!KEPT_TAGS.has(tag) && tag !== TAG.StripOffsets && tag !== TAG.TileOffsets) continue;
      if (entries.has(tag)) throw new CannotStripError(`the TIFF names tag ${tag} twice in one directory`);
      const type = this.u16(p + 2);
      const size = TYPE_SIZES[type];
      if (size === undefined) throw new CannotStripError(`the TIFF's tag ${tag} has an unknown type ${type}`);
      const valueCount = this.u32(p + 4);
      const length = size * valueCount;
      const valueAt = length <= 4 ? p + 8 : this.u32(p + 8);
      this.need(valueAt, length, `the value of tag ${tag}`);
      entries.set(tag, { tag, type, count: valueCount, value: this.bytes.subarray(valueAt, valueAt + length) });
    }
    return { entries, next: this.u32(at + 2 + count * 12) };
  }

  numbers(entry: Entry): number[] {
    if (entry.type !== SHORT && entry.type !== LONG) throw new CannotStripError(`the TIFF's tag ${entry.tag} should hold whole numbers`);
    const width = entry.type === SHORT ? 2 : 4;
    return Array.from({ length: entry.count }, (_, i) => (width === 2 ? this.u16(i * 2, entry.value) : this.u32(i * 4, entry.value)));
  }
}

/**
 * Pieces of the output and where the next one lands; every piece starts on a word boundary. A
 * damaged or hostile file can point many directories at the same large value, so the output may
 * not outgrow its input by more than padding allows.
 */
class TiffWriter {
  readonly parts: Buffer[] = [];
  length = 0;
  constructor(readonly little: boolean, private readonly limit: number) {}

  append(piece: Buffer): number {
    if (this.length % 2 === 1) {
      this.parts.push(Buffer.alloc(1));
      this.length++;
    }
    const at = this.length;
    this.parts.push(piece);
    this.length += piece.length;
    if (this.length > this.limit) throw new CannotStripError('the TIFF names more data than it holds');
    return at;
  }

  put16(into: Buffer, at: number, value: number): void {
    if (this.little) into.writeUInt16LE(value, at);
    else into.writeUInt16BE(value, at);
  }

  put32(into: Buffer, at: number, value: number): void {
    if (this.little) into.writeUInt32LE(value, at);
    else into.writeUInt32BE(value, at);
  }
}

export function stripTiff(bytes: Buffer): Buffer {
  const order = bytes.subarray(0, 2).toString('latin1');
  if (bytes.length < 8 || (order !== 'II' && order !== 'MM')) throw new CannotStripError('not a TIFF');
  const reader = new TiffReader(bytes, order === 'II');
  const version = reader.u16(2);
  if (version === 43) throw new CannotStripError('BigTIFF files have no safe copy yet');
  if (version !== 42) throw new CannotStripError('not a TIFF');

  const writer = new TiffWriter(reader.little, Math.min(2 * bytes.length + 64, 0xffff_ffff));
  const header = Buffer.from(order === 'II' ? [0x49, 0x49, 42, 0, 0, 0, 0, 0] : [0x4d, 0x4d, 0, 42, 0, 0, 0, 0]);
  writer.append(header);
  // The same strip named twice (some writers share blank strips) is copied once.
  const placed = new Map<string, number>();
  const visited = new Set<number>();
  let pointer = { into: header, at: 4 };
  for (let at = reader.u32(4); at !== 0; ) {
    if (visited.has(at)) throw new CannotStripError('the TIFF\'s image directories form a loop');
    visited.add(at);
    const { entries, next } = reader.page(at);
    if (!isReducedResolution(reader, entries)) {
      const written = writePage(reader, writer, entries, placed);
      writer.put32(pointer.into, pointer.at, written.at);
      pointer = written.next;
    }
    at = next;
  }
  if (pointer.into === header) throw new CannotStripError('the TIFF holds no full-resolution image');
  return Buffer.concat(writer.parts);
}

function isReducedResolution(reader: TiffReader, entries: Map<number, Entry>): boolean {
  const kind = entries.get(TAG.NewSubfileType);
  const oldKind = entries.get(TAG.SubfileType);
  return (kind !== undefined && (reader.numbers(kind)[0]! & 1) === 1) || (oldKind !== undefined && reader.numbers(oldKind)[0] === 2);
}

/** Writes one page: directory, out-of-line values, then its image data; returns where its next-page pointer is. */
function writePage(reader: TiffReader, writer: TiffWriter, entries: Map<number, Entry>, placed: Map<string, number>) {
  const tiled = entries.has(TAG.TileOffsets);
  const offsetsTag = tiled ? TAG.TileOffsets : TAG.StripOffsets;
  const offsetsEntry = entries.get(offsetsTag);
  const countsEntry = entries.get(tiled ? TAG.TileByteCounts : TAG.StripByteCounts);
  if (!offsetsEntry || !countsEntry || !entries.has(256) || !entries.has(257)) throw new CannotStripError('a page of the TIFF lacks its size or image data tags');
  const offsets = reader.numbers(offsetsEntry);
  const counts = reader.numbers(countsEntry);
  if (offsets.length === 0 || offsets.length !== counts.length) throw new CannotStripError('the TIFF\'s image data offsets and lengths do not match');
  const compression = entries.has(TAG.Compression) ? reader.numbers(entries.get(TAG.Compression)!)[0] : 1;
  if (compression === 6) throw new CannotStripError('old-style JPEG-in-TIFF can embed a whole JPEG file with its own metadata');

  const newOffsets = Buffer.alloc(offsets.length * 4);
  const kept = [...entries.values()]
    .filter((entry) => entry.tag !== (tiled ? TAG.StripOffsets : TAG.TileOffsets) && entry.tag !== (tiled ? TAG.StripByteCounts : TAG.TileByteCounts))
    .map((entry) => (entry.tag === offsetsTag ? { tag: offsetsTag, type: LONG, count: offsets.length, value: newOffsets } : entry))
    .sort((a, b) => a.tag - b.tag);

  const directory = Buffer.alloc(2 + kept.length * 12 + 4);
  const directoryAt = writer.append(directory);
  const valueAt = kept.map((entry) => (entry.value.length > 4 ? writer.append(entry.value) : -1));

  for (const [i, offset] of offsets.entries()) {
    const length = counts[i]!;
    reader.need(offset, length, 'image data');
    const data = reader.bytes.subarray(offset, offset + length);
    if (compression === 7) assertNoJpegMetadata(data);
    const key = `${offset}:${length}`;
    let at = length === 0 ? 0 : placed.get(key);
    if (at === undefined) {
      at = writer.append(data);
      placed.set(key, at);
    }
    writer.put32(newOffsets, i * 4, at);
  }
  if (compression === 7 && entries.has(TAG.JPEGTables)) assertNoJpegMetadata(entries.get(TAG.JPEGTables)!.value);

  writer.put16(directory, 0, kept.length);
  for (const [i, entry] of kept.entries()) {
    const p = 2 + i * 12;
    writer.put16(directory, p, entry.tag);
    writer.put16(directory, p + 2, entry.type);
    writer.put32(directory, p + 4, entry.count);
    // Values of four bytes or less sit left-justified in the entry itself, in the file's byte order.
    if (valueAt[i]! >= 0) writer.put32(directory, p + 8, valueAt[i]!);
    else entry.value.copy(directory, p + 8);
  }
  return { at: directoryAt, next: { into: directory, at: 2 + kept.length * 12 } };
}

/**
 * JPEG-compressed strips and tiles are JPEG streams in their own right and could carry EXIF, XMP
 * or comments of their own; those are refused rather than copied, since changing them would
 * change the image data.
 */
function assertNoJpegMetadata(stream: Buffer): void {
  if (stream.length === 0) return;
  if (stream[0] !== 0xff || stream[1] !== 0xd8) throw new CannotStripError('a JPEG-compressed strip of the TIFF is damaged');
  for (let i = 2; ; ) {
    if (i + 2 > stream.length || stream[i] !== 0xff) throw new CannotStripError('a JPEG-compressed strip of the TIFF is damaged');
    const marker = stream[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return;
    if (i + 4 > stream.length) throw new CannotStripError('a JPEG-compressed strip of the TIFF is damaged');
    const body = stream.subarray(i + 4, i + 2 + stream.readUInt16BE(i + 2));
    const harmless = (marker === 0xe0 && body.subarray(0, 5).toString('latin1') === 'JFIF\0') || (marker === 0xee && body.subarray(0, 5).toString('latin1') === 'Adobe');
    if (marker === 0xfe || (marker >= 0xe0 && marker <= 0xef && !harmless)) {
      throw new CannotStripError('a JPEG-compressed strip of the TIFF carries metadata of its own');
    }
    i += 2 + stream.readUInt16BE(i + 2);
  }
}
