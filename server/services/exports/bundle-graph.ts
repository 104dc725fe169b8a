/**
 * data/graph.ndjson of a bundle. Internal: the raw graph exactly as `npm run export -- graph`
 * writes it (of a selection: its closure, graphLines), re-importable, its evidence lines naming the files under data/evidence by SHA-256.
 * Partner and public: the redacted records the CSV files hold, one `{"kind","record"}` line each
 * after a header that says the file cannot be imported, and a line per evidence item carrying
 * (or withholding) its file, with the bag path of the file, since the profile's copy may not
 * have the original's SHA-256.
 */
import { Readable } from 'node:stream';
import type { BagPart } from '../../../exports/bundle.js';
import { ndjson } from '../../../exports/graph.js';
import { GRAPH_VERSION, type GraphKind } from '../../schemas/graph.js';
import type { Viewer } from '../../viewer.js';
import type { ServiceContext } from '../context.js';
import { listEvidence } from '../evidence.js';
import { graphLines } from '../graph/export.js';
import type { BundleEvidence } from './bundle-evidence.js';
import type { DataExport, DataKind } from './data.js';
import { everyRecord } from './records.js';

// In the raw graph's order and with its names, so that one reader can read both forms.
const redactedKinds: readonly (readonly [DataKind, GraphKind])[] = [
  ['locations', 'location'],
  ['organisations', 'organisation'],
  ['persons', 'person'],
  ['alternative-names', 'alternative-name'],
  ['sources', 'source'],
  ['incidents', 'incident'],
  ['posts', 'post'],
  ['involvements', 'involvement'],
  ['citations', 'citation'],
];

function* redactedLines(data: DataExport, reading: ServiceContext, evidence: BundleEvidence, exportedAt: string): Generator<unknown> {
  yield { kind: 'casebook-graph', version: GRAPH_VERSION, profile: data.profile, importable: false, exportedAt };
  for (const [dataKind, kind] of redactedKinds) {
    for (const record of data.records(dataKind)) yield { kind, record };
  }
  const viewer: Viewer = { kind: 'export', profile: data.profile };
  const within = data.closure;
  for (const item of everyRecord((page) => listEvidence(reading, viewer, {}, page))) {
    if (!within) yield { kind: 'evidence', record: { ...item, bagFile: evidence.fileOf(item) } };
    else if (within.evidence.has(item.id)) {
      // Links to incidents outside the selection would name records the bundle does not hold.
      const incidents = item.incidents.filter((incident) => within.incidents.has(incident.id));
      yield { kind: 'evidence', record: { ...item, incidents, bagFile: evidence.fileOf(item) } };
    }
  }
}

/** The graph part; write it after the evidence part, whose files its evidence lines name. */
export function graphPart(options: { data: DataExport; reading: ServiceContext; evidence: BundleEvidence; exportedAt: string }): BagPart {
  const { data, reading, evidence, exportedAt } = options;
  const lines = () => (data.profile === 'internal' ? graphLines(reading.db, exportedAt, data.closure) : redactedLines(data, reading, evidence, exportedAt));
  return () => [{ path: 'data/graph.ndjson', open: () => Readable.from(ndjson(lines())), compress: true }];
}
