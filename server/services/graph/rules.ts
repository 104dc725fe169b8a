/**
 * What a graph record must meet beyond its schema, checked against the lines read before it (the
 * file is in dependency order, so everything a record points at is on an earlier line), and how
 * it is written once it passes. Nothing here reads the database: the import runs into an empty
 * one, so the lines already read are all there is.
 */
import type { prepareGraphInserts } from '../../../db/queries/graph.js';
import type { Issue } from '../../errors.js';
import { graphKinds, type GraphKind, type GraphLine, type GraphLineOf, type GraphRecord } from '../../schemas/graph.js';
import { toRow } from './records.js';

/** Ids, pseudonyms and hashes of the lines read so far. */
export class Seen {
  readonly ids = Object.fromEntries(graphKinds.map((kind) => [kind, new Set<number>()])) as Record<GraphKind, Set<number>>;
  readonly pseudonyms = new Set<string>();
  readonly sha256s = new Set<string>();
  /** Sources that relay another: a relay must point at an original. */
  readonly relays = new Set<number>();
}

type Reference = readonly [path: string, kind: GraphKind, id: number | null | undefined];

const each = (path: string, kind: GraphKind, ids: readonly number[]): Reference[] => ids.map((id, index) => [`${path}.${index}`, kind, id]);

const nouns: Record<GraphKind, string> = {
  location: 'location',
  organisation: 'organisation',
  person: 'person',
  'alternative-name': 'alternative name',
  source: 'source',
  incident: 'incident',
  post: 'post',
  involvement: 'involvement',
  citation: 'citation',
  evidence: 'evidence item',
};

const references: { [K in GraphKind]: (record: GraphRecord<K>) => Reference[] } = {
  location: (r) => [['parent', 'location', r.parent]],
  organisation: (r) => [['parent', 'organisation', r.parent]],
  person: () => [],
  'alternative-name': (r) => [
    ['person', 'person', r.person],
    ['organisation', 'organisation', r.organisation],
    ['location', 'location', r.location],
  ],
  source: (r) => [['repeats', 'source', r.repeats]],
  incident: (r) => each('locations', 'location', r.locations),
  post: (r) => [
    ['person', 'person', r.person],
    ['organisation', 'organisation', r.organisation],
  ],
  involvement: (r) => [
    ['incident', 'incident', r.incident],
    ['person', 'person', r.person],
    ['organisation', 'organisation', r.organisation],
  ],
  citation: (r) => [
    ['source', 'source', r.source],
    ['claim.id', r.claim.kind, r.claim.id],
  ],
  evidence: (r) => [...each('incidents', 'incident', r.incidents), ['derivedFrom', 'evidence', r.derivedFrom]],
};

/** Rules of one kind that are not references; each mirrors a check the API's services make. */
const rules: { [K in GraphKind]?: (record: GraphRecord<K>, seen: Seen) => Issue[] } = {
  person: (r, seen) => (seen.pseudonyms.has(r.pseudonym) ? [{ path: 'pseudonym', message: 'this pseudonym is already used by a person on an earlier line' }] : []),
  source: (r, seen) =>
    r.repeats !== null && seen.relays.has(r.repeats)
      ? [{ path: 'repeats', message: `source ${r.repeats} itself relays another source; a relay must point at the original` }]
      : [],
  evidence: (r, seen) => (seen.sha256s.has(r.sha256) ? [{ path: 'sha256', message: 'an evidence item on an earlier line has the same SHA-256' }] : []),
};

/** Problems of a line whose record passed its schema; paths are relative to the record. */
export function checkLine<K extends GraphKind>(line: GraphLineOf<K>, seen: Seen): Issue[] {
  const { kind, record } = line;
  const issues: Issue[] = [];
  if (seen.ids[kind].has(record.id)) issues.push({ path: 'id', message: `${nouns[kind]} ${record.id} is already on an earlier line` });
  for (const [path, target, id] of references[kind](record)) {
    if (id !== null && id !== undefined && !seen.ids[target].has(id)) {
      issues.push({ path, message: `there is no ${nouns[target]} ${id} on an earlier line (lines are in dependency order)` });
    }
  }
  issues.push(...(rules[kind]?.(record, seen) ?? []));
  return issues;
}

/** Remembers a line for the lines after it, whether or not it passed, so one bad line does not make every later reference an error too. */
export function remember(line: GraphLine, seen: Seen): void {
  seen.ids[line.kind].add(line.record.id);
  if (line.kind === 'person') seen.pseudonyms.add(line.record.pseudonym);
  else if (line.kind === 'source' && line.record.repeats !== null) seen.relays.add(line.record.id);
  else if (line.kind === 'evidence') seen.sha256s.add(line.record.sha256);
}

type Inserts = ReturnType<typeof prepareGraphInserts>;

/** Writes one checked record; link lists are deduplicated, as the API does. */
export function writers(insert: Inserts): { [K in GraphKind]: (record: GraphRecord<K>) => void } {
  return {
    location: (r) => insert.locations(toRow.location(r)),
    organisation: (r) => insert.organisations(toRow.organisation(r)),
    person: (r) => insert.persons(toRow.person(r)),
    'alternative-name': (r) => insert.alternativeNames(toRow['alternative-name'](r)),
    source: (r) => insert.sources(toRow.source(r)),
    incident: (r) => {
      insert.incidents(toRow.incident(r));
      for (const actType of new Set(r.actTypes)) insert.incidentActTypes({ incidentId: r.id, actType });
      for (const locationId of new Set(r.locations)) insert.incidentLocations({ incidentId: r.id, locationId });
    },
    post: (r) => insert.posts(toRow.post(r)),
    involvement: (r) => insert.involvements(toRow.involvement(r)),
    citation: (r) => insert.citations(toRow.citation(r)),
    evidence: (r) => {
      insert.evidence(toRow.evidence(r));
      for (const incidentId of new Set(r.incidents)) insert.evidenceIncidents({ evidenceId: r.id, incidentId });
    },
  };
}
