/** Damaged copies of a file, for parsers that must refuse bad input rather than crash or hang. */
import assert from 'node:assert/strict';
import { mulberry32 } from '../../scripts/bench/incident-data.js';

// Seeded, so a failing case can be replayed.
const random = mulberry32;

/** `count` copies of `bytes`, each with one to four bytes overwritten at random, from a fixed seed. */
export function* withBytesChanged(bytes: Buffer, count: number, seed = 1): Generator<{ damaged: Buffer; label: string }> {
  const next = random(seed);
  for (let i = 0; i < count; i++) {
    const damaged = Buffer.from(bytes);
    const changes: string[] = [];
    for (let n = 1 + Math.floor(next() * 4); n > 0; n--) {
      const at = Math.floor(next() * damaged.length);
      damaged[at] = Math.floor(next() * 256);
      changes.push(`${at}=${damaged[at]}`);
    }
    yield { damaged, label: `seed ${seed} case ${i}: ${changes.join(', ')}` };
  }
}

/** Runs `parse` and passes only if it returned, or threw an instance of `expected`. */
export function assertRefusesOrCopes(parse: () => unknown, expected: new (...args: never[]) => Error, label: string): void {
  try {
    parse();
  } catch (error) {
    assert.ok(error instanceof expected, `${label}: threw ${String(error)}`);
  }
}
