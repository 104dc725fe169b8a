/**
 * The first start on an empty database: the admin's one-time password appears on the terminal
 * (a real pseudo-terminal made by script(1)) and nowhere in the log; with no terminal, no account.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../db/client.js';
import { syncSearchIndex } from '../server/search/indexer.js';
import { textKey } from '../server/values/word-key.js';
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

  /** `npm start` (from source, or `script` as built) on the test's data folder with no terminal attached; its stdout and stderr together. */
  function startWithoutTerminal(script = ['--import', 'tsx', 'scripts/start.ts']): { output: () => string } {
    let output = '';
    child = spawn(process.execPath, script, {
      cwd: root,
      env: { ...process.env, CASEBOOK_DATA_DIR: join(dir, 'data'), CASEBOOK_PORT: '0' },
      detached: true,
    });
    child.stdout!.on('data', (chunk) => (output += String(chunk)));
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    return { output: () => output };
  }

  it('without a terminal, creates no account and says how to make one', async function () {
    this.timeout(60_000);
    const started = startWithoutTerminal();
    const url = await waitFor(() => listeningUrl(started.output()), 'the server to listen');
    const output = started.output();
    assert.match(output, /npm run users -- add <name> --role admin/);
    const response = await clientFor(url, {}).post('/api/v1/session', { name: 'admin', password: 'anything at all' });
    assert.equal(response.status, 401);
  });

  it('as npm start runs it, built by npm run build: creates its data, serves its pages and their stylesheet, and stops on SIGTERM', async function () {
    this.timeout(60_000);
    const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: root });
    assert.equal(built.status, 0, String(built.stderr));
    const started = startWithoutTerminal(['--enable-source-maps', 'dist/start.js']);
    const url = await waitFor(() => listeningUrl(started.output()), 'the server to listen');
    assert.ok(existsSync(join(dir, 'data', 'casebook.db')) && existsSync(join(dir, 'data', 'evidence')), 'the data folder was made');

    const signIn = await fetch(`${url}/sign-in`);
    assert.equal(signIn.status, 200);
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(await signIn.text())?.[1];
    assert.ok(stylesheet, 'the page links its stylesheet');
    const css = await fetch(new URL(stylesheet, url));
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    assert.ok((await css.text()).length > 1000);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    process.kill(child!.pid!, 'SIGTERM');
    assert.equal(await exited, 0, started.output());
  });

  const insertIncident = (db: Db, title: string) =>
    db.$client
      .prepare(`INSERT INTO incidents (title, summary, date, date_earliest, date_latest, created_at, updated_at) VALUES (?, ?, '2017-02', '2017-02-01', '2017-02-28', ?, ?)`)
      .run(title, 'Held overnight.', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

  for (const { when, rebuild } of [
    { when: 'every record waits to be indexed (as after an upgrade), then both worlds are rebuilt', rebuild: true },
    { when: 'some records wait to be indexed, then the queue is worked through', rebuild: false },
  ]) {
    it(`when ${when} before the server listens, with progress in the log`, async function () {
      this.timeout(60_000);
      mkdirSync(join(dir, 'data'));
      const db = openDb(join(dir, 'data', 'casebook.db'));
      if (!rebuild) {
        insertIncident(db, 'Detention in Indexedtown');
        db.transaction(() => syncSearchIndex({ db, now: () => new Date() }));
      }
      // Written past the services, as a migration that changes the index leaves things: queued, not indexed.
      insertIncident(db, 'Detention in Reindextown');
      assert.equal(db.$client.prepare(`SELECT COUNT(*) FROM search_queue`).pluck().get(), 1);
      db.$client.close();

      const started = startWithoutTerminal();
      await waitFor(() => listeningUrl(started.output()), 'the server to listen');
      const output = started.output();
      const order = ['bringing the search index up to date before listening', 'indexing for search', 'search index up to date', 'Casebook is listening'].map((message) => output.indexOf(`"msg":"${message}"`));
      assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!)), `the log says, in order, that it indexes and then listens:\n${output}`);
      assert.match(output, new RegExp(`"rebuild":${rebuild}`));

      const after = openDb(join(dir, 'data', 'casebook.db'));
      try {
        assert.equal(after.$client.prepare(`SELECT COUNT(*) FROM search_queue`).pluck().get(), 0);
        for (const town of rebuild ? ['Reindextown'] : ['Reindextown', 'Indexedtown']) {
          assert.equal(after.$client.prepare(`SELECT COUNT(*) FROM search_full WHERE search_full MATCH ?`).pluck().get(textKey(town)), 1, town);
        }
      } finally {
        after.$client.close();
      }
    });
  }
});

