/**
 * `npm run export -- graph` and `npm run import -- <file>` as a person would run them: child
 * processes on real data folders, the export through npm itself (whose banner lands on stdout
 * too). The source is a running test Casebook with the founding case and records of every kind.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { openDb } from '../db/client.js';
import { loadFoundingCase } from '../scripts/demo/founding-case.js';
import { asRole } from '../server/viewer.js';
import { startCasebook, type TestCasebook } from './helpers/casebook.js';
import { graphTableRows, plantEveryKind } from './helpers/every-kind.js';
import { listing } from './helpers/files.js';

const root = join(import.meta.dirname, '..');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command in the repository, without blocking the server in this process; stdout may go to a file. */
function run(command: string, args: string[], dataDir: string, stdoutFile?: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const out = stdoutFile ? openSync(stdoutFile, 'w') : 'pipe';
    const child = spawn(command, args, { cwd: root, env: { ...process.env, CASEBOOK_DATA_DIR: dataDir, ...env }, stdio: ['ignore', out, 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      if (typeof out === 'number') closeSync(out);
      resolve({ status, stdout, stderr });
    });
  });
}

const importCli = (file: string, dataDir: string, ...options: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file, ...options], dataDir);

describe('npm run export -- graph, then npm run import', () => {
  let source: TestCasebook;
  let work: string;
  let graph: string;

  before(async () => {
    source = await startCasebook();
    loadFoundingCase({ db: source.db, now: () => new Date() }, asRole('researcher'), () => {});
    await plantEveryKind(source);
    work = mkdtempSync(join(tmpdir(), 'casebook-graph-cli-'));
    graph = join(work, 'case.ndjson');
  });
  after(async () => {
    await source.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('when exported through npm, then the file holds the graph after npm\'s banner, and the progress went to stderr', async () => {
    const exported = await run('npm', ['run', 'export', '--', 'graph'], source.dir, graph);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stderr, /exporting .* (\d+)\/\1 lines/);
    const text = readFileSync(graph, 'utf8');
    assert.match(text, /^\n?> casebook@[^\n]* export\n/, 'npm printed its banner on stdout');
    assert.match(text, /\n\{"kind":"casebook-graph","version":1,/);
  });

  it('when imported with the source\'s evidence folder, then the new Casebook holds the same rows and files, with progress shown', async () => {
    const target = join(work, 'target');
    const imported = await importCli(graph, target, '--evidence', source.evidenceDir);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stderr, /importing .* (\d+)\/\1 lines/);
    assert.match(imported.stderr, /indexing for search .* (\d+)\/\1 records/);
    assert.match(imported.stdout, /^Imported \d+ lines into .*: .*\d+ incident.*; 3 evidence files copied\.$/m);
    const db = openDb(join(target, 'casebook.db'));
    try {
      assert.deepEqual(graphTableRows(db), graphTableRows(source.db));
    } finally {
      db.$client.close();
    }
    assert.deepEqual(listing(join(target, 'evidence')), listing(source.evidenceDir));
  });

  it('when imported by the compiled command (as npm start runs Casebook), then its search index is keyed on the compiled worker thread', async () => {
    const built = await run('npm', ['run', '-s', 'build'], source.dir);
    assert.equal(built.status, 0, built.stderr);
    const target = join(work, 'compiled');
    const imported = await run(process.execPath, ['dist/import.js', graph, '--evidence', source.evidenceDir], target);
    assert.equal(imported.status, 0, imported.stderr);
    const texts = (client: Database) => client.prepare('SELECT * FROM search_texts ORDER BY docid').all();
    const db = openDb(join(target, 'casebook.db'));
    try {
      assert.deepEqual(texts(db.$client), texts(source.db.$client));
    } finally {
      db.$client.close();
    }
  });

  it('when a line is bad, then the import names it, exits non-zero and leaves the new Casebook empty', async () => {
    const lines = readFileSync(graph, 'utf8').split('\n');
    const incident = lines.findIndex((line) => line.startsWith('{"kind":"incident"'));
    lines[incident] = lines[incident]!.replace(/"date":"[^"]*"/, '"date":"sometime in winter"');
    const bad = join(work, 'bad.ndjson');
    writeFileSync(bad, lines.join('\n'));
    const target = join(work, 'refused');

    const imported = await importCli(bad, target, '--evidence', source.evidenceDir);

    assert.equal(imported.status, 1);
    assert.match(imported.stderr, new RegExp(`^line ${incident + 1}: record\\.date: not an EDTF date`, 'm'));
    assert.match(imported.stderr, /1 problem; nothing was imported\./);
    const db = openDb(join(target, 'casebook.db'));
    try {
      assert.ok(Object.values(graphTableRows(db)).every((rows) => rows.length === 0));
    } finally {
      db.$client.close();
    }
    assert.deepEqual(listing(join(target, 'evidence')), []);
  });

  it('when the Casebook already holds records, then the import refuses and says why', async () => {
    const imported = await importCli(graph, source.dir);
    assert.equal(imported.status, 1);
    assert.match(imported.stderr, /Nothing was imported: This Casebook already holds records/);
  });

  it('when the disk is short of space, then the import refuses before writing anything', async () => {
    const target = join(work, 'short');
    const imported = await run(process.execPath, ['--import', 'tsx', 'scripts/import.ts', graph], target, undefined, { CASEBOOK_MIN_FREE_BYTES: String(Number.MAX_SAFE_INTEGER) });
    assert.equal(imported.status, 1);
    assert.match(imported.stderr, /Nothing was imported: The server is short of disk space/);
    assert.ok(!existsSync(join(target, 'casebook.db')), 'no database was created');
  });
});
