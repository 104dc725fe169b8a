/**
 * One CSV file per record kind, for spreadsheets: UTF-8 with a byte-order mark (Excel reads UTF-8
 * without one as a legacy code page and mangles Cyrillic), and every cell that a spreadsheet would
 * run as a formula (`=`, `+`, `-`, `@`, tab, carriage return) prefixed with `'`.
 *
 * The records arrive redacted for the export's profile; the types below say only what each file
 * needs, so the services' views are accepted as they are.
 */
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';

type Span = { readonly earliest: string | null; readonly latest: string | null } | null;
type Status = { readonly corroboration: string; readonly disputed: boolean; readonly explanation: string };
type Ref = { readonly id: number; readonly name: string | null };
type ActorRef = { readonly kind: string; readonly id: number; readonly name: string };
type NameItem = { readonly name: string };
type Stamps = { readonly id: number; readonly createdAt: string; readonly updatedAt: string };

export interface CsvRecords {
  incidents: Stamps & {
    title: string;
    summary: string;
    actTypes: readonly string[];
    date: string;
    dateRange: Span;
    victims: { min: number; max: number | null; text: string } | null;
    locations: readonly Ref[];
    status: Status;
  };
  locations: Stamps & {
    name: string;
    kind: string;
    parent: Ref | null;
    point: { latitude: number; longitude: number; precisionMeters: number | null } | null;
    coarsened: boolean;
    description: string;
    alternativeNames: readonly NameItem[];
    status: Status;
  };
  organisations: Stamps & { name: string; kind: string; parent: Ref | null; description: string; alternativeNames: readonly NameItem[] };
  persons: Stamps & { name: string; pseudonym: string; protection: string; description: string; alternativeNames: readonly NameItem[] };
  'alternative-names': Stamps & { owner: { kind: string; id: number; name: string }; name: string; kind: string; language: string | null; status: Status };
  posts: Stamps & { person: ActorRef; organisation: ActorRef; role: string; period: string | null; periodRange: Span; status: Status };
  involvements: Stamps & { incident: { id: number }; actor: ActorRef; role: string; description: string; status: Status };
  sources: Stamps & {
    kind: string;
    title: string;
    publisher: string | null;
    author: string | null;
    url: string | null;
    published: string | null;
    reliability: string;
    restricted: boolean;
    language: string | null;
    archiveUrl: string | null;
    notes: string;
  };
  citations: Stamps & {
    claim: { kind: string; id: number };
    source: { withheld: true; label: string; reliability: string } | { id: number; title: string; reliability: string };
    locator: string | null;
    quote: string | null;
    stance: string;
    credibility: number;
  };
}

export type CsvKind = keyof CsvRecords;

type Cell = string | number | boolean | null;
type Columns<R> = readonly (readonly [header: string, value: (record: R) => Cell])[];

const list = (items: readonly { name: string | null }[]) => items.map((item) => item.name ?? '').join('; ');
const status = <R extends { status: Status }>(): Columns<R> => [
  ['status', (r) => r.status.corroboration],
  ['disputed', (r) => r.status.disputed],
];
const stamps: Columns<Stamps> = [
  ['created_at', (r) => r.createdAt],
  ['updated_at', (r) => r.updatedAt],
];

/** A restricted source as its footnote reads: "restricted source, graded B2". */
function sourceLabel(citation: CsvRecords['citations']): string {
  return 'withheld' in citation.source ? `${citation.source.label}, graded ${citation.source.reliability}${citation.credibility}` : citation.source.title;
}

const columns: { [K in CsvKind]: Columns<CsvRecords[K]> } = {
  incidents: [
    ['id', (r) => r.id],
    ['title', (r) => r.title],
    ['summary', (r) => r.summary],
    ['act_types', (r) => r.actTypes.join('; ')],
    ['date', (r) => r.date],
    ['date_earliest', (r) => r.dateRange?.earliest ?? null],
    ['date_latest', (r) => r.dateRange?.latest ?? null],
    ['victims_min', (r) => r.victims?.min ?? null],
    ['victims_max', (r) => r.victims?.max ?? null],
    ['victims', (r) => r.victims?.text ?? null],
    ['location_ids', (r) => r.locations.map((l) => l.id).join('; ')],
    ['locations', (r) => list(r.locations)],
    ...status(),
    ...stamps,
  ],
  locations: [
    ['id', (r) => r.id],
    ['name', (r) => r.name],
    ['kind', (r) => r.kind],
    ['parent_id', (r) => r.parent?.id ?? null],
    ['parent', (r) => r.parent?.name ?? null],
    ['latitude', (r) => r.point?.latitude ?? null],
    ['longitude', (r) => r.point?.longitude ?? null],
    ['precision_meters', (r) => r.point?.precisionMeters ?? null],
    ['coarsened', (r) => r.coarsened],
    ['description', (r) => r.description],
    ['alternative_names', (r) => list(r.alternativeNames)],
    ...status(),
    ...stamps,
  ],
  organisations: [
    ['id', (r) => r.id],
    ['name', (r) => r.name],
    ['kind', (r) => r.kind],
    ['parent_id', (r) => r.parent?.id ?? null],
    ['parent', (r) => r.parent?.name ?? null],
    ['description', (r) => r.description],
    ['alternative_names', (r) => list(r.alternativeNames)],
    ...stamps,
  ],
  persons: [
    ['id', (r) => r.id],
    ['name', (r) => r.name],
    ['pseudonym', (r) => r.pseudonym],
    ['protection', (r) => r.protection],
    ['description', (r) => r.description],
    ['alternative_names', (r) => list(r.alternativeNames)],
    ...stamps,
  ],
  'alternative-names': [
    ['id', (r) => r.id],
    ['owner_kind', (r) => r.owner.kind],
    ['owner_id', (r) => r.owner.id],
    ['owner', (r) => r.owner.name],
    ['name', (r) => r.name],
    ['kind', (r) => r.kind],
    ['language', (r) => r.language],
    ...status(),
    ...stamps,
  ],
  posts: [
    ['id', (r) => r.id],
    ['person_id', (r) => r.person.id],
    ['person', (r) => r.person.name],
    ['organisation_id', (r) => r.organisation.id],
    ['organisation', (r) => r.organisation.name],
    ['role', (r) => r.role],
    ['period', (r) => r.period],
    ['period_earliest', (r) => r.periodRange?.earliest ?? null],
    ['period_latest', (r) => r.periodRange?.latest ?? null],
    ...status(),
    ...stamps,
  ],
  involvements: [
    ['id', (r) => r.id],
    ['incident_id', (r) => r.incident.id],
    ['actor_kind', (r) => r.actor.kind],
    ['actor_id', (r) => r.actor.id],
    ['actor', (r) => r.actor.name],
    ['role', (r) => r.role],
    ['description', (r) => r.description],
    ...status(),
    ...stamps,
  ],
  sources: [
    ['id', (r) => r.id],
    ['kind', (r) => r.kind],
    ['title', (r) => r.title],
    ['publisher', (r) => r.publisher],
    ['author', (r) => r.author],
    ['url', (r) => r.url],
    ['published', (r) => r.published],
    ['reliability', (r) => r.reliability],
    ['restricted', (r) => r.restricted],
    ['language', (r) => r.language],
    ['archive_url', (r) => r.archiveUrl],
    ['notes', (r) => r.notes],
    ...stamps,
  ],
  citations: [
    ['id', (r) => r.id],
    ['claim_kind', (r) => r.claim.kind],
    ['claim_id', (r) => r.claim.id],
    // A withheld source has no id here: its id would let a reader tell restricted sources apart.
    ['source_id', (r) => ('withheld' in r.source ? null : r.source.id)],
    ['source', sourceLabel],
    ['reliability', (r) => r.source.reliability],
    ['credibility', (r) => r.credibility],
    ['stance', (r) => r.stance],
    ['locator', (r) => r.locator],
    ['quote', (r) => r.quote],
    ...stamps,
  ],
};

/** The CSV bytes of `records`, streamed; the source iterable is closed if the stream is destroyed early. */
export function csvStream<K extends CsvKind>(kind: K, records: Iterable<CsvRecords[K]>): Readable {
  const cols = columns[kind] as Columns<CsvRecords[K]>;
  const csv = stringify({ bom: true, header: true, columns: cols.map(([header]) => header), escape_formulas: true, cast: { boolean: (value) => (value ? 'true' : 'false') } });
  const rows = Readable.from(
    (function* () {
      for (const record of records) yield cols.map(([, value]) => value(record));
    })(),
  );
  rows.on('error', (error) => csv.destroy(error));
  csv.on('close', () => rows.destroy());
  return rows.pipe(csv);
}
