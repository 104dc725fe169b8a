/**
 * For the crash test: Casebook and its command line as real child processes on a real data
 * folder, killed with SIGKILL, and the checks a person would run on what they left behind.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../db/client.js';
import { verifyAuditChain } from '../../db/queries/audit.js';
import { EvidenceStore } from '../../server/evidence/store.js';
import { verifyEvidence } from '../../server/evidence/verify.js';
import { createAccount, createToken } from '../../server/services/accounts.js';
import { asRole } from '../../server/viewer.js';
import { mulberry32 } from '../../scripts/bench/incident-data.js';

const root = join(import.meta.dirname, '../..');

/** A seeded generator, so a failing kill point can be found again. */
export const seeded = mulberry32;

/** Creates the database and a researcher's API token, as `npm run users -- token` would. */
export async function prepareDataDir(dataDir: string): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const db = openDb(join(dataDir, 'casebook.db'));
  try {
    const ctx = { db, now: () => new Date() };
    const { account } = await createAccount(ctx, asRole('admin'), { name: 'crash', role: 'researcher' });
    return createToken(ctx, asRole('admin'), { label: 'crash test', expiresAt: null }, account.id).token;
  } finally {
    db.$client.close();
  }
}

function envFor(dataDir: string): NodeJS.ProcessEnv {
  // The tests' disks may be small; free space is not what this test is about.
  return { ...process.env, CASEBOOK_DATA_DIR: dataDir, CASEBOOK_PORT: '0', CASEBOOK_MIN_FREE_BYTES: '0', CASEBOOK_LOG_LEVEL: 'info' };
}

/** Starts a command-line script (`scripts/<name>`) through tsx; stdout may go to a file. */
export function spawnScript(script: string, args: string[], dataDir: string, stdoutFile?: string): ChildProcess {
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const child = spawn(process.execPath, ['--import', 'tsx', join('scripts', script), ...args], { cwd: root, env: envFor(dataDir), stdio: ['ignore', out, 'ignore'] });
  if (typeof out === 'number') closeSync(out);
  return child;
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** SIGKILL after `ms` (or at once if it has already ended); resolves once the process is gone. */
export async function killAfter(child: ChildProcess, ms: number): Promise<'killed' | 'finished'> {
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await exited(child);
  clearTimeout(timer);
  return child.signalCode === 'SIGKILL' ? 'killed' : 'finished';
}

export interface Server {
  readonly url: string;
  /** Every line it printed on stdout (its JSON log and the start message). */
  readonly log: string[];
  readonly process: ChildProcess;
}

/** Starts Casebook as `npm start` does (scripts/start.ts), on a free port; resolves once it listens. */
export function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env: envFor(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  let stderr = '';
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        log.push(line);
        const running = /^Casebook is running at (\S+) with/.exec(line);
        if (running) resolve({ url: running[1]!, log, process: child });
      }
    });
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.once('exit', (code) => reject(new Error(`Casebook stopped before listening (${code}): ${stderr}`)));
  });
}

/** What a database and evidence folder must be after any kill and the next start. */
export function assertIntact(dataDir: string): void {
  const dbPath = join(dataDir, 'casebook.db');
  // Debian's sqlite3, an independent reader; it also replays the WAL the killed process left.
  assert.equal(execFileSync('sqlite3', [dbPath, 'PRAGMA integrity_check;'], { encoding: 'utf8' }).trim(), 'ok');
  assert.deepEqual(leftoverFiles(dataDir), [], 'no temporary or unreferenced evidence file is left');
}

/** The checks of `npm run verify`, in this process (a child per kill would take most of the run). */
export async function assertVerifies(dataDir: string): Promise<void> {
  const db = openDb(join(dataDir, 'casebook.db'));
  try {
    const chain = verifyAuditChain(db, () => {});
    if (!chain.intact) assert.fail(`audit chain broken at ${chain.brokenAt}: ${chain.reason}`);
    const report = await verifyEvidence(db, new EvidenceStore(join(dataDir, 'evidence')), () => {});
    assert.deepEqual({ missing: report.missing, altered: report.altered, unreferenced: report.unreferenced }, { missing: [], altered: [], unreferenced: [] });
  } finally {
    db.$client.close();
  }
}

/** `npm run verify` itself, as a person would run it. */
export function runVerify(dataDir: string): { status: number | null; output: string } {
  try {
    const output = execFileSync('npm', ['run', '-s', 'verify'], { cwd: root, env: envFor(dataDir), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number | null; stdout: string; stderr: string };
    return { status: failed.status, output: failed.stdout + failed.stderr };
  }
}

/** Unfinished uploads in evidence/tmp and files in the store that no record names. */
export function leftoverFiles(dataDir: string): string[] {
  const tmp = join(dataDir, 'evidence', 'tmp');
  const temporary = existsSync(tmp) ? readdirSync(tmp).map((name) => `tmp/${name}`) : [];
  if (!existsSync(join(dataDir, 'casebook.db'))) return temporary;
  const db = openDb(join(dataDir, 'casebook.db'));
  try {
    const known = new Set((db.$client.prepare('SELECT sha256 FROM evidence').all() as { sha256: string }[]).map((row) => row.sha256));
    const store = new EvidenceStore(join(dataDir, 'evidence'));
    return [...temporary, ...[...store.storedFiles()].filter((file) => !known.has(file.sha256)).map((file) => file.sha256)];
  } finally {
    db.$client.close();
  }
}

/** Row counts of the record tables, for "all or nothing" and "unchanged". */
export function countRows(dataDir: string, tables: readonly string[]): Record<string, number> {
  const db = openDb(join(dataDir, 'casebook.db'));
  try {
    return Object.fromEntries(tables.map((table) => [table, (db.$client.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n]));
  } finally {
    db.$client.close();
  }
}
