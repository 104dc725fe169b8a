/**
 * Capture metadata, read once at upload with exifr, best effort: a file without metadata, or
 * with metadata exifr cannot read, is still stored. Dates are kept as written in the file
 * (`reviveValues: false`): exifr's own date parsing shifts them into the server's time zone.
 */
import { open } from 'node:fs/promises';

export interface CaptureMetadata {
  readonly takenAt: string | null;
  readonly takenOffset: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly deviceMake: string | null;
  readonly deviceModel: string | null;
  readonly software: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly rawMetadata: string | null;
  readonly metadataError: string | null;
}

const nothing: CaptureMetadata = {
  takenAt: null,
  takenOffset: null,
  latitude: null,
  longitude: null,
  deviceMake: null,
  deviceModel: null,
  software: null,
  width: null,
  height: null,
  rawMetadata: null,
  metadataError: null,
};

const options = {
  tiff: true,
  exif: true,
  gps: true,
  ifd1: false,
  xmp: true,
  iptc: true,
  icc: false,
  ihdr: true,
  reviveValues: false,
  translateValues: false,
  mergeOutput: true,
  silentErrors: false,
};

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 500) : null);
const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Binary tag values (Uint8Array) become arrays so the raw JSON stays readable and bounded. */
function jsonSafe(tags: Record<string, unknown>): string {
  return JSON.stringify(tags, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value.subarray(0, 64)) : value)).slice(0, 100_000);
}

export async function readCaptureMetadata(path: string, mediaType: string): Promise<CaptureMetadata> {
  if (!mediaType.startsWith('image/')) return nothing;
  // Imported here, not above: exifr is for uploads only, and the pages, exports and command lines
  // that reach this module (through the evidence service, or for takenDay) would load it at start.
  const { default: exifr } = await import('exifr');
  const head = await readHead(path);
  const size = mediaType === 'image/jpeg' ? jpegSize(head) : undefined;
  const parse = async (withIptc: boolean) =>
    (await exifr.parse(head, { ...options, iptc: withIptc } as Parameters<typeof exifr.parse>[1])) as Record<string, unknown> | undefined;
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await parse(true);
  } catch (error) {
    try {
      // exifr cannot read IPTC stored as LONG in a TIFF (as exiftool and Photoshop write it) and
      // then gives up on the whole file; without IPTC the GPS, date and device still read.
      tags = await parse(false);
    } catch {
      return { ...nothing, width: size?.width ?? null, height: size?.height ?? null, metadataError: `metadata unreadable: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}` };
    }
  }
  if (!tags || typeof tags !== 'object') return { ...nothing, width: size?.width ?? null, height: size?.height ?? null };
  if ('errors' in tags) return { ...nothing, metadataError: 'metadata unreadable: the file\'s metadata is malformed' };
  const offset = text(tags.OffsetTimeOriginal);
  const latitude = number(tags.latitude);
  const longitude = number(tags.longitude);
  const gpsValid = latitude !== null && longitude !== null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
  return {
    takenAt: text(tags.DateTimeOriginal) ?? text(tags.CreateDate),
    takenOffset: offset && /^[+-]\d\d:\d\d$/.test(offset) ? offset : null,
    latitude: gpsValid ? latitude : null,
    longitude: gpsValid ? longitude : null,
    deviceMake: text(tags.Make),
    deviceModel: text(tags.Model),
    software: text(tags.Software) ?? text(tags.CreatorTool),
    width: number(tags.ExifImageWidth) ?? number(tags.ImageWidth) ?? size?.width ?? null,
    height: number(tags.ExifImageHeight) ?? number(tags.ImageHeight) ?? size?.height ?? null,
    rawMetadata: jsonSafe(tags),
    metadataError: null,
  };
}

/** The capture time as an ISO day, when the file gave one ("2017:01:15 14:32:10" → "2017-01-15"). */
export function takenDay(takenAt: string | null): string | null {
  const match = takenAt ? /^(\d{4})[:-](\d{2})[:-](\d{2})/.exec(takenAt) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/**
 * The first bytes of the file, where every format we read keeps its metadata. Handing exifr a
 * buffer rather than a path also keeps it from leaking a file handle when it fails half way.
 */
const HEAD_BYTES = 4 * 1024 * 1024;

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const length = Math.min((await handle.stat()).size, HEAD_BYTES);
    const { buffer, bytesRead } = await handle.read(Buffer.allocUnsafe(length), 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A JPEG's pixel size from its start-of-frame segment, which EXIF does not always repeat. */
function jpegSize(bytes: Buffer): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  return undefined;
}
