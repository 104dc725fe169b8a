/**
 * Figure `list`: one page of incidents filtered by date and act type, over HTTP, beside an express
 * hello-world measured in the same run on the same machine.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../db/client.js';
import { API } from '../../server/urls.js';
import { createReader } from './reader.js';
import { BenchFailure, type Figure, type Session } from './figure.js';
import { generateIncidents } from './incident-data.js';
import { measure, type Measurement } from './measure.js';
import type { Row } from './report.js';
import { startServer, type ChildServer } from './servers.js';

const WARMUP_SECONDS = 2;

// The first is the example; the others vary how much of the date index a query touches.
const QUERIES: readonly (readonly [date: string, act: string])[] = [
  ['2017-01', 'torture'],
  ['2016-12/2017-04', 'arbitrary-detention'],
  ['2021', 'abduction'],
  ['2013-06-15', 'threats'],
];
const PATHS = QUERIES.map(([date, act]) => `${API}/incidents?${new URLSearchParams({ date, act, limit: '50' })}`);

const DEFAULT_SIZE = 100_000;

async function createDatabase(session: Session): Promise<string> {
  const size = session.options.size ?? DEFAULT_SIZE;
  const path = join(session.dataDir, `incidents-${size}.db`);
  if (existsSync(path)) throw new BenchFailure(`${path} already exists; remove it or keep the data somewhere else`);
  const db = openDb(path);
  try {
    const started = performance.now();
    await generateIncidents(db, {
      count: size,
      onProgress: (done) => console.log(`  generated ${done}/${size} incidents (${Math.round((done / size) * 100)}%)`),
    });
    console.log(`  ${size} incidents written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    db.$client.close();
  }
  return path;
}

/** Fails before measuring if a query is refused, and shows how much each one returns. */
async function checkQueries(server: ChildServer, headers: Record<string, string>): Promise<void> {
  for (const path of PATHS) {
    const response = await fetch(server.url + path, { headers });
    const body = await response.text();
    if (response.status !== 200) throw new BenchFailure(`GET ${path} answered ${response.status}: ${body.slice(0, 500)}`);
    const items = (JSON.parse(body) as { items: unknown[] }).items.length;
    console.log(`  GET ${decodeURIComponent(path)} → 200, ${items} items, ${body.length} bytes`);
  }
}

function assertAllSucceeded(what: string, result: Measurement): void {
  if (result.non2xx === 0 && result.errors === 0) return;
  throw new BenchFailure(`${what}: ${result.non2xx} non-2xx responses and ${result.errors} errors; status counts ${JSON.stringify(result.statusCounts)}`);
}

async function measureServer(server: ChildServer, paths: readonly string[], session: Session, headers?: Record<string, string>): Promise<Measurement> {
  const { duration, connections } = session.options;
  const result = await measure({ url: server.url, paths, headers, duration, connections, warmup: WARMUP_SECONDS });
  console.log(`  ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`);
  return result;
}

export const incidentList: Figure = {
  name: 'list',
  description: 'incidents filtered by date and act type over HTTP, beside an express hello-world',
  async run(session) {
    const { duration, connections } = session.options;
    const size = session.options.size ?? DEFAULT_SIZE;
    console.log(`list: generating ${size} incidents`);
    const dbPath = await createDatabase(session);
    const headers = await createReader(dbPath);

    const casebook = await startServer(session, ['casebook', dbPath]);
    const hello = await startServer(session, ['hello']);
    await checkQueries(casebook, headers);

    console.log(`list: Casebook, ${connections} connections, ${WARMUP_SECONDS} s warm-up + ${duration} s`);
    const measured = await measureServer(casebook, PATHS, session, headers);
    assertAllSucceeded('Casebook', measured);
    console.log(`list: express hello-world, same settings`);
    const baseline = await measureServer(hello, ['/'], session);
    assertAllSucceeded('hello-world', baseline);

    const casebookRss = casebook.peakRssMb();
    const helloRss = hello.peakRssMb();
    await Promise.all([casebook.stop(), hello.stop()]);

    const figure = `list ${size}`;
    const rows: Row[] = [
      { figure, metric: 'req/s', value: measured.requestsPerSecond, baseline: baseline.requestsPerSecond, ratio: baseline.requestsPerSecond / measured.requestsPerSecond },
      { figure, metric: 'p50 ms', value: measured.p50, baseline: baseline.p50, ratio: measured.p50 / baseline.p50 },
      { figure, metric: 'p99 ms', value: measured.p99, baseline: baseline.p99, ratio: measured.p99 / baseline.p99, note: 'goal (issue 6): p99 < 20 ms at 1M incidents' },
    ];
    if (casebookRss !== undefined && helloRss !== undefined) {
      rows.push({ figure, metric: 'peak RSS MB', value: casebookRss, baseline: helloRss, ratio: casebookRss / helloRss, note: 'server process VmHWM' });
    }
    return rows;
  },
};
