/**
 * The single truth about stored data. Row types are inferred from these tables
 * (`typeof incidents.$inferSelect`); nothing restates them by hand.
 *
 * Conventions:
 * - Dates are EDTF text plus the earliest and latest possible day (`YYYY-MM-DD`) it allows, so
 *   filters can test overlap with plain comparisons. An open or unknown end is stored as the
 *   sentinel '0000-01-01' / '9999-12-31' rather than NULL, so the comparisons stay indexable.
 * - Polymorphic links (an alternative name's owner, a citation's claim, an involvement's actor)
 *   are one nullable foreign key per target with a CHECK that exactly one is set, so the
 *   database itself keeps every link pointing at a real row.
 * - Foreign keys RESTRICT deletes: removing a referenced record is refused, never cascaded,
 *   except for rows that are parts of their owner (an incident's place and act-type links, a
 *   person's alternative names).
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { codesOf } from './vocabularies.js';

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};


export const locations = sqliteTable(
  'locations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', { enum: codesOf('locationKinds') }).notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => locations.id, { onDelete: 'restrict' }),
    latitude: real('latitude'),
    longitude: real('longitude'),
    /** Radius in metres within which the true place lies; null when there is no point. */
    precisionMeters: integer('precision_meters'),
    description: text('description').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    index('locations_parent_idx').on(t.parentId),
    check('locations_point_complete', sql`(${t.latitude} IS NULL) = (${t.longitude} IS NULL) AND (${t.latitude} IS NULL OR ${t.precisionMeters} IS NOT NULL)`),
    check('locations_latitude_range', sql`${t.latitude} IS NULL OR ${t.latitude} BETWEEN -90 AND 90`),
    check('locations_longitude_range', sql`${t.longitude} IS NULL OR ${t.longitude} BETWEEN -180 AND 180`),
  ],
);

export const organisations = sqliteTable(
  'organisations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', { enum: codesOf('organisationKinds') }).notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => organisations.id, { onDelete: 'restrict' }),
    description: text('description').notNull().default(''),
    ...timestamps,
  },
  (t) => [index('organisations_parent_idx').on(t.parentId)],
);

export const persons = sqliteTable(
  'persons',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    protection: text('protection', { enum: codesOf('protections') }).notNull(),
    /** Drawn at creation, never changed, never derived from the name or the order of entry. */
    pseudonym: text('pseudonym').notNull(),
    description: text('description').notNull().default(''),
    ...timestamps,
  },
  (t) => [uniqueIndex('persons_pseudonym_unique').on(t.pseudonym)],
);

export const alternativeNames = sqliteTable(
  'alternative_names',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // Part of their owner: deleted with it (unless a citation points at one, which restricts).
    personId: integer('person_id').references(() => persons.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    locationId: integer('location_id').references(() => locations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: codesOf('alternativeNameKinds') }).notNull(),
    /** BCP 47 tag, script included where it matters: `ru`, `ru-Latn`, `ce-Cyrl`. */
    language: text('language'),
    ...timestamps,
  },
  (t) => [
    index('alternative_names_person_idx').on(t.personId),
    index('alternative_names_organisation_idx').on(t.organisationId),
    index('alternative_names_location_idx').on(t.locationId),
    check(
      'alternative_names_one_owner',
      sql`(${t.personId} IS NOT NULL) + (${t.organisationId} IS NOT NULL) + (${t.locationId} IS NOT NULL) = 1`,
    ),
  ],
);

export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    date: text('date').notNull(),
    dateEarliest: text('date_earliest').notNull(),
    dateLatest: text('date_latest').notNull(),
    victimsMin: integer('victims_min'),
    /** Null with a minimum means an open range: "at least N". */
    victimsMax: integer('victims_max'),
    ...timestamps,
  },
  (t) => [
    index('incidents_date_idx').on(t.dateEarliest, t.dateLatest),
    check('incidents_victims_range', sql`${t.victimsMin} IS NULL OR (${t.victimsMin} >= 0 AND (${t.victimsMax} IS NULL OR ${t.victimsMax} >= ${t.victimsMin}))`),
    check('incidents_victims_max_needs_min', sql`${t.victimsMax} IS NULL OR ${t.victimsMin} IS NOT NULL`),
  ],
);

export const incidentActTypes = sqliteTable(
  'incident_act_types',
  {
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    actType: text('act_type', { enum: codesOf('actTypes') }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.actType] }), index('incident_act_types_act_idx').on(t.actType, t.incidentId)],
);

export const incidentLocations = sqliteTable(
  'incident_locations',
  {
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'cascade' }),
    locationId: integer('location_id').notNull().references(() => locations.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.locationId] }), index('incident_locations_location_idx').on(t.locationId, t.incidentId)],
);

export const posts = sqliteTable(
  'posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull().references(() => persons.id, { onDelete: 'restrict' }),
    organisationId: integer('organisation_id').notNull().references(() => organisations.id, { onDelete: 'restrict' }),
    role: text('role').notNull(),
    period: text('period'),
    periodEarliest: text('period_earliest'),
    periodLatest: text('period_latest'),
    ...timestamps,
  },
  (t) => [
    index('posts_person_idx').on(t.personId),
    index('posts_organisation_idx').on(t.organisationId),
    check('posts_period_complete', sql`(${t.period} IS NULL) = (${t.periodEarliest} IS NULL) AND (${t.period} IS NULL) = (${t.periodLatest} IS NULL)`),
  ],
);

export const involvements = sqliteTable(
  'involvements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'restrict' }),
    personId: integer('person_id').references(() => persons.id, { onDelete: 'restrict' }),
    organisationId: integer('organisation_id').references(() => organisations.id, { onDelete: 'restrict' }),
    role: text('role', { enum: codesOf('involvementRoles') }).notNull(),
    description: text('description').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    index('involvements_incident_idx').on(t.incidentId),
    index('involvements_person_idx').on(t.personId, t.incidentId),
    index('involvements_organisation_idx').on(t.organisationId, t.incidentId),
    check('involvements_one_actor', sql`(${t.personId} IS NOT NULL) + (${t.organisationId} IS NOT NULL) = 1`),
  ],
);

export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: codesOf('sourceKinds') }).notNull(),
    title: text('title').notNull(),
    publisher: text('publisher'),
    author: text('author'),
    url: text('url'),
    published: text('published'),
    publishedEarliest: text('published_earliest'),
    publishedLatest: text('published_latest'),
    /** BCP 47 tag of the source's language. */
    language: text('language'),
    reliability: text('reliability', { enum: codesOf('reliabilityGrades') }).notNull(),
    /** A restricted source (a fugitive's testimony) is withheld from journalists and public exports. */
    restricted: integer('restricted', { mode: 'boolean' }).notNull().default(false),
    /** The source this one relays; sources of one origin count once towards corroboration. */
    repeatsSourceId: integer('repeats_source_id').references((): AnySQLiteColumn => sources.id, { onDelete: 'restrict' }),
    archiveUrl: text('archive_url'),
    notes: text('notes').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    index('sources_repeats_idx').on(t.repeatsSourceId),
    check('sources_not_self_repeat', sql`${t.repeatsSourceId} IS NULL OR ${t.repeatsSourceId} <> ${t.id}`),
    check('sources_published_complete', sql`(${t.published} IS NULL) = (${t.publishedEarliest} IS NULL) AND (${t.published} IS NULL) = (${t.publishedLatest} IS NULL)`),
  ],
);

export const citations = sqliteTable(
  'citations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sourceId: integer('source_id').notNull().references(() => sources.id, { onDelete: 'restrict' }),
    incidentId: integer('incident_id').references(() => incidents.id, { onDelete: 'restrict' }),
    involvementId: integer('involvement_id').references(() => involvements.id, { onDelete: 'restrict' }),
    postId: integer('post_id').references(() => posts.id, { onDelete: 'restrict' }),
    locationId: integer('location_id').references(() => locations.id, { onDelete: 'restrict' }),
    alternativeNameId: integer('alternative_name_id').references(() => alternativeNames.id, { onDelete: 'restrict' }),
    /** Where in the source: page, paragraph, timestamp. */
    locator: text('locator').notNull().default(''),
    quote: text('quote').notNull().default(''),
    stance: text('stance', { enum: codesOf('stances') }).notNull(),
    /** Admiralty information grade, 1 (confirmed) to 6 (cannot be judged). */
    credibility: integer('credibility').notNull(),
    ...timestamps,
  },
  (t) => [
    index('citations_source_idx').on(t.sourceId),
    index('citations_incident_idx').on(t.incidentId),
    index('citations_involvement_idx').on(t.involvementId),
    index('citations_post_idx').on(t.postId),
    index('citations_location_idx').on(t.locationId),
    index('citations_alternative_name_idx').on(t.alternativeNameId),
    check('citations_credibility_grade', sql`${t.credibility} BETWEEN 1 AND 6`),
    check(
      'citations_one_claim',
      sql`(${t.incidentId} IS NOT NULL) + (${t.involvementId} IS NOT NULL) + (${t.postId} IS NOT NULL) + (${t.locationId} IS NOT NULL) + (${t.alternativeNameId} IS NOT NULL) = 1`,
    ),
  ],
);

export type Location = typeof locations.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type Person = typeof persons.$inferSelect;
export type AlternativeName = typeof alternativeNames.$inferSelect;
export type Incident = typeof incidents.$inferSelect;
export type Post = typeof posts.$inferSelect;
export type Involvement = typeof involvements.$inferSelect;
export type Source = typeof sources.$inferSelect;
export type Citation = typeof citations.$inferSelect;

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Sign-in name, compared case-insensitively. */
    name: text('name').notNull(),
    role: text('role', { enum: codesOf('userRoles') }).notNull(),
    /** argon2id PHC string; never leaves the server, never enters the audit trail. */
    passwordHash: text('password_hash').notNull(),
    /** Set for a one-time password: the user must choose a new one before doing anything else. */
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_name_unique').on(sql`lower(${t.name})`)],
);

/** Secrets (session ids, API tokens) are stored as their SHA-256 only, so a copy of the database signs nobody in. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'restrict' }),
    label: text('label').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** Synchronizer token: cookie-authenticated writes must echo it in the x-csrf-token header. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * The audit trail: append-only (triggers in migration 0002 refuse UPDATE and DELETE) and
 * hash-chained, each entry's hash covering its fields and the previous entry's hash.
 */
export const auditEntries = sqliteTable(
  'audit_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** Null for the command line and the system itself; the name is kept as it was then. */
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    recordKind: text('record_kind').notNull(),
    recordId: integer('record_id'),
    /** JSON of the record before and after the change; null where there is none. */
    before: text('before'),
    after: text('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entries_record_idx').on(t.recordKind, t.recordId, t.id)],
);

/**
 * Evidence files, stored by SHA-256 under data/evidence/<first two hex>/<sha256>. The capture
 * metadata is read from the file once, at upload, and never edited; a person's correction goes
 * into `correction`.
 */
export const evidence = sqliteTable(
  'evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    /** Detected from the bytes, not taken from the client. */
    mediaType: text('media_type').notNull(),
    originalName: text('original_name').notNull(),
    description: text('description').notNull().default(''),
    /** Protected evidence (it could identify someone) is withheld from viewers without clearance. */
    protected: integer('protected', { mode: 'boolean' }).notNull(),
    /** As written in the file (EXIF `YYYY:MM:DD HH:MM:SS`), with its offset when the file has one. */
    takenAt: text('taken_at'),
    takenOffset: text('taken_offset'),
    latitude: real('latitude'),
    longitude: real('longitude'),
    deviceMake: text('device_make'),
    deviceModel: text('device_model'),
    software: text('software'),
    width: integer('width'),
    height: integer('height'),
    /** Every tag read, as JSON; null when the file held none. */
    rawMetadata: text('raw_metadata'),
    /** Why the metadata could not be read, when it could not. */
    metadataError: text('metadata_error'),
    correction: text('correction').notNull().default(''),
    /** For a safe copy: the item it was made from, and how. */
    derivedFromId: integer('derived_from_id').references((): AnySQLiteColumn => evidence.id, { onDelete: 'restrict' }),
    derivation: text('derivation'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('evidence_sha256_unique').on(t.sha256),
    index('evidence_derived_from_idx').on(t.derivedFromId),
    check('evidence_derivation_complete', sql`(${t.derivedFromId} IS NULL) = (${t.derivation} IS NULL)`),
  ],
);

export const evidenceIncidents = sqliteTable(
  'evidence_incidents',
  {
    evidenceId: integer('evidence_id').notNull().references(() => evidence.id, { onDelete: 'cascade' }),
    incidentId: integer('incident_id').notNull().references(() => incidents.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.evidenceId, t.incidentId] }), index('evidence_incidents_incident_idx').on(t.incidentId, t.evidenceId)],
);

/**
 * Counters bumped by triggers (migration 0002) whenever a table they watch changes, so a cache
 * derived from those tables knows, with one read, when it is stale.
 */
export const changeCounters = sqliteTable('change_counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

export type Evidence = typeof evidence.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type AuditEntry = typeof auditEntries.$inferSelect;
