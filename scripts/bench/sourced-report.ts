/**
 * Figure `report`: the sourced report over every incident of a generated case (10,000 by default,
 * each with an involvement and a citation), written by `npm run export -- report` as its own
 * process, for its time and peak memory; beside it, raw better-sqlite3 reading the same incidents
 * with their citations and sources in the same run.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../db/client.js';
import { EvidenceStore } from '../../server/evidence/store.js';
import { importGraph } from '../../server/services/graph/import.js';
import { asRole } from '../../server/viewer.js';
import { BenchFailure, type Figure, type Session } from './figure.js';
import type { Row } from './report.js';
import { searchGraphLines } from './search-graph.js';

const DEFAULT_SIZE = 10_000;
const exportScript = fileURLToPath(new URL('../../dist/export.js', import.meta.url));

function vmHwmMb(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the compiled export command; its peak memory is read from /proc while it runs (VmHWM only grows). */
function runReport(dataDir: string, out: string): Promise<{ ms: number; peakMb: number | undefined }> {
  const started = performance.now();
  const child = spawn(process.execPath, [exportScript, 'report', '--profile', 'public', '--out', out], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, CASEBOOK_DATA_DIR: dataDir, NODE_ENV: 'production' },
  });
  let peakMb: number | undefined;
  const poll = setInterval(() => {
    const now = vmHwmMb(child.pid!);
    if (now !== undefined) peakMb = Math.max(peakMb ?? 0, now);
  }, 10);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new BenchFailure(`npm run export -- report failed (${code}): ${stderr.slice(-500)}`));
      else resolve({ ms: performance.now() - started, peakMb });
    });
  });
}

async function* linesOf(size: number): AsyncGenerator<string> {
  yield* searchGraphLines(size);
}

export const sourcedReport: Figure = {
  name: 'report',
  description: 'the public sourced report over every incident (default 10,000), time and peak memory',
  async run(session: Session): Promise<Row[]> {
    const size = session.options.size ?? DEFAULT_SIZE;
    const dataDir = session.dataDir;
    const db = openDb(join(dataDir, 'casebook.db'));
    let rawMs: number;
    try {
      console.log(`  importing a generated case of ${size} incidents`);
      await importGraph({ db, now: () => new Date() }, linesOf(size), { viewer: asRole('admin'), store: new EvidenceStore(join(dataDir, 'evidence')) });

      const rawStarted = performance.now();
      let rows = 0;
      for (const _ of db.$client
        .prepare(
          `SELECT i.id, i.title, i.summary, i.date, c.quote, c.locator, c.stance, s.title AS source, s.reliability
           FROM incidents i LEFT JOIN citations c ON c.incident_id = i.id LEFT JOIN sources s ON s.id = c.source_id ORDER BY i.date_earliest, i.id`,
        )
        .iterate())
        rows++;
      rawMs = performance.now() - rawStarted;
      if (rows < size) throw new BenchFailure(`the raw read saw ${rows} rows for ${size} incidents`);
    } finally {
      db.$client.close();
    }
    const out = join(dataDir, 'report.html');
    console.log('  writing the report (npm run export -- report --profile public)');
    const report = await runReport(dataDir, out);
    const megabytes = statSync(out).size / 1024 / 1024;
    const figure = `report (${size} incidents)`;
    return [
      { figure, metric: 'time ms', value: report.ms, baseline: rawMs, ratio: report.ms / rawMs, note: `whole command, incl. start; baseline: raw SQLite read of incidents, citations, sources; ${megabytes.toFixed(1)} MB of HTML` },
      ...(report.peakMb === undefined ? [] : [{ figure, metric: 'peak RSS MB', value: report.peakMb, note: 'export process VmHWM' }]),
    ];
  },
};
