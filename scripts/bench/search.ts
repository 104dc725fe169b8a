/**
 * Figure `search`: a synthetic case (scripts/bench/search-graph.ts) imported as a graph and
 * searched, each figure beside a raw better-sqlite3 baseline from the same run:
 *   import           importGraph (validation, checks, both search worlds) vs raw prepared inserts
 *                    of the same rows, then a plain FTS5 rebuild over incident and quote text;
 *   selective        search() for rare names in process vs the raw FTS5 query for the same word
 *                    over the same documents (and, for the record, over incident text alone);
 *   common words     search() for the ten most common words, p99 in process;
 *   HTTP             search over one connection (p99) and 50 (req/s beside express hello-world),
 *                    and the incident list filtered by date and act type (p99, one connection).
 */
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDb, type Db } from '../../db/client.js';
import { EvidenceStore } from '../../server/evidence/store.js';
import { importGraph } from '../../server/services/graph/import.js';
import { search } from '../../server/services/search.js';
import { parseEdtf } from '../../server/values/edtf-date.js';
import { textKey } from '../../server/values/word-key.js';
import { API } from '../../server/urls.js';
import { asRole } from '../../server/viewer.js';
import { BenchFailure, type Figure, type Session } from './figure.js';
import { measure, type Measurement } from './measure.js';
import { createReader } from './reader.js';
import type { Row } from './report.js';
import { countsFor, writeSearchGraph } from './search-graph.js';
import { startServer } from './servers.js';

const REPEATS = 200;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function timed(run: () => unknown, repeats: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * The words searched by each contender in turn, `repeats` rounds over, the order turned each
 * round: whatever else the machine is doing then weighs on all alike, where timing one contender
 * after the other let a slow minute land on one only (the ratio moved between 1.0 and 1.4 from
 * run to run). Per round, the mean time of one search, in ms.
 */
function interleaved<K extends string>(contenders: Record<K, (q: string) => unknown>, words: readonly string[], repeats: number): Record<K, number[]> {
  const names = Object.keys(contenders) as K[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < repeats; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const started = performance.now();
      for (const word of words) contenders[name](word);
      times[name].push((performance.now() - started) / words.length);
    }
  }
  return times;
}

async function* linesOf(path: string): AsyncGenerator<string> {
  yield* createInterface({ input: createReadStream(path), crlfDelay: Infinity });
}

async function importCasebook(graphPath: string, dbPath: string, dataDir: string): Promise<{ ms: number; peakMb: number; db: Db }> {
  const db = openDb(dbPath);
  const started = performance.now();
  const every = (what: string) => {
    let shown = 0;
    return (done: number, total: number) => {
      if (done - shown < total / 10 && done !== total) return;
      shown = done;
      console.log(`  ${what} ${done}/${total} (${Math.round((done / total) * 100)}%)`);
    };
  };
  await importGraph({ db, now: () => new Date() }, linesOf(graphPath), {
    viewer: asRole('admin'),
    store: new EvidenceStore(join(dataDir, 'evidence')),
    onProgress: every('lines imported'),
    onIndexProgress: every('records indexed for search'),
  });
  const ms = performance.now() - started;
  return { ms, peakMb: process.resourceUsage().maxRSS / 1024, db };
}

/**
 * The same rows through bare prepared statements (JSON.parse and no checks), into the same tables
 * without Casebook's search triggers, then one plain FTS5 index over incident and quote text.
 */
async function importRaw(graphPath: string, dbPath: string): Promise<{ ms: number; client: Database.Database }> {
  const client = openDb(dbPath).$client;
  for (const { name } of client.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'`).all() as { name: string }[]) {
    client.exec(`DROP TRIGGER "${name}"`);
  }
  const started = performance.now();
  const statements = {
    location: client.prepare('INSERT INTO locations (id, name, kind, parent_id, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    person: client.prepare('INSERT INTO persons (id, name, protection, pseudonym, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    alternativeName: client.prepare('INSERT INTO alternative_names (id, person_id, location_id, name, kind, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    source: client.prepare('INSERT INTO sources (id, kind, title, publisher, reliability, restricted, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    incident: client.prepare('INSERT INTO incidents (id, title, summary, date, date_earliest, date_latest, victims_min, victims_max, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    act: client.prepare('INSERT INTO incident_act_types (incident_id, act_type) VALUES (?, ?)'),
    place: client.prepare('INSERT INTO incident_locations (incident_id, location_id) VALUES (?, ?)'),
    involvement: client.prepare('INSERT INTO involvements (id, incident_id, person_id, role, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    citation: client.prepare('INSERT INTO citations (id, source_id, incident_id, locator, quote, stance, credibility, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
  };
  const spans = new Map<string, ReturnType<typeof parseEdtf>>();
  client.exec('BEGIN');
  let header = true;
  for await (const text of linesOf(graphPath)) {
    if (header) {
      header = false;
      continue;
    }
    const { kind, record: r } = JSON.parse(text) as { kind: string; record: Record<string, any> };
    if (kind === 'location') statements.location.run(r.id, r.name, r.kind, r.parent, r.description, r.createdAt, r.updatedAt);
    else if (kind === 'person') statements.person.run(r.id, r.name, r.protection, r.pseudonym, r.description, r.createdAt, r.updatedAt);
    else if (kind === 'alternative-name') statements.alternativeName.run(r.id, r.person ?? null, r.location ?? null, r.name, r.kind, r.language, r.createdAt, r.updatedAt);
    else if (kind === 'source') statements.source.run(r.id, r.kind, r.title, r.publisher, r.reliability, r.restricted ? 1 : 0, r.notes, r.createdAt, r.updatedAt);
    else if (kind === 'incident') {
      let span = spans.get(r.date);
      if (!span) spans.set(r.date, (span = parseEdtf(r.date)));
      statements.incident.run(r.id, r.title, r.summary, span.edtf, span.earliest, span.latest, r.victims?.min ?? null, r.victims?.max ?? null, r.createdAt, r.updatedAt);
      for (const act of r.actTypes) statements.act.run(r.id, act);
      for (const place of r.locations) statements.place.run(r.id, place);
    } else if (kind === 'involvement') statements.involvement.run(r.id, r.incident, r.person, r.role, r.description, r.createdAt, r.updatedAt);
    else if (kind === 'citation') statements.citation.run(r.id, r.source, r.claim.id, r.locator, r.quote, r.stance, r.credibility, r.createdAt, r.updatedAt);
    else throw new BenchFailure(`raw import: no statement for ${kind} lines`);
  }
  client.exec(`
    CREATE VIRTUAL TABLE raw_incidents USING fts5(title, summary, content='incidents', content_rowid='id');
    INSERT INTO raw_incidents (raw_incidents) VALUES ('rebuild');
    CREATE VIRTUAL TABLE raw_quotes USING fts5(quote, content='citations', content_rowid='id');
    INSERT INTO raw_quotes (raw_quotes) VALUES ('rebuild');
    COMMIT`);
  return { ms: performance.now() - started, client };
}

/**
 * The raw query for the question Casebook's search answers: a plain FTS5 table (unicode61, with
 * its own copy of the text, as snippet() needs) over the documents Casebook's full world holds,
 * every record's name and text as search_texts keeps them, copied from Casebook's database.
 */
function indexSameDocuments(client: Database.Database, casebookPath: string): void {
  const started = performance.now();
  client.prepare('ATTACH DATABASE ? AS casebook').run(casebookPath);
  client.exec(`
    BEGIN;
    CREATE VIRTUAL TABLE raw_documents USING fts5(name, body);
    INSERT INTO raw_documents (rowid, name, body) SELECT docid, name, body FROM casebook.search_texts;
    COMMIT;
    DETACH DATABASE casebook`);
  console.log(`  ${seconds(performance.now() - started)}`);
}

function assertAllSucceeded(what: string, result: Measurement): void {
  if (result.non2xx === 0 && result.errors === 0) return;
  throw new BenchFailure(`${what}: ${result.non2xx} non-2xx responses and ${result.errors} errors; status counts ${JSON.stringify(result.statusCounts)}`);
}

async function checkPaths(url: string, paths: readonly string[], headers: Record<string, string>): Promise<void> {
  for (const path of paths) {
    const response = await fetch(url + path, { headers });
    if (response.status !== 200) throw new BenchFailure(`GET ${path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    await response.arrayBuffer();
  }
}

export const searchFigure: Figure = {
  name: 'search',
  description: 'graph import, full-text search in process and over HTTP, incident list, beside raw SQLite and express',
  async run(session: Session) {
    const size = session.options.size ?? 1_000_000;
    const { duration } = session.options;
    const counts = countsFor(size);
    const figure = `search ${size}`;
    const graphPath = join(session.dataDir, `search-${size}.ndjson`);
    console.log(`search: writing a graph of ${size} incidents, ${counts.locations} places, ${counts.persons} persons, ${counts.sources} sources`);
    const lines = await writeSearchGraph(graphPath, size, (done) => console.log(`  wrote ${done} lines`));
    console.log(`  ${lines} lines`);

    console.log('search: importing it into Casebook (npm run import)');
    const casebook = await importCasebook(graphPath, join(session.dataDir, 'search-casebook.db'), session.dataDir);
    console.log(`  ${seconds(casebook.ms)}, peak RSS ${Math.round(casebook.peakMb)} MB`);
    console.log('search: raw prepared inserts of the same rows, then an FTS5 rebuild');
    const raw = await importRaw(graphPath, join(session.dataDir, 'search-raw.db'));
    console.log(`  ${seconds(raw.ms)}`);

    const ctx = { db: casebook.db, now: () => new Date() };
    const researcher = asRole('researcher');
    // Rare words: surnames, each in a handful of incidents, involvements and names.
    const rare = (casebook.db.$client.prepare(`SELECT name FROM persons WHERE protection = 'public-figure' ORDER BY id LIMIT 20`).pluck().all() as string[]).map((name) => name.split(' ').at(-1)!);
    console.log("search: a plain FTS5 table of the raw database over the same documents as Casebook's full world");
    indexSameDocuments(raw.client, join(session.dataDir, 'search-casebook.db'));
    const rawQuery = (table: string) => {
      const query = raw.client.prepare(`SELECT rowid, snippet(${table}, 1, '[', ']', '…', 12) FROM ${table} WHERE ${table} MATCH ? ORDER BY rank LIMIT 20`);
      return (q: string) => query.all(`"${q}"`);
    };
    const selective = interleaved(
      { casebook: (q) => search(ctx, researcher, { q, filter: {}, limit: 20 }), documents: rawQuery('raw_documents'), incidentText: rawQuery('raw_incidents') },
      rare,
      REPEATS / 4,
    );
    const { casebook: casebookSelective, documents: rawSelective, incidentText: rawIncidentSelective } = selective;
    const meanMatches = (client: Database.Database, table: string) => {
      const count = client.prepare(`SELECT COUNT(*) FROM ${table} WHERE ${table} MATCH ?`).pluck();
      return Math.round(rare.reduce((sum, q) => sum + (count.get(`"${table === 'search_full' ? textKey(q) : q}"`) as number), 0) / rare.length);
    };
    console.log(
      `  a rare word matches ${meanMatches(casebook.db.$client, 'search_full')} documents in Casebook's full world (every spelling and script), ` +
        `${meanMatches(raw.client, 'raw_documents')} in raw FTS5 over the same documents, ${meanMatches(raw.client, 'raw_incidents')} over incident title and summary alone (mean)`,
    );
    const common = casebook.db.$client.prepare(`SELECT term FROM search_full_vocabulary ORDER BY doc DESC LIMIT 10`).pluck().all() as string[];
    const commonTimes = common.flatMap((q) => timed(() => search(ctx, researcher, { q, filter: {}, limit: 20 }), REPEATS / 10));
    console.log(`search: rare words ${rare.slice(0, 5).join(', ')}…; common words ${common.join(', ')}`);
    raw.client.close();
    casebook.db.$client.close();

    const dbPath = join(session.dataDir, 'search-casebook.db');
    const headers = await createReader(dbPath);
    const server = await startServer(session, ['casebook', dbPath]);
    const hello = await startServer(session, ['hello']);
    const searchPaths = [...rare.slice(0, 10), ...common.slice(0, 3), `${rare[0]} OR ${rare[1]}`, 'Цоци*'].map((q) => `${API}/search?${new URLSearchParams({ q, limit: '20' })}`);
    const listPaths = [['2017-01', 'torture'], ['2016-12/2017-04', 'arbitrary-detention'], ['2021', 'abduction']].map(([date, act]) => `${API}/incidents?${new URLSearchParams({ date: date!, act: act!, limit: '50' })}`);
    await checkPaths(server.url, [...searchPaths, ...listPaths], headers);
    const run = async (what: string, url: string, paths: readonly string[], connections: number, withHeaders?: Record<string, string>) => {
      console.log(`search: ${what}, ${connections} connection${connections === 1 ? '' : 's'}, 2 s warm-up + ${duration} s`);
      const result = await measure({ url, paths, headers: withHeaders, duration, connections, warmup: 2 });
      assertAllSucceeded(what, result);
      console.log(`  ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`);
      return result;
    };
    const searchOne = await run('search over HTTP', server.url, searchPaths, 1, headers);
    const searchMany = await run('search over HTTP', server.url, searchPaths, 50, headers);
    const helloMany = await run('express hello-world', hello.url, ['/'], 50);
    const list = await run('incident list over HTTP', server.url, listPaths, 1, headers);
    await Promise.all([server.stop(), hello.stop()]);

    const median = (values: number[]) => percentile(values, 0.5);
    const rows: Row[] = [
      { figure, metric: 'import s', value: casebook.ms / 1000, baseline: raw.ms / 1000, ratio: casebook.ms / raw.ms, note: 'goal ≤ 2.0×: raw inserts + FTS5 rebuild' },
      { figure, metric: 'import peak RSS MB', value: casebook.peakMb, note: 'goal < 1 GB (bench process)' },
      { figure, metric: 'selective search ms', value: median(casebookSelective), baseline: median(rawSelective), ratio: median(casebookSelective) / median(rawSelective), note: 'goal ≤ 1.3×: raw FTS5 query over the same documents, median' },
      {
        figure,
        metric: 'selective vs incident text',
        value: median(casebookSelective),
        baseline: median(rawIncidentSelective),
        ratio: median(casebookSelective) / median(rawIncidentSelective),
        note: 'report: raw FTS5 over incident title and summary only, which match far fewer documents',
      },
      { figure, metric: 'common words p99 ms', value: percentile(commonTimes, 0.99), note: 'goal < 50 ms, in process' },
      { figure, metric: 'HTTP search p99 ms', value: searchOne.p99, note: 'goal < 20 ms, one connection' },
      { figure, metric: 'HTTP search req/s', value: searchMany.requestsPerSecond, baseline: helloMany.requestsPerSecond, ratio: helloMany.requestsPerSecond / searchMany.requestsPerSecond, note: '50 connections, express hello-world' },
      { figure, metric: 'HTTP list p99 ms', value: list.p99, note: 'goal < 20 ms: date + act filter, one connection' },
    ];
    return rows;
  },
};
