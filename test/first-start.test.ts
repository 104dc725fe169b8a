/**
 * The first start on an empty database: the admin's one-time password appears on the terminal
 * (a real pseudo-terminal made by script(1)) and nowhere in the log; with no terminal, no account.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientFor } from './helpers/casebook.js';

const root = join(import.meta.dirname, '..');

async function waitFor<T>(probe: () => T | undefined, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGTERM');
  });
}

const listeningUrl = (log: string) => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(log)?.[1];

describe('first start', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casebook-first-start-'));
  });
  afterEach(async () => {
    if (child) await stop(child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the first admin\'s one-time password on the terminal only, and it must be changed', async function () {
    this.timeout(60_000);
    const log = join(dir, 'casebook.log');
    const command = `${process.execPath} --import tsx scripts/start.ts > ${log} 2>&1`;
    child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: root,
      env: { ...process.env, CASEBOOK_DATA_DIR: join(dir, 'data'), CASEBOOK_PORT: '0' },
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let terminal = '';
    child.stdout!.on('data', (chunk) => (terminal += String(chunk)));
    const password = await waitFor(() => /one-time password, shown only here, once:\s+(\S+)/.exec(terminal)?.[1], 'the password on the terminal');
    const url = await waitFor(() => listeningUrl(readFileSync(log, 'utf8')), 'the server to listen');
    assert.ok(!readFileSync(log, 'utf8').includes(password), 'the log file never holds the password');

    const signedIn = await clientFor(url, {}).post('/api/v1/session', { name: 'admin', password });
    assert.equal(signedIn.status, 201);
    assert.equal(signedIn.body.account.role, 'admin');
    assert.equal(signedIn.body.account.mustChangePassword, true);
  });

  it('without a terminal, creates no account and says how to make one', async function () {
    this.timeout(60_000);
    let output = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: { ...process.env, CASEBOOK_DATA_DIR: join(dir, 'data'), CASEBOOK_PORT: '0' },
      detached: true,
    });
    child.stdout!.on('data', (chunk) => (output += String(chunk)));
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    const url = await waitFor(() => listeningUrl(output), 'the server to listen');
    assert.match(output, /npm run users -- add <name> --role admin/);
    const response = await clientFor(url, {}).post('/api/v1/session', { name: 'admin', password: 'anything at all' });
    assert.equal(response.status, 401);
  });
});
