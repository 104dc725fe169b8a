/** What the bytes are, read from their first bytes; clients' claims are only checked against it. */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/tiff' | 'image/heic';

export const OPAQUE = 'application/octet-stream';

export function detectMediaType(head: Buffer): ImageType | typeof OPAQUE {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  const four = head.subarray(0, 4).toString('latin1');
  if (four === 'II*\0' || four === 'MM\0*') return 'image/tiff';
  if (head.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(head.subarray(8, 12).toString('latin1'))) {
    return 'image/heic';
  }
  return OPAQUE;
}

/** A declared image type the bytes contradict; generic or non-image declarations are not claims. */
export function contradicts(declared: string | undefined, detected: string): boolean {
  const type = declared?.split(';')[0]?.trim().toLowerCase();
  if (!type || !type.startsWith('image/')) return false;
  const normalised = type === 'image/jpg' ? 'image/jpeg' : type === 'image/heif' ? 'image/heic' : type;
  return normalised !== detected;
}

const EXTENSIONS: Record<ImageType | typeof OPAQUE, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif', 'image/heic': 'heic', [OPAQUE]: 'bin' };

/** The file-name extension for a stored media type, so that a file exported alone still opens in the right program. */
export function extensionOf(mediaType: string): string {
  return EXTENSIONS[mediaType as ImageType | typeof OPAQUE] ?? 'bin';
}
