/**
 * Crash safety (issue 9): Casebook and its command line run as real child processes on real data
 * folders and are killed with SIGKILL at pseudo-random points (fixed seeds, so a failure
 * reproduces), 30 times per scenario. After every kill, and the next start where one follows:
 * `PRAGMA integrity_check` by Debian's sqlite3, the checks of `npm run verify` (and the command
 * itself every tenth kill and at the end), no temporary or unreferenced evidence file (or the
 * next start removed it and said so), and every acknowledged write present. Nothing is faked.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { getTableName } from 'drizzle-orm';
import { openDb } from '../db/client.js';
import { graphTables } from '../db/queries/graph.js';
import { loadFoundingCase } from '../scripts/demo/founding-case.js';
import { sha256OfFile } from '../server/evidence/store.js';
import { asRole } from '../server/viewer.js';
import { startCasebook } from './helpers/casebook.js';
import { assertIntact, assertVerifies, countRows, exited, killAfter, leftoverFiles, prepareDataDir, runVerify, seeded, spawnScript, startServer, type Server } from './helpers/crash.js';
import { graphTableRows, plantEveryKind } from './helpers/every-kind.js';

const KILLS = 30;
const recordTables = Object.values(graphTables).map((table) => getTableName(table));

/** Starts the next Casebook and proves it removed, and said it removed, what the kill left. */
async function restartAfterKill(dataDir: string): Promise<Server> {
  const left = leftoverFiles(dataDir);
  const server = await startServer(dataDir);
  const entries = server.log.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string; files?: unknown });
  const said = (message: RegExp) => entries.find((entry) => message.test(entry.msg));
  if (left.some((name) => name.startsWith('tmp/'))) assert.ok(said(/^removed unfinished uploads left by an earlier stop/), server.log.join('\n'));
  const orphans = left.filter((name) => !name.startsWith('tmp/'));
  if (orphans.length > 0) {
    const moved = said(/^moved evidence files that no record names/);
    assert.deepEqual((moved?.files as string[] | undefined)?.map((path) => basename(path)).sort(), orphans.sort(), server.log.join('\n'));
  }
  return server;
}

function assertNpmVerifyPasses(dataDir: string): void {
  const verified = runVerify(dataDir);
  assert.equal(verified.status, 0, verified.output);
}

function auditActions(dataDir: string): string[] {
  const db = openDb(join(dataDir, 'casebook.db'));
  try {
    return (db.$client.prepare('SELECT action FROM audit_entries ORDER BY id').all() as { action: string }[]).map((row) => row.action);
  } finally {
    db.$client.close();
  }
}

describe('Crash: SIGKILL at random points, 30 times per scenario', function () {
  this.timeout(240_000);
  let work: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'casebook-crash-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  describe('an evidence upload streaming while incidents are written', () => {
    interface Acknowledged {
      incidents: number[];
      uploads: { id: number; sha256: string }[];
      /** Statuses of writes answered with an error, which none should be. */
      refused: number[];
    }

    /**
     * One round: a few-MiB upload, and small writes one after another while it streams, each noted
     * once it got a 2xx. `answered` settles with the round's first incident answer, so a kill can be
     * timed from there: timed from the start, a slow first write after a restart left whole rounds
     * with no write answered before the kill, and nothing to check.
     */
    function writeUntilStopped(url: string, token: string, bytes: Buffer, acknowledged: Acknowledged) {
      const headers = { authorization: `Bearer ${token}` };
      let uploading = true;
      let firstAnswer!: () => void;
      const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
      const upload = fetch(`${url}/api/v1/evidence`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream', 'x-file-name': 'crash.bin' },
        body: new Blob([new Uint8Array(bytes)]),
      })
        .then(async (response) => {
          const body = await response.json();
          if (response.ok) acknowledged.uploads.push({ id: body.id, sha256: body.sha256 });
        })
        .finally(() => (uploading = false));
      const incidents = (async () => {
        for (let n = 0; uploading; n++) {
          const response = await fetch(`${url}/api/v1/incidents`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ title: `Crash incident ${n}`, actTypes: ['arbitrary-detention'], date: '2017-01' }),
          });
          const body = await response.json();
          if (response.ok) acknowledged.incidents.push(body.id);
          else acknowledged.refused.push(response.status);
          firstAnswer();
        }
      })().finally(firstAnswer); // a round whose writes all failed still gets its kill
      // A write cut off by the kill fails; only what was answered counts.
      return { answered, settled: Promise.allSettled([upload, incidents]) };
    }

    function assertAcknowledgedPresent(dataDir: string, acknowledged: Acknowledged): Promise<void[]> {
      const db = openDb(join(dataDir, 'casebook.db'));
      try {
        const ids = new Set((db.$client.prepare('SELECT id FROM incidents').all() as { id: number }[]).map((row) => row.id));
        for (const id of acknowledged.incidents) assert.ok(ids.has(id), `acknowledged incident ${id} is missing`);
        const rows = new Map((db.$client.prepare('SELECT id, sha256 FROM evidence').all() as { id: number; sha256: string }[]).map((row) => [row.id, row.sha256]));
        return Promise.all(
          acknowledged.uploads.map(async ({ id, sha256 }) => {
            assert.equal(rows.get(id), sha256, `acknowledged upload ${id} has no row`);
            assert.equal(await sha256OfFile(join(dataDir, 'evidence', sha256.slice(0, 2), sha256)), sha256);
          }),
        );
      } finally {
        db.$client.close();
      }
    }

    it('when killed mid-upload, then every acknowledged incident and upload survives and nothing half-written stays', async () => {
      const dataDir = join(work, 'upload');
      const token = await prepareDataDir(dataDir);
      const random = seeded(9_001);
      const acknowledged: Acknowledged = { incidents: [], uploads: [], refused: [] };
      const bytesFor = (round: number) => {
        // Different bytes each round (a duplicate would be a different path); 2–5 MiB.
        const bytes = Buffer.alloc((2 + Math.floor(random() * 4)) * 1024 * 1024, round);
        bytes.write(`crash round ${round}`);
        return bytes;
      };

      let server = await startServer(dataDir);
      // An unkilled round sets the window the kills are spread over: the whole upload and a bit after.
      const started = performance.now();
      await writeUntilStopped(server.url, token, bytesFor(KILLS), acknowledged).settled;
      const window = (performance.now() - started) * 1.2;
      assert.equal(acknowledged.uploads.length, 1);

      for (let kill = 0; kill < KILLS; kill++) {
        const writing = writeUntilStopped(server.url, token, bytesFor(kill), acknowledged);
        await writing.answered;
        await killAfter(server.process, random() * window);
        await writing.settled;
        server = await restartAfterKill(dataDir);
        assertIntact(dataDir);
        await assertVerifies(dataDir);
        await assertAcknowledgedPresent(dataDir, acknowledged);
        if (kill % 10 === 9) assertNpmVerifyPasses(dataDir);
      }
      server.process.kill('SIGKILL');
      await exited(server.process);
      assertNpmVerifyPasses(dataDir);
      assert.deepEqual(acknowledged.refused, [], 'writes were refused');
      assert.ok(acknowledged.incidents.length > KILLS, `only ${acknowledged.incidents.length} incidents were acknowledged`);
      assert.ok(acknowledged.uploads.length <= KILLS, 'no kill landed during an upload');
    });
  });

  describe('the command-line import and exports', () => {
    let source: string;
    let graph: string;
    let complete: Record<string, number>;

    before(async () => {
      const cb = await startCasebook();
      loadFoundingCase({ db: cb.db, now: () => new Date() }, asRole('researcher'), () => {});
      await plantEveryKind(cb);
      source = join(work, 'source');
      // A copy, so the test Casebook can go: the graph's evidence files are read from here.
      cpSync(cb.dir, source, { recursive: true });
      await cb.close();
      graph = join(work, 'case.ndjson');
      assert.equal(await exited(spawnScript('export.ts', ['graph'], source, graph)), 0);
    });

    const importInto = (dataDir: string) => spawnScript('import.ts', [graph, '--evidence', join(source, 'evidence')], dataDir);

    /** How long a run takes unkilled, so the kills are spread over all of it. */
    async function timed(run: () => ReturnType<typeof spawnScript>): Promise<number> {
      const started = performance.now();
      assert.equal(await exited(run()), 0);
      return performance.now() - started;
    }

    it('when the import is killed, then the Casebook holds all of the graph or none of it', async () => {
      const calibration = join(work, 'import-complete');
      const duration = await timed(() => importInto(calibration));
      complete = countRows(calibration, recordTables);
      assert.ok(complete.incidents! > 0 && complete.evidence! > 0);
      const random = seeded(9_002);
      const outcomes = { killed: 0, finished: 0, complete: 0, cleanedAtStart: 0 };

      for (let kill = 0; kill < KILLS; kill++) {
        const dataDir = join(work, `import-${kill}`);
        outcomes[await killAfter(importInto(dataDir), random() * duration * 1.1)]++;
        if (existsSync(join(dataDir, 'casebook.db'))) {
          const counts = countRows(dataDir, recordTables);
          const empty = Object.values(counts).every((n) => n === 0);
          assert.ok(empty || JSON.stringify(counts) === JSON.stringify(complete), `a partial import: ${JSON.stringify(counts)}`);
          if (!empty) outcomes.complete++;
          // Reopened in this process; the server is started when there is something for it to clean.
          if (leftoverFiles(dataDir).length > 0 || kill % 10 === 9) {
            const server = await restartAfterKill(dataDir);
            server.process.kill('SIGKILL');
            await exited(server.process);
            outcomes.cleanedAtStart++;
          }
          assertIntact(dataDir);
          await assertVerifies(dataDir);
          if (kill % 10 === 9) assertNpmVerifyPasses(dataDir);
        } else {
          assert.deepEqual(leftoverFiles(dataDir), []);
        }
        rmSync(dataDir, { recursive: true, force: true });
      }
      assert.ok(outcomes.killed > 0 && outcomes.complete < KILLS, `every import finished before its kill: ${JSON.stringify(outcomes)}`);
    });

    it('when an export is killed, then the database is as it was, plus at most its audit entry', async () => {
      const dataDir = join(work, 'import-complete');
      const before = graphRowsOf(dataDir);
      const out = join(work, 'exported');
      const exports = [() => spawnScript('export.ts', ['graph'], dataDir, join(work, 'graph-out.ndjson')), () => spawnScript('export.ts', ['csv', 'all', '--profile', 'public', '--out', out], dataDir)];
      const durations = [await timed(exports[0]!), await timed(exports[1]!)];
      const random = seeded(9_003);

      for (let kill = 0; kill < KILLS; kill++) {
        const which = kill % 2;
        const audited = auditActions(dataDir);
        await killAfter(exports[which]!(), random() * durations[which]! * 1.1);
        assertIntact(dataDir);
        await assertVerifies(dataDir);
        assert.deepEqual(graphRowsOf(dataDir), before);
        const added = auditActions(dataDir).slice(audited.length);
        assert.ok(added.length <= 1 && added.every((action) => action === 'export'), `the export added ${JSON.stringify(added)}`);
        if (kill % 10 === 9) assertNpmVerifyPasses(dataDir);
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
});

function graphRowsOf(dataDir: string): Record<string, unknown[]> {
  const db = openDb(join(dataDir, 'casebook.db'));
  try {
    return graphTableRows(db);
  } finally {
    db.$client.close();
  }
}
