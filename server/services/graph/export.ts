/**
 * Exporting the whole database as a Casebook graph: the header, then every record in dependency
 * order, read one row at a time from a single snapshot, so memory stays flat at any size and
 * writes made meanwhile are either wholly in the export or not at all.
 */
import { openReader, type Db } from '../../../db/client.js';
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
 * unaudited: for callers that audit the export they are part of (exportGraph, the bundle).
 */
export function* graphLines(snapshot: Db, exportedAt: string): Generator<GraphHeaderIn | GraphLineIn> {
  const tables = countGraphRows(snapshot);
  const counts: Record<GraphKind, number> = {
    location: tables.locations,
    organisation: tables.organisations,
    person: tables.persons,
    'alternative-name': tables.alternativeNames,
    source: tables.sources,
    incident: tables.incidents,
    post: tables.posts,
    involvement: tables.involvements,
    citation: tables.citations,
    evidence: tables.evidence,
  };
  yield { kind: 'casebook-graph', version: GRAPH_VERSION, exportedAt, counts };
  const rows = graphRows(snapshot);
  for (const row of rows.locations()) yield { kind: 'location', record: toRecord.location(row) };
  for (const row of rows.organisations()) yield { kind: 'organisation', record: toRecord.organisation(row) };
  for (const row of rows.persons()) yield { kind: 'person', record: toRecord.person(row) };
  for (const row of rows.alternativeNames()) yield { kind: 'alternative-name', record: toRecord['alternative-name'](row) };
  for (const row of rows.sources()) yield { kind: 'source', record: toRecord.source(row) };
  for (const row of rows.incidents()) yield { kind: 'incident', record: toRecord.incident(row) };
  for (const row of rows.posts()) yield { kind: 'post', record: toRecord.post(row) };
  for (const row of rows.involvements()) yield { kind: 'involvement', record: toRecord.involvement(row) };
  for (const row of rows.citations()) yield { kind: 'citation', record: toRecord.citation(row) };
  for (const row of rows.evidence()) yield { kind: 'evidence', record: toRecord.evidence(row) };
}
