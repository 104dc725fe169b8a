/**
 * `npm run import -- bundle.zip` as a person would run it: a child process on a new data folder,
 * importing a real ZIP of a real bag (test/helpers/bundle.ts) made from a running test Casebook
 * with the founding case and records of every kind.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../db/client.js';
import { loadFoundingCase } from '../scripts/demo/founding-case.js';
import { asRole } from '../server/viewer.js';
import { bagOf, partsOf, payloadOf, TOP, zipOf, type BagFile } from './helpers/bundle.js';
import { startCasebook, type TestCasebook } from './helpers/casebook.js';
import { graphTableRows, plantEveryKind } from './helpers/every-kind.js';
import { listing } from './helpers/files.js';

const root = join(import.meta.dirname, '..');

function importCli(args: string[], dataDir: string, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], { cwd: root, env: { ...process.env, CASEBOOK_DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function graphRowsAt(dataDir: string) {
  const db = openDb(join(dataDir, 'casebook.db'));
  try {
    return graphTableRows(db);
  } finally {
    db.$client.close();
  }
}

describe('npm run import -- bundle.zip', () => {
  let source: TestCasebook;
  let work: string;
  let payload: BagFile[];
  let bundle: string;

  before(async () => {
    source = await startCasebook();
    loadFoundingCase({ db: source.db, now: () => new Date() }, asRole('researcher'), () => {});
    await plantEveryKind(source);
    work = mkdtempSync(join(tmpdir(), 'casebook-bundle-cli-'));
    payload = await payloadOf(source);
    bundle = join(work, `${TOP}.zip`);
    writeFileSync(bundle, await zipOf(partsOf(bagOf(payload))));
  });
  after(async () => {
    await source.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('when a bundle is imported into a new data folder, then it holds the same rows and files, with the bytes verified and the lines shown', async () => {
    const target = join(work, 'target');
    const imported = await importCli([bundle], target);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stderr, /unpacking .* (\d+)\/\1 bytes/);
    assert.match(imported.stderr, /verifying hashes .* (\d+)\/\1 bytes/);
    assert.match(imported.stderr, /importing .* ([1-9]\d*)\/\1 lines/);
    assert.match(imported.stdout, /^Imported \d+ lines into .*: .*\d+ incident.*; 3 evidence files copied\.$/m);
    assert.deepEqual(graphRowsAt(target), graphTableRows(source.db));
    assert.deepEqual(listing(join(target, 'evidence')), listing(source.evidenceDir));
  });

  it('when the bundle was altered, then the import names the file, exits non-zero and leaves the new Casebook empty', async () => {
    const graph = payload.find((file) => file.path === 'data/graph.ndjson')!;
    const altered = partsOf(bagOf(payload)).map((part) => (part.name === `${TOP}/data/graph.ndjson` ? { ...part, bytes: Buffer.from(graph.bytes.toString('utf8').replace('Planted', 'Plonted')) } : part));
    const tampered = join(work, 'tampered.zip');
    writeFileSync(tampered, await zipOf(altered));
    const target = join(work, 'refused');

    const imported = await importCli([tampered], target);

    assert.equal(imported.status, 1);
    assert.match(imported.stderr, /^The bundle was refused: data\/graph.ndjson does not match its hash in manifest-sha256.txt: it was altered or damaged\. Nothing was imported\.$/m);
    assert.ok(Object.values(graphRowsAt(target)).every((rows) => rows.length === 0));
    assert.deepEqual(listing(join(target, 'evidence')), []);
    assert.deepEqual(readdirSync(join(target, 'evidence', 'tmp')), []);
  });

  it('when --evidence is given with a bundle, then the import says the bundle carries its own', async () => {
    const imported = await importCli([bundle, '--evidence', source.evidenceDir], join(work, 'both'));
    assert.equal(imported.status, 1);
    assert.match(imported.stderr, /A bundle carries its own evidence files; leave out --evidence\./);
  });

  it('when the disk is short of space for what the bundle unpacks to, then the import refuses before unpacking', async () => {
    const target = join(work, 'short');
    const imported = await importCli([bundle], target, { CASEBOOK_MIN_FREE_BYTES: String(Number.MAX_SAFE_INTEGER) });
    assert.equal(imported.status, 1);
    assert.match(imported.stderr, /Nothing was imported: The server is short of disk space/);
    assert.deepEqual(readdirSync(join(target, 'evidence', 'tmp')), []);
    assert.ok(Object.values(graphRowsAt(target)).every((rows) => rows.length === 0));
  });
});
