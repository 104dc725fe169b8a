/**
 * The bench still runs end to end at a tiny size. It asserts that it works, never how fast.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

describe('npm run bench', () => {
  it('runs the incident-list figure at a small size and prints it beside its baseline', async function () {
    this.timeout(120_000);
    const root = join(import.meta.dirname, '..');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', 'list', '--size', '2000', '--duration', '1', '--connections', '2'], {
      cwd: root,
      encoding: 'utf8',
    });
    // Below 100 a figure prints with decimals (a busy machine), above without.
    assert.match(stdout, /list 2000\s+req\/s\s+[\d.]+\s+[\d.]+\s+[\d.]+×/);
    assert.match(stdout, /list 2000\s+p99 ms/);
  });

  it('runs the search figure on a 10,000-incident graph: import, searches and HTTP, each beside its baseline', async function () {
    this.timeout(300_000);
    const root = join(import.meta.dirname, '..');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', 'search', '--size', '10000', '--duration', '1'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    for (const metric of ['import s', 'selective search ms', 'selective vs incident text', 'common words p99 ms', 'HTTP search p99 ms', 'HTTP search req/s', 'HTTP list p99 ms']) {
      assert.match(stdout, new RegExp(`search 10000\\s+${metric}\\s+[\\d.]+`), metric);
    }
    assert.match(stdout, /search 10000\s+import s\s+[\d.]+\s+[\d.]+\s+[\d.]+×/);
  });

  it('runs the load figure: reads, searches and writes at once, with no 5xx, and prints req/s and p99 per kind', async function () {
    this.timeout(300_000);
    const root = join(import.meta.dirname, '..');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', 'load', '--size', '500', '--duration', '1', '--connections', '10'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    for (const metric of ['req/s', 'read req/s', 'read p99 ms', 'search p99 ms', 'write req/s', 'write p99 ms']) {
      assert.match(stdout, new RegExp(`load 10×500\\s+${metric}\\s+[\\d.]+`), metric);
    }
  });

  it('runs the bundle figure over 8 MiB of evidence: internal and public bundles, each beside zip, with peak memory', async function () {
    this.timeout(120_000);
    const root = join(import.meta.dirname, '..');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', 'bundle', '--bundle-mb', '8'], { cwd: root, encoding: 'utf8' });
    for (const metric of ['internal s', 'internal peak RSS MB', 'public s', 'public peak RSS MB']) {
      assert.match(stdout, new RegExp(`bundle 8 MiB\\s+${metric}\\s+[\\d.]+\\s+[\\d.]+`), metric);
    }
    assert.match(stdout, /bundle 8 MiB\s+internal s\s+[\d.]+\s+[\d.]+\s+[\d.]+×/);
  });
});
