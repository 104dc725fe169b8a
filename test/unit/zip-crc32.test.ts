/**
 * The ZIP writer's CRC-32, pointed at zlib's by exports/zip-crc32.ts: the checksums archiver
 * writes must stay the standard ones, whole or in pieces, whatever seed crc32-stream passes.
 * (The bundle tests unzip real archives, which checks them again end to end.)
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import crc32 from 'crc-32';
import { createRequire } from 'node:module';
import '../../exports/zip-crc32.js';

/** The file `name` resolves to for code in the package `from` (resolved from here). */
function resolvedFor(from: string, name: string): string {
  return createRequire(createRequire(import.meta.url).resolve(from)).resolve(name);
}

describe('the CRC-32 the ZIP writer uses', () => {
  it('when given the standard check input, then it gives the standard CRC-32 check value', () => {
    assert.equal(crc32.buf(Buffer.from('123456789')) >>> 0, 0xcbf43926);
    assert.equal(crc32.buf(Buffer.from('The quick brown fox jumps over the lazy dog')) >>> 0, 0x414fa339);
    assert.equal(crc32.buf(Buffer.alloc(0)), 0);
  });

  it('when a file arrives in pieces, then continuing from each signed result gives the checksum of the whole', () => {
    const bytes = randomBytes(300_000);
    let running = crc32.buf(bytes.subarray(0, 1), Buffer.alloc(4) as unknown as number);
    for (const [start, end] of [[1, 70_000], [70_000, 70_001], [70_001, 300_000]] as const) running = crc32.buf(bytes.subarray(start, end), running);
    assert.equal(running, crc32.buf(bytes));
    assert.ok(crc32.buf(bytes) <= 0x7fffffff, 'signed, as the package returns it');
  });

  it('when archiver loads crc-32, then it is the one instance pointed at zlib, not a copy of its own', () => {
    const ours = createRequire(import.meta.url).resolve('crc-32');
    const compressCommons = resolvedFor('archiver', 'compress-commons');
    assert.equal(createRequire(compressCommons).resolve('crc-32'), ours);
    assert.equal(createRequire(createRequire(compressCommons).resolve('crc32-stream')).resolve('crc-32'), ours);
  });

  it('when given a plain array of bytes, then it gives the same as for a buffer', () => {
    assert.equal(crc32.buf([49, 50, 51]), crc32.buf(Buffer.from('123')));
  });
});
