/**
 * Figure `load`: many clients at once (the --connections option, 50 by default here) mixing
 * reads, searches and writes against one Casebook over loopback, 60 s by default. Reports
 * req/s and p99 per kind of request, and fails the run if a single response is not a 2xx: under
 * load a client must never see a 5xx, least of all a SQLITE_BUSY (which errors.ts answers 503).
 */
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../db/client.js';
import { API } from '../../server/urls.js';
import { asRole } from '../../server/viewer.js';
import { loadFoundingCase } from '../demo/founding-case.js';
import { BenchFailure, type Figure, type Session } from './figure.js';
import { generateIncidents } from './incident-data.js';
import { createReader } from './reader.js';
import type { Row } from './report.js';
import { startServer } from './servers.js';

const DEFAULT_SIZE = 20_000;
const LOAD_DEFAULTS = { duration: 60, connections: 50 };
const WARMUP_SECONDS = 2;

type Kind = 'read' | 'search' | 'write';
interface LoadRequest {
  readonly kind: Kind;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
}

/** The founding case (real names, Cyrillic, citations) plus generated incidents; returns what the writes will cite. */
async function createDatabase(session: Session, size: number): Promise<{ dbPath: string; incidents: number[]; source: number }> {
  const dbPath = join(session.dataDir, `load-${size}.db`);
  if (existsSync(dbPath)) throw new BenchFailure(`${dbPath} already exists; remove it or keep the data somewhere else`);
  const db = openDb(dbPath);
  try {
    loadFoundingCase({ db, now: () => new Date() }, asRole('admin'), () => {});
    const incidents = (db.$client.prepare('SELECT id FROM incidents ORDER BY id LIMIT 10').all() as { id: number }[]).map((row) => row.id);
    const source = (db.$client.prepare('SELECT id FROM sources ORDER BY id LIMIT 1').get() as { id: number }).id;
    await generateIncidents(db, { count: size });
    return { dbPath, incidents, source };
  } finally {
    db.$client.close();
  }
}

/** One connection's cycle: four reads, three searches, three writes. */
function mixFor(incidents: readonly number[], source: number): LoadRequest[] {
  const json = (value: unknown) => JSON.stringify(value);
  const at = (i: number) => incidents[i % incidents.length]!;
  return [
    { kind: 'read', method: 'GET', path: `${API}/incidents?${new URLSearchParams({ date: '2017-01', act: 'torture', limit: '50' })}` },
    { kind: 'search', method: 'GET', path: `${API}/search?${new URLSearchParams({ q: 'Argun' })}` },
    { kind: 'write', method: 'POST', path: `${API}/incidents`, body: json({ title: 'Detention at a checkpoint (load)', actTypes: ['arbitrary-detention'], date: '2017-03~' }) },
    { kind: 'read', method: 'GET', path: `${API}/incidents/${at(0)}` },
    { kind: 'search', method: 'GET', path: `${API}/search?${new URLSearchParams({ q: 'Цоци-Юрт' })}` },
    { kind: 'write', method: 'POST', path: `${API}/citations`, body: json({ source, claim: { kind: 'incident', id: at(1) }, stance: 'supports', credibility: 3, quote: 'load' }) },
    { kind: 'read', method: 'GET', path: `${API}/incidents?${new URLSearchParams({ date: '2016-12/2017-04', limit: '20' })}` },
    { kind: 'search', method: 'GET', path: `${API}/search?${new URLSearchParams({ q: 'torture prison' })}` },
    { kind: 'write', method: 'POST', path: `${API}/incidents`, body: json({ title: 'Abduction reported by relatives (load)', actTypes: ['abduction'], date: '2017-02' }) },
    { kind: 'read', method: 'GET', path: `${API}/sources/${source}` },
  ];
}

interface KindStats {
  latencies: number[];
  statuses: Map<number, number>;
}

/**
 * Runs autocannon and files every response under its kind. Each connection cycles through the mix
 * in order, one request in flight at a time, so a connection's n-th response answers mix[n % length].
 */
function run(url: string, mix: readonly LoadRequest[], headers: Record<string, string>, options: { duration: number; connections: number }) {
  const stats = new Map<Kind, KindStats>();
  const seen = new WeakMap<object, number>();
  return new Promise<{ result: autocannon.Result; stats: Map<Kind, KindStats> }>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.duration,
        requests: mix.map(({ method, path, body }) => ({ method, path, body, headers: body ? { ...headers, 'content-type': 'application/json' } : headers })),
      },
      (error: unknown, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve({ result, stats })),
    );
    instance.on('response', (client: object, status: number, _bytes: number, ms: number) => {
      const n = seen.get(client) ?? 0;
      seen.set(client, n + 1);
      const kind = mix[n % mix.length]!.kind;
      const entry: KindStats = stats.get(kind) ?? { latencies: [], statuses: new Map() };
      stats.set(kind, entry);
      entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
      // A connection's first response also waited for its TCP connect: 50 at once, against a busy
      // server, wait out SYN retries (1 s, 3 s) and showed as a multi-second read p99.
      if (n > 0) entry.latencies.push(ms);
    });
  });
}

function p99(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]! : Number.NaN;
}

/** Fails the run on any response that is not a 2xx, and says which kind of request got it. */
function assertAllSucceeded(result: autocannon.Result, stats: Map<Kind, KindStats>): void {
  const bad = [...stats].flatMap(([kind, entry]) => [...entry.statuses].filter(([status]) => status < 200 || status > 299).map(([status, count]) => `${count} × ${status} on ${kind}s`));
  if (bad.length === 0 && result.errors === 0 && result.timeouts === 0) return;
  const busy = bad.some((line) => / 503 /.test(line)) ? ' (503: SQLITE_BUSY reached a client)' : '';
  throw new BenchFailure(`load: ${bad.join(', ') || 'no bad status'}${busy}; ${result.errors} connection errors, ${result.timeouts} timeouts`);
}

export const loadFigure: Figure = {
  name: 'load',
  description: `${LOAD_DEFAULTS.connections} clients mixing reads, searches and writes for ${LOAD_DEFAULTS.duration} s`,
  defaults: LOAD_DEFAULTS,
  async run(session) {
    const { duration, connections } = session.options;
    const size = session.options.size ?? DEFAULT_SIZE;
    console.log(`load: founding case + ${size} generated incidents`);
    const started = performance.now();
    const { dbPath, incidents, source } = await createDatabase(session, size);
    console.log(`  written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const headers = await createReader(dbPath);
    const server = await startServer(session, ['casebook', dbPath]);
    const mix = mixFor(incidents, source);

    console.log(`load: ${connections} connections, ${WARMUP_SECONDS} s warm-up + ${duration} s`);
    await run(server.url, mix, headers, { duration: WARMUP_SECONDS, connections });
    const { result, stats } = await run(server.url, mix, headers, { duration, connections });
    const peakRss = server.peakRssMb();
    await server.stop();
    assertAllSucceeded(result, stats);

    const figure = `load ${connections}×${size}`;
    const rows: Row[] = [{ figure, metric: 'req/s', value: result.requests.average, note: 'all kinds; no 5xx, no errors' }];
    for (const kind of ['read', 'search', 'write'] as const) {
      const entry = stats.get(kind);
      if (!entry) continue;
      rows.push({ figure, metric: `${kind} req/s`, value: [...entry.statuses.values()].reduce((sum, count) => sum + count, 0) / duration });
      rows.push({ figure, metric: `${kind} p99 ms`, value: p99(entry.latencies) });
    }
    if (peakRss !== undefined) rows.push({ figure, metric: 'peak RSS MB', value: peakRss, note: 'server process VmHWM' });
    return rows;
  },
};
