/**
 * Exporting the whole database as a Casebook graph: the header, then every record in dependency
 * order, read one row at a time from a single snapshot, so memory stays flat at any size and
 * writes made meanwhile are either wholly in the export or not at all.
 */
import { openReader, type Db } from '../../../db/client.js';
import type { Closure } from '../../../db/queries/closure.js';
import { countGraphRows, graphRows } from '../../../db/queries/graph.js';
import { AppError } from '../../errors.js';
import { GRAPH_VERSION, type GraphHeaderIn, type GraphKind, type GraphLineIn } from '../../schemas/graph.js';
import { canExchangeGraph, type Viewer } from '../../viewer.js';
import { recordEvent } from '../audit.js';
import { timestamp, type ServiceContext } from '../context.js';
import { toRecord } from './records.js';

/**
 * The graph's lines, header first. Reads on a read-only connection of its own (the main one
 * stays free while a slow reader consumes this); the export is recorded in the audit trail
 * before the first line. Stop early with `return()` and the connection is closed.
 */
export function* exportGraph(ctx: ServiceContext, viewer: Viewer): Generator<GraphHeaderIn | GraphLineIn> {
  if (!canExchangeGraph(viewer)) throw new AppError(403, 'forbidden', 'Forbidden', 'Your role may not export the whole database.');
  const reader = openReader(ctx.db.$client.name);
  try {
    reader.$client.exec('BEGIN');
    const lines = graphLines(reader, timestamp(ctx));
    const header = lines.next().value as GraphHeaderIn;
    recordEvent(ctx, viewer, { action: 'export', kind: 'graph', id: null, details: { counts: header.counts } });
    yield header;
    yield* lines;
  } finally {
    // Closing ends the read transaction and any statement a consumer left unfinished.
    reader.$client.close();
  }
}

/**
 * The whole graph as read from `snapshot` (a connection inside a read transaction), header first,
 * unaudited: for callers that audit the export they are part of (exportGraph, the bundle). Given
 * a closure, only its records, and an evidence item's links only to the incidents in it: the
 * closure holds everything its records point at, so the lines import into an empty Casebook.
 */
export function* graphLines(snapshot: Db, exportedAt: string, closure: Closure | null = null): Generator<GraphHeaderIn | GraphLineIn> {
  const tables = countGraphRows(snapshot);
  const count = (key: keyof Closure) => (closure ? closure[key].size : tables[key]);
  const counts: Record<GraphKind, number> = {
    location: count('locations'),
    organisation: count('organisations'),
    person: count('persons'),
    'alternative-name': count('alternativeNames'),
    source: count('sources'),
    incident: count('incidents'),
    post: count('posts'),
    involvement: count('involvements'),
    citation: count('citations'),
    evidence: count('evidence'),
  };
  yield { kind: 'casebook-graph', version: GRAPH_VERSION, exportedAt, counts };
  const rows = graphRows(snapshot);
  function* kept<T extends { id: number }>(key: keyof Closure, all: Iterable<T>): Generator<T> {
    for (const row of all) if (!closure || closure[key].has(row.id)) yield row;
  }
  for (const row of kept('locations', rows.locations())) yield { kind: 'location', record: toRecord.location(row) };
  for (const row of kept('organisations', rows.organisations())) yield { kind: 'organisation', record: toRecord.organisation(row) };
  for (const row of kept('persons', rows.persons())) yield { kind: 'person', record: toRecord.person(row) };
  for (const row of kept('alternativeNames', rows.alternativeNames())) yield { kind: 'alternative-name', record: toRecord['alternative-name'](row) };
  for (const row of kept('sources', rows.sources())) yield { kind: 'source', record: toRecord.source(row) };
  for (const row of kept('incidents', rows.incidents())) yield { kind: 'incident', record: toRecord.incident(row) };
  for (const row of kept('posts', rows.posts())) yield { kind: 'post', record: toRecord.post(row) };
  for (const row of kept('involvements', rows.involvements())) yield { kind: 'involvement', record: toRecord.involvement(row) };
  for (const row of kept('citations', rows.citations())) yield { kind: 'citation', record: toRecord.citation(row) };
  for (const row of kept('evidence', rows.evidence())) {
    const record = toRecord.evidence(row);
    yield { kind: 'evidence', record: closure ? { ...record, incidents: record.incidents.filter((id) => closure.incidents.has(id)) } : record };
  }
}
