/**
 * `npm run verify` re-hashes every evidence file and names each missing, altered or unreferenced one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { fixture, uploadRaw } from '../helpers/files.js';

const root = join(import.meta.dirname, '../..');

describe('npm run verify: evidence files', () => {
  let cb: TestCasebook;
  let dataDir: string;
  let items: { id: number; sha256: string }[];
  beforeEach(async () => {
    cb = await startCasebook();
    items = [];
    for (const name of ['gps.jpg', 'plain.jpg', 'text-location.png']) items.push((await uploadRaw(cb, name, fixture(name))).body);
    cb.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    dataDir = mkdtempSync(join(tmpdir(), 'casebook-verify-evidence-'));
    cpSync(cb.dbPath, join(dataDir, 'casebook.db'));
    cpSync(cb.evidenceDir, join(dataDir, 'evidence'), { recursive: true });
  });
  afterEach(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await cb.close();
  });

  const stored = (sha256: string) => join(dataDir, 'evidence', sha256.slice(0, 2), sha256);
  const verify = () => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/verify.ts'], { cwd: root, env: { ...process.env, CASEBOOK_DATA_DIR: dataDir }, encoding: 'utf8' });

  it('passes when every file is there and unaltered, with a progress bar', () => {
    const result = verify();
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^evidence intact: 3 files re-hashed$/m);
    assert.match(result.stderr, /re-hashing evidence/);
  });

  it('names a missing, an altered and an unreferenced file', () => {
    rmSync(stored(items[0]!.sha256));
    appendFileSync(stored(items[1]!.sha256), 'x');
    const stray = 'ab'.padEnd(64, '0');
    mkdirSync(join(dataDir, 'evidence', 'ab'), { recursive: true });
    writeFileSync(stored(stray), 'not evidence');
    const result = verify();
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`evidence ${items[0]!.id} MISSING: no file ${items[0]!.sha256}`));
    assert.match(result.stderr, new RegExp(`evidence ${items[1]!.id} ALTERED: file ${items[1]!.sha256} now hashes to [0-9a-f]{64}`));
    assert.match(result.stderr, new RegExp(`UNREFERENCED file in the evidence folder: .*${stray}`));
  });
});
