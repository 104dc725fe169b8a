/**
 * The Casebook graph: the whole database as NDJSON, one record a line, in dependency order, for
 * moving a case to another instance with nothing lost. Each record is the API's create schema
 * extended with what the API draws itself (id, pseudonym, timestamps), so a line is validated
 * exactly as a request would be, and a field added to the API is a field of the graph.
 *
 * A line is `{"kind": "<kind>", "record": {…}}`: the record sits in a field of its own because
 * locations, organisations, alternative names and sources have a `kind` of their own. The first
 * line is the header, `{"kind": "casebook-graph", "version": 1, "counts": {…}}`; its counts let
 * an import tell a file cut off at a line break from a whole one.
 */
import { z } from 'zod';
import type { CaptureMetadata } from '../evidence/metadata.js';
import { id, optionalText } from './common.js';
import { evidenceUpdate, fileName } from './evidence.js';
import { incidentCreate } from './incidents.js';
import { alternativeNameCreate, involvementCreate, personCreate, postCreate } from './people.js';
import { locationCreate, organisationCreate } from './places.js';
import { citationCreate, sourceCreate } from './sources.js';

export const GRAPH_VERSION = 1;

/** Kinds of record lines, in the order an export writes them. */
export const graphKinds = ['location', 'organisation', 'person', 'alternative-name', 'source', 'incident', 'post', 'involvement', 'citation', 'evidence'] as const;
export type GraphKind = (typeof graphKinds)[number];

const stored = { id, createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };

const pseudonym = z.string().regex(/^[A-Z]-\d{2,16}$/, 'must be a pseudonym such as V-07');

function exactlyOneOf<K extends string>(keys: readonly K[]) {
  return [
    (record: Partial<Record<K, unknown>>) => keys.filter((key) => record[key] !== undefined).length === 1,
    { message: `give exactly one of ${keys.join(', ')}` },
  ] as const;
}

/** As read from the file at upload (server/evidence/metadata.ts); kept, never re-read. */
const captureMetadata = z.strictObject({
  takenAt: z.string().max(100).nullable(),
  takenOffset: z.string().regex(/^[+-]\d\d:\d\d$/).nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  deviceMake: z.string().max(500).nullable(),
  deviceModel: z.string().max(500).nullable(),
  software: z.string().max(500).nullable(),
  width: z.int().positive().nullable(),
  height: z.int().positive().nullable(),
  rawMetadata: z.string().max(200_000).nullable(),
  metadataError: z.string().max(1_000).nullable(),
}) satisfies z.ZodType<CaptureMetadata>;

const evidenceRecord = evidenceUpdate
  .required()
  .omit({ linkIncidents: true })
  .extend({
    ...stored,
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lowercase hex'),
    size: z.int().positive(),
    mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'must be a media type such as image/jpeg').max(100),
    originalName: fileName,
    // No cap: links accumulate over many changes of one item.
    incidents: z.array(id),
    capture: captureMetadata,
    /** For a safe copy: the item it was made from, on an earlier line, and how. */
    derivedFrom: id.nullable(),
    derivation: optionalText(100).nullable(),
  })
  .refine((record) => (record.derivedFrom === null) === (record.derivation === null), {
    message: 'derivedFrom and derivation are given together or not at all',
    path: ['derivation'],
  });

export const graphRecords = {
  location: locationCreate.omit({ alternativeNames: true }).extend(stored),
  organisation: organisationCreate.omit({ alternativeNames: true }).extend(stored),
  person: personCreate.omit({ pseudonymKind: true, alternativeNames: true }).extend({ ...stored, pseudonym }),
  'alternative-name': alternativeNameCreate.extend(stored).refine(...exactlyOneOf(['person', 'organisation', 'location'])),
  source: sourceCreate.extend(stored),
  incident: incidentCreate.extend(stored),
  post: postCreate.extend(stored),
  involvement: involvementCreate.extend(stored).refine(...exactlyOneOf(['person', 'organisation'])),
  citation: citationCreate.extend(stored),
  evidence: evidenceRecord,
} satisfies Record<GraphKind, z.ZodType>;

export type GraphRecordIn<K extends GraphKind> = z.input<(typeof graphRecords)[K]>;
export type GraphRecord<K extends GraphKind> = z.output<(typeof graphRecords)[K]>;

const line = <K extends GraphKind>(kind: K) => z.strictObject({ kind: z.literal(kind), record: graphRecords[kind] });

export const graphLine = z.discriminatedUnion(
  'kind',
  [
    line('location'),
    line('organisation'),
    line('person'),
    line('alternative-name'),
    line('source'),
    line('incident'),
    line('post'),
    line('involvement'),
    line('citation'),
    line('evidence'),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `not a kind of record; one of ${graphKinds.join(', ')}` : undefined) },
);

/** A line as written, and as read: the kind tells which record schema applies. */
export type GraphLineIn = z.input<typeof graphLine>;
/** Written as a map over the kinds, so a handler table indexed by `line.kind` takes `line.record`. */
export type GraphLineOf<K extends GraphKind> = { [P in K]: { kind: P; record: GraphRecord<P> } }[K];
export type GraphLine = GraphLineOf<GraphKind>;

export const graphHeader = z.strictObject({
  kind: z.literal('casebook-graph', { error: 'the first line must be the header {"kind": "casebook-graph", …}' }),
  version: z.literal(GRAPH_VERSION, { error: `this Casebook reads graph version ${GRAPH_VERSION}` }),
  exportedAt: z.iso.datetime().optional(),
  /** How many lines of each kind follow; a kind left out has none. */
  counts: z.partialRecord(z.enum(graphKinds), z.int().min(0)),
});

export type GraphHeaderIn = z.input<typeof graphHeader>;
export type GraphHeader = z.output<typeof graphHeader>;
