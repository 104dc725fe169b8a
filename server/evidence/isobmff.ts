/**
 * Reading and writing ISO base media file format boxes (ISO/IEC 14496-12), the container of HEIC.
 * Every read is bounds-checked: a damaged file is a CannotStripError, never a crash or a hang.
 */
import { CannotStripError } from './strip-error.js';

export interface Box {
  readonly type: string;
  readonly start: number;
  /** Where the payload starts, after the size, type and any extended header. */
  readonly body: number;
  readonly end: number;
}

export function damaged(what: string): CannotStripError {
  return new CannotStripError(`the HEIC is truncated or damaged: ${what}`);
}

/** Box types come from the file; only printable ASCII of them goes into a message. */
export function printable(type: string): string {
  return type.replace(/[^\x20-\x7e]/g, '?');
}

/** The boxes laid end to end in bytes[from, to). Each is at least 8 bytes long, so the walk ends. */
export function* readBoxes(bytes: Buffer, from: number, to: number): Generator<Box> {
  for (let at = from; at < to; ) {
    if (to - at < 8) throw damaged('a box header is cut off');
    const type = bytes.toString('latin1', at + 4, at + 8);
    let size = bytes.readUInt32BE(at);
    let header = 8;
    if (size === 1) {
      if (to - at < 16) throw damaged(`the ${printable(type)} box header is cut off`);
      const large = bytes.readBigUInt64BE(at + 8);
      size = large > BigInt(to - at) ? Number.MAX_SAFE_INTEGER : Number(large);
      header = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (type === 'uuid') header += 16;
    if (size < header || at + size > to) throw damaged(`the ${printable(type)} box runs past the end of what holds it`);
    yield { type, start: at, body: at + header, end: at + size };
    at += size;
  }
}

/** Sequential big-endian reads inside one box. */
export class Cursor {
  constructor(
    private readonly bytes: Buffer,
    public at: number,
    private readonly end: number,
    private readonly what: string,
  ) {}

  private take(length: number): number {
    if (this.at + length > this.end) throw damaged(`the ${this.what} box is cut off`);
    const at = this.at;
    this.at += length;
    return at;
  }

  u8(): number {
    return this.bytes.readUInt8(this.take(1));
  }

  u16(): number {
    return this.bytes.readUInt16BE(this.take(2));
  }

  u32(): number {
    return this.bytes.readUInt32BE(this.take(4));
  }

  /** An unsigned integer of 0, 4 or 8 bytes, as iloc sizes its fields. */
  uint(size: number): number {
    if (size === 0) return 0;
    if (size === 4) return this.u32();
    const value = this.bytes.readBigUInt64BE(this.take(8));
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged(`the ${this.what} box holds an impossible offset`);
    return Number(value);
  }

  fourcc(): string {
    const at = this.take(4);
    return this.bytes.toString('latin1', at, at + 4);
  }

  cstring(): string {
    const nul = this.bytes.indexOf(0, this.at);
    if (nul < 0 || nul >= this.end) throw damaged(`the ${this.what} box is cut off`);
    const text = this.bytes.toString('utf8', this.at, nul);
    this.at = nul + 1;
    return text;
  }

  /** A full box's version and flags. */
  versionAndFlags(): { version: number; flags: number } {
    const word = this.u32();
    return { version: word >>> 24, flags: word & 0xffffff };
  }
}

export const u8 = (value: number) => Buffer.from([value]);

export function u16(value: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(value);
  return out;
}

export function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}

export function uint(size: 4 | 8, value: number): Buffer {
  if (size === 4) return u32(value);
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(value));
  return out;
}

export function box(type: string, ...parts: Buffer[]): Buffer {
  const size = 8 + parts.reduce((sum, part) => sum + part.length, 0);
  if (size > 0xffff_ffff) throw new CannotStripError(`the safe copy's ${type} box would be too large`);
  return Buffer.concat([u32(size), Buffer.from(type, 'latin1'), ...parts]);
}

export function fullBox(type: string, version: number, flags: number, ...parts: Buffer[]): Buffer {
  return box(type, u32(((version << 24) | flags) >>> 0), ...parts);
}
