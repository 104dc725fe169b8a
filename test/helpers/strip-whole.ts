/**
 * The JPEG and PNG strippers as they were before they worked over chunks (server/evidence/strip.ts
 * at 1777cd4), over one whole buffer, kept unchanged as the oracle the chunked ones must match
 * byte for byte and refusal for refusal.
 */
import { CannotStripError } from '../../server/evidence/strip-error.js';

function keptAppSegment(marker: number, body: Buffer): boolean {
  // JFIF only: its JFXX extension can carry a thumbnail.
  if (marker === 0xe0) return body.subarray(0, 5).toString('latin1') === 'JFIF\0';
  if (marker === 0xe2) return body.subarray(0, 12).toString('latin1') === 'ICC_PROFILE\0';
  if (marker === 0xee) return body.subarray(0, 5).toString('latin1') === 'Adobe';
  return false;
}

export function stripJpegWhole(bytes: Buffer): Buffer[] {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new CannotStripError('not a JPEG');
  const out: Buffer[] = [bytes.subarray(0, 2)];
  let i = 2;
  for (;;) {
    if (i + 1 >= bytes.length) throw new CannotStripError('the JPEG ends before its end-of-image marker');
    if (bytes[i] !== 0xff) throw new CannotStripError(`unexpected byte at ${i}`);
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd9) {
      out.push(bytes.subarray(i, i + 2));
      return out;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(bytes.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > bytes.length) throw new CannotStripError('the JPEG is truncated');
    const length = bytes.readUInt16BE(i + 2);
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
        const next = bytes[j + 1]!;
        if (next !== 0 && !(next >= 0xd0 && next <= 0xd7)) break;
        j++;
      }
      out.push(bytes.subarray(i, j));
      i = j;
      continue;
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker !== 0xfe && !(isApp && !keptAppSegment(marker, bytes.subarray(i + 4, end)))) out.push(bytes.subarray(i, end));
    i = end;
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

export function stripPngWhole(bytes: Buffer): Buffer[] {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new CannotStripError('not a PNG');
  const out: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  for (;;) {
    if (i + 12 > bytes.length) throw new CannotStripError('the PNG ends before its IEND chunk');
    const length = bytes.readUInt32BE(i);
    const type = bytes.subarray(i + 4, i + 8).toString('latin1');
    const end = i + 12 + length;
    if (end > bytes.length) throw new CannotStripError('the PNG is truncated');
    if (!PNG_DROPPED.has(type)) out.push(bytes.subarray(i, end));
    if (type === 'IEND') return out;
    i = end;
  }
}
