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
    assert.match(stdout, /list 2000\s+req\/s\s+\d+\s+\d+\s+[\d.]+×/);
    assert.match(stdout, /list 2000\s+p99 ms/);
  });
});
