/**
 * Metadata-stripped copies, byte-level so pixels stay untouched: for JPEG, every APPn segment but
 * JFIF, ICC profile and Adobe colour info is dropped (EXIF with its thumbnail, XMP, IPTC, MPF),
 * so are comments and anything after the end-of-image marker; for PNG, every chunk but the image
 * and colour ones (text, EXIF, time). TIFF and HEIC are rebuilt around their untouched image
 * data (strip-tiff.ts, strip-heic.ts). Other formats have no safe copy (research notes §5).
 */
import { ChunkedBytes } from './chunked-bytes.js';
import { CannotStripError } from './strip-error.js';
import { stripHeic } from './strip-heic.js';
import { stripTiff } from './strip-tiff.js';

export { CannotStripError };

/**
 * A safe copy as pieces, in order: where bytes are kept as they were (a JPEG's scan, a PNG's image
 * data) a piece is a view into the chunks the original was read in, so a copy of a large image
 * costs no second buffer, nor a first one of the image's size.
 */
export type CopyPieces = readonly Buffer[];

function keptAppSegment(marker: number, bytes: ChunkedBytes, body: { start: number; end: number }): boolean {
  const startsWith = (signature: string) => bytes.latin1(body.start, Math.min(body.end, body.start + signature.length)) === signature;
  // JFIF only: its JFXX extension can carry a thumbnail.
  if (marker === 0xe0) return startsWith('JFIF\0');
  if (marker === 0xe2) return startsWith('ICC_PROFILE\0');
  if (marker === 0xee) return startsWith('Adobe');
  return false;
}

function stripJpeg(bytes: ChunkedBytes): CopyPieces {
  if (bytes.byteAt(0) !== 0xff || bytes.byteAt(1) !== 0xd8) throw new CannotStripError('not a JPEG');
  const out: Buffer[] = bytes.views(0, 2);
  let i = 2;
  for (;;) {
    if (i + 1 >= bytes.length) throw new CannotStripError('the JPEG ends before its end-of-image marker');
    if (bytes.byteAt(i) !== 0xff) throw new CannotStripError(`unexpected byte at ${i}`);
    const marker = bytes.byteAt(i + 1)!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd9) {
      bytes.views(i, i + 2, out);
      return out;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      bytes.views(i, i + 2, out);
      i += 2;
      continue;
    }
    if (i + 4 > bytes.length) throw new CannotStripError('the JPEG is truncated');
    const length = bytes.readUIntBE(i + 2, 2);
    const end = i + 2 + length;
    if (length < 2 || end > bytes.length) throw new CannotStripError('the JPEG is truncated');
    if (marker === 0xda) {
      // Start of scan: entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      // indexOf finds each 0xFF natively: a byte-by-byte loop here was most of a public bundle's time.
      let j = end;
      while (j < bytes.length - 1) {
        j = bytes.indexOf(0xff, j);
        if (j === -1 || j >= bytes.length - 1) {
          j = bytes.length - 1;
          break;
        }
        const next = bytes.byteAt(j + 1)!;
        if (next !== 0 && !(next >= 0xd0 && next <= 0xd7)) break;
        j++;
      }
      bytes.views(i, j, out);
      i = j;
      continue;
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker !== 0xfe && !(isApp && !keptAppSegment(marker, bytes, { start: i + 4, end }))) bytes.views(i, end, out);
    i = end;
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(bytes: ChunkedBytes): CopyPieces {
  if (bytes.latin1(0, 8) !== PNG_SIGNATURE.toString('latin1')) throw new CannotStripError('not a PNG');
  const out: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  for (;;) {
    if (i + 12 > bytes.length) throw new CannotStripError('the PNG ends before its IEND chunk');
    const length = bytes.readUIntBE(i, 4);
    const type = bytes.latin1(i + 4, i + 8);
    const end = i + 12 + length;
    if (end > bytes.length) throw new CannotStripError('the PNG is truncated');
    if (!PNG_DROPPED.has(type)) bytes.views(i, end, out);
    if (type === 'IEND') return out;
    i = end;
  }
}

/**
 * A metadata-stripped copy of the file whose bytes are `chunks`, in order (a file read piece by
 * piece, or one whole buffer); throws CannotStripError when none can be made. TIFF and HEIC are
 * rare and small enough to be joined into one buffer first.
 */
export function stripMetadata(chunks: readonly Buffer[], mediaType: string): CopyPieces {
  if (mediaType === 'image/jpeg') return stripJpeg(new ChunkedBytes(chunks));
  if (mediaType === 'image/png') return stripPng(new ChunkedBytes(chunks));
  if (mediaType === 'image/tiff') return [stripTiff(Buffer.concat(chunks))];
  if (mediaType === 'image/heic') return [stripHeic(Buffer.concat(chunks))];
  throw new CannotStripError(`no safe copy can be made of ${mediaType} files yet`);
}
