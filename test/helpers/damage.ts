/** Damaged copies of a file, for parsers that must refuse bad input rather than crash or hang. */
import assert from 'node:assert/strict';

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
