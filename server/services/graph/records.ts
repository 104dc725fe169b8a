/**
 * Rows to graph records and back, side by side so the two directions stay each other's inverse.
 * A record has the API's field names (`parent`, `point`, `victims`, `repeats`, `claim`); a date is
 * its EDTF text, whose span of days is recomputed on import exactly as a request's is.
 */
import type { EvidenceWithLinks, IncidentWithLinks } from '../../../db/queries/graph.js';
import type { AlternativeName, Citation, Evidence, Incident, Involvement, Location, Organisation, Person, Post, Source } from '../../../db/schema.js';
import type { GraphRecord, GraphRecordIn } from '../../schemas/graph.js';
import type { EdtfSpan } from '../../values/edtf-date.js';

type ClaimKind = GraphRecord<'citation'>['claim']['kind'];

const claimColumns = {
  incident: 'incidentId',
  involvement: 'involvementId',
  post: 'postId',
  location: 'locationId',
  'alternative-name': 'alternativeNameId',
} as const satisfies Record<ClaimKind, keyof Citation>;

function claimOf(row: Citation): GraphRecordIn<'citation'>['claim'] {
  for (const [kind, column] of Object.entries(claimColumns) as [ClaimKind, (typeof claimColumns)[ClaimKind]][]) {
    const claimId = row[column];
    if (claimId !== null) return { kind, id: claimId };
  }
  throw new Error(`citation ${row.id} cites no claim`);
}

const spanColumns = (span: EdtfSpan | null) => [span?.edtf ?? null, span?.earliest ?? null, span?.latest ?? null] as const;

export const toRecord = {
  location: (row: Location): GraphRecordIn<'location'> => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    parent: row.parentId,
    point: row.latitude === null || row.longitude === null ? null : { latitude: row.latitude, longitude: row.longitude, precisionMeters: row.precisionMeters! },
    description: row.description,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }),
  organisation: (row: Organisation): GraphRecordIn<'organisation'> => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    parent: row.parentId,
    description: row.description,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }),
  person: (row: Person): GraphRecordIn<'person'> => ({
    id: row.id,
    name: row.name,
    protection: row.protection,
    pseudonym: row.pseudonym,
    description: row.description,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }),
  'alternative-name': (row: AlternativeName): GraphRecordIn<'alternative-name'> => ({
    id: row.id,
    ...(row.personId !== null && { person: row.personId }),
    ...(row.organisationId !== null && { organisation: row.organisationId }),
    ...(row.locationId !== null && { location: row.locationId }),
    name: row.name,
    kind: row.kind,
    language: row.language,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }),
  source: (row: Source): GraphRecordIn<'source'> => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    publisher: row.publisher,
    author: row.author,
    url: row.url,
    published: row.published,
    language: row.language,
    reliability: row.reliability,
    restricted: row.restricted,
    repeats: row.repeatsSourceId,
    archiveUrl: row.archiveUrl,
    notes: row.notes,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }),
  incident: (row: IncidentWithLinks): GraphRecordIn<'incident'> => ({
    id: row.id,
    title: row.title,
    summary: row.summary,
    actTypes: JSON.parse(row.actTypes) as GraphRecordIn<'incident'>['actTypes'],
    date: row.date,
    locations: JSON.parse(row.locationIds) as number[],
    victims: row.victimsMin === null ? null : { min: row.victimsMin, max: row.victimsMax },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }),
  post: (row: Post): GraphRecordIn<'post'> => ({
    id: row.id,
    person: row.personId,
    organisation: row.organisationId,
    role: row.role,
    period: row.period,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }),
  involvement: (row: Involvement): GraphRecordIn<'involvement'> => ({
    id: row.id,
    incident: row.incidentId,
    ...(row.personId !== null && { person: row.personId }),
    ...(row.organisationId !== null && { organisation: row.organisationId }),
    role: row.role,
    description: row.description,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }),
  citation: (row: Citation): GraphRecordIn<'citation'> => ({
    id: row.id,
    source: row.sourceId,
    claim: claimOf(row),
    locator: row.locator,
    quote: row.quote,
    stance: row.stance,
    credibility: row.credibility,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }),
  evidence: (row: EvidenceWithLinks): GraphRecordIn<'evidence'> => ({
    id: row.id,
    sha256: row.sha256,
    size: row.size,
    mediaType: row.mediaType,
    originalName: row.originalName,
    description: row.description,
    protected: row.protected,
    incidents: JSON.parse(row.incidentIds) as number[],
    capture: {
      takenAt: row.takenAt,
      takenOffset: row.takenOffset,
      latitude: row.latitude,
      longitude: row.longitude,
      deviceMake: row.deviceMake,
      deviceModel: row.deviceModel,
      software: row.software,
      width: row.width,
      height: row.height,
      rawMetadata: row.rawMetadata,
      metadataError: row.metadataError,
    },
    correction: row.correction,
    derivedFrom: row.derivedFromId,
    derivation: row.derivation,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }),
};

export const toRow = {
  location: (r: GraphRecord<'location'>): Location => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    parentId: r.parent,
    latitude: r.point?.latitude ?? null,
    longitude: r.point?.longitude ?? null,
    precisionMeters: r.point?.precisionMeters ?? null,
    description: r.description,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }),
  organisation: (r: GraphRecord<'organisation'>): Organisation => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    parentId: r.parent,
    description: r.description,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }),
  person: (r: GraphRecord<'person'>): Person => ({
    id: r.id,
    name: r.name,
    protection: r.protection,
    pseudonym: r.pseudonym,
    description: r.description,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }),
  'alternative-name': (r: GraphRecord<'alternative-name'>): AlternativeName => ({
    id: r.id,
    personId: r.person ?? null,
    organisationId: r.organisation ?? null,
    locationId: r.location ?? null,
    name: r.name,
    kind: r.kind,
    language: r.language,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }),
  source: (r: GraphRecord<'source'>): Source => {
    const [published, publishedEarliest, publishedLatest] = spanColumns(r.published);
    return {
      id: r.id,
      kind: r.kind,
      title: r.title,
      publisher: r.publisher,
      author: r.author,
      url: r.url,
      published,
      publishedEarliest,
      publishedLatest,
      language: r.language,
      reliability: r.reliability,
      restricted: r.restricted,
      repeatsSourceId: r.repeats,
      archiveUrl: r.archiveUrl,
      notes: r.notes,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  },
  incident: (r: GraphRecord<'incident'>): Incident => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    date: r.date.edtf,
    dateEarliest: r.date.earliest,
    dateLatest: r.date.latest,
    victimsMin: r.victims?.min ?? null,
    victimsMax: r.victims?.max ?? null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }),
  post: (r: GraphRecord<'post'>): Post => {
    const [period, periodEarliest, periodLatest] = spanColumns(r.period);
    return { id: r.id, personId: r.person, organisationId: r.organisation, role: r.role, period, periodEarliest, periodLatest, createdAt: r.createdAt, updatedAt: r.updatedAt };
  },
  involvement: (r: GraphRecord<'involvement'>): Involvement => ({
    id: r.id,
    incidentId: r.incident,
    personId: r.person ?? null,
    organisationId: r.organisation ?? null,
    role: r.role,
    description: r.description,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }),
  citation: (r: GraphRecord<'citation'>): Citation => ({
    id: r.id,
    sourceId: r.source,
    incidentId: null,
    involvementId: null,
    postId: null,
    locationId: null,
    alternativeNameId: null,
    [claimColumns[r.claim.kind]]: r.claim.id,
    locator: r.locator,
    quote: r.quote,
    stance: r.stance,
    credibility: r.credibility,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }),
  evidence: (r: GraphRecord<'evidence'>): Evidence => ({
    id: r.id,
    sha256: r.sha256,
    size: r.size,
    mediaType: r.mediaType,
    originalName: r.originalName,
    description: r.description,
    protected: r.protected,
    ...r.capture,
    correction: r.correction,
    derivedFromId: r.derivedFrom,
    derivation: r.derivation,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }),
};
