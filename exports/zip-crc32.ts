/**
 * archiver checks every ZIP entry with a CRC-32 from the crc-32 package, computed in JavaScript:
 * a fifth of an internal bundle's time. Node's zlib.crc32 gives the same checksums natively, some
 * three times faster; archiver has not switched to it (archiverjs/node-archiver#501), so the
 * crc-32 it loads is pointed at zlib's here, before any archive is made. crc-32 returns signed
 * values and takes the running checksum (or, from crc32-stream, a zeroed Buffer) as its seed.
 */
import crc32 from 'crc-32';
import { crc32 as zlibCrc32 } from 'node:zlib';

(crc32 as { buf: typeof crc32.buf }).buf = (data, seed) => zlibCrc32(data instanceof Uint8Array ? data : Uint8Array.from(data), Number(seed) >>> 0) | 0;
