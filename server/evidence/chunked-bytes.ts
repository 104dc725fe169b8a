/**
 * A file held as the chunks it was read in, addressed as if it were one buffer: parsers read it
 * by offset and take views of it that never copy and never join two chunks, so a large file costs
 * no buffer of its own size (buffers of many sizes fragment the heap; chunks are all one size).
 */
export class ChunkedBytes {
  readonly length: number;
  /** Where each chunk starts, as an offset into the whole. */
  private readonly starts: number[] = [];
  /** The chunk last looked at: parsers walk forward, so the next look is nearly always there or next to it. */
  private current = 0;

  constructor(private readonly chunks: readonly Buffer[]) {
    let length = 0;
    for (const chunk of chunks) {
      this.starts.push(length);
      length += chunk.length;
    }
    this.length = length;
  }

  /** The index of the chunk holding `at`, which must be within the bytes. */
  private chunkAt(at: number): number {
    let index = this.current;
    if (at < this.starts[index]! || at >= this.starts[index]! + this.chunks[index]!.length) {
      let low = 0;
      let high = this.chunks.length - 1;
      // The last chunk that starts at or before `at`: never an empty one, which starts where the next one does.
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (this.starts[middle]! <= at) low = middle;
        else high = middle - 1;
      }
      index = low;
      this.current = index;
    }
    return index;
  }

  /** The byte at `at`, or undefined outside the bytes (as `buffer[at]`). */
  byteAt(at: number): number | undefined {
    if (!(at >= 0 && at < this.length)) return undefined;
    const index = this.chunkAt(at);
    return this.chunks[index]![at - this.starts[index]!];
  }

  /** The unsigned big-endian number in the `size` bytes from `at`, which must be within the bytes. */
  readUIntBE(at: number, size: 2 | 4): number {
    if (!(at >= 0 && at + size <= this.length)) throw new RangeError(`${size} bytes at ${at} lie outside ${this.length}`);
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.byteAt(at + i)!;
    return value;
  }

  /** The bytes from `start` to `end` (clamped to the bytes) as latin1 text: for short signatures. */
  latin1(start: number, end: number): string {
    return this.views(start, end)
      .map((view) => view.toString('latin1'))
      .join('');
  }

  /** Appends to `into` the bytes from `start` to `end` (clamped to the bytes) as views into the chunks, in order, none empty; returns `into`. */
  views(start: number, end: number, into: Buffer[] = []): Buffer[] {
    const stop = Math.min(end, this.length);
    let at = Math.max(start, 0);
    while (at < stop) {
      const index = this.chunkAt(at);
      const chunkStart = this.starts[index]!;
      const chunk = this.chunks[index]!;
      const to = Math.min(stop, chunkStart + chunk.length);
      into.push(chunk.subarray(at - chunkStart, to - chunkStart));
      at = to;
    }
    return into;
  }

  /** The offset of the first `byte` at or after `from`, or -1 (as `buffer.indexOf`, with a whole byte). */
  indexOf(byte: number, from: number): number {
    for (let at = Math.max(from, 0); at < this.length; ) {
      const index = this.chunkAt(at);
      const chunkStart = this.starts[index]!;
      const found = this.chunks[index]!.indexOf(byte, at - chunkStart);
      if (found !== -1) return chunkStart + found;
      at = chunkStart + this.chunks[index]!.length;
    }
    return -1;
  }
}
