/**
 * Data exports (CSV per record kind, GeoJSON of incidents at their places) for a profile. Reads
 * redact through the services with the profile's viewer, on a read-only connection of its own in
 * one read transaction, so every file of an export and its withheld receipt describe the same
 * moment. The writers in exports/ receive only what this hands them.
 */
import type { Closure } from '../../../db/queries/closure.js';
import { countProtectedData, pointsOfPlaces } from '../../../db/queries/export-data.js';
import { auditHead, GENESIS_HASH } from '../../../db/queries/audit.js';
import { countGraphRows } from '../../../db/queries/graph.js';
import type { Readable } from 'node:stream';
import { csvStream } from '../../../exports/csv.js';
import { geojsonChunks, type IncidentPlaceFeature } from '../../../exports/geojson.js';
import { AppError } from '../../errors.js';
import type { SelectionQuery } from '../../schemas/exports.js';
import { canExportWith, pointFor, type ExportProfile, type Viewer } from '../../viewer.js';
import { recordEvent } from '../audit.js';
import type { ServiceContext } from '../context.js';
import { openSnapshot } from './snapshot.js';
import type { DataKind } from './data-kinds.js';
import { closureKeyOf, recordsOf, type ExportRecord } from './records.js';
import { selectRecords } from './selection.js';
import { withheldReceipt, type ExportPart, type WithheldReceipt } from './withheld.js';

export { dataKinds, type DataKind } from './data-kinds.js';
export type { ExportPart, WithheldReceipt } from './withheld.js';

export interface DataExport {
  readonly profile: ExportProfile;
  /** The selection in words (`everything` for the whole database), as the bag's metadata records it. */
  readonly selection: string;
  /** What the selected incidents reach; null for the whole database. */
  readonly closure: Closure | null;
  /** What the profile withheld from these parts; null for the internal profile, which withholds nothing. */
  readonly withheld: WithheldReceipt | null;
  records<K extends DataKind>(kind: K): Generator<ExportRecord<K>>;
  features(): Generator<IncidentPlaceFeature>;
  /** How many rows the part's table holds, before the profile leaves any out: the most it can write, for progress bars. */
  storedRows(part: ExportPart): number;
  /** Ends the read transaction; the generators above stop working. Safe to call twice. */
  close(): void;
}

export interface DataExportOptions {
  readonly profile: ExportProfile;
  readonly parts: readonly ExportPart[];
  /** Which incidents, and so which records (their closure); an empty one is the whole database. */
  readonly selection: SelectionQuery;
}

/**
 * Opens a data export of `parts` with `profile` for `requester` over a selection, refusing with
 * 403 a profile the requester may not use and with 404 a selection naming an unknown record, and
 * records the export (profile, parts, selection, withheld counts) in the audit trail before
 * anything is read. The caller must close() it.
 */
export async function openDataExport(ctx: ServiceContext, requester: Viewer, options: DataExportOptions): Promise<DataExport> {
  return (await openExportSnapshot(ctx, requester, options)).data;
}

/**
 * openDataExport for an export that reads more than records from the same snapshot (the bundle:
 * the raw graph, evidence): also hands back the snapshot itself, which data.close() closes, and
 * the audit chain's head hash as the snapshot sees it. `format` names the export in its audit entry.
 */
export async function openExportSnapshot(
  ctx: ServiceContext,
  requester: Viewer,
  options: DataExportOptions & { format?: 'bundle' },
): Promise<{ data: DataExport; reading: ServiceContext; auditHead: string }> {
  const { profile, parts } = options;
  if (!canExportWith(requester, profile)) {
    throw new AppError(403, 'forbidden', 'Forbidden', `Your role may export only with the public profile, not ${profile}.`);
  }
  const viewer: Viewer = { kind: 'export', profile };
  const snapshot = openSnapshot(ctx.db);
  try {
    const reading: ServiceContext = { db: snapshot.db, now: ctx.now };
    // Read first: this starts the snapshot, so it cannot see the export's own audit entry below.
    const head = auditHead(reading.db)?.hash ?? GENESIS_HASH;
    // With the profile's viewer: a search for a name the profile hides matches nothing.
    const { description, closure } = await selectRecords(reading, viewer, options.selection);
    const withheld = profile === 'internal' ? null : withheldReceipt(countProtectedData(reading.db, closure), viewer, parts);
    const format = options.format ?? (parts.includes('geojson') ? 'geojson' : 'csv');
    const kind = format === 'bundle' ? 'graph' : format === 'geojson' ? 'incidents' : (parts[0] as DataKind);
    recordEvent(ctx, requester, { action: 'export', kind, id: null, details: { format, profile, parts, selection: description, withheld } });
    const data: DataExport = {
      profile,
      selection: description,
      closure,
      withheld,
      records: (kind) => recordsOf(reading, viewer, kind, closure),
      features: () => incidentFeatures(reading, viewer, closure),
      storedRows: (part) => {
        if (closure) return closure[part === 'geojson' ? 'incidents' : part === 'evidence' ? 'evidence' : closureKeyOf[part]].size;
        const tables = countGraphRows(reading.db);
        return part === 'geojson' ? tables.incidents : part === 'alternative-names' ? tables.alternativeNames : tables[part];
      },
      close: snapshot.close,
    };
    return { data, reading, auditHead: head };
  } catch (error) {
    snapshot.close();
    throw error;
  }
}

/** One feature per incident (of the closure, when given) and place with a point, the point coarsened where the viewer's rule says. */
export function* incidentFeatures(ctx: ServiceContext, viewer: Viewer, closure: Closure | null): Generator<IncidentPlaceFeature> {
  let page: ExportRecord<'incidents'>[] = [];
  const flush = function* (): Generator<IncidentPlaceFeature> {
    const points = pointsOfPlaces(ctx.db, [...new Set(page.flatMap((incident) => incident.locations.map((place) => place.id)))]);
    for (const incident of page) {
      for (const place of incident.locations) {
        const stored = points.get(place.id);
        if (!stored) continue;
        const point = pointFor(viewer, stored, stored.tiedToProtected);
        yield {
          incidentId: incident.id,
          title: incident.title,
          date: incident.date,
          actTypes: incident.actTypes,
          status: incident.status.corroboration,
          disputed: incident.status.disputed,
          locationId: place.id,
          locationName: place.name,
          latitude: point.latitude,
          longitude: point.longitude,
          precisionMeters: point.precisionMeters,
          coarsened: point.coarsened,
        };
      }
    }
    page = [];
  };
  for (const incident of recordsOf(ctx, viewer, 'incidents', closure)) {
    page.push(incident);
    if (page.length >= 500) yield* flush();
  }
  yield* flush();
}

// Spelled out kind by kind so the compiler checks each view against what its CSV file reads.
const csvFiles: { [K in DataKind]: (data: DataExport) => Readable } = {
  incidents: (data) => csvStream('incidents', data.records('incidents')),
  locations: (data) => csvStream('locations', data.records('locations')),
  organisations: (data) => csvStream('organisations', data.records('organisations')),
  persons: (data) => csvStream('persons', data.records('persons')),
  'alternative-names': (data) => csvStream('alternative-names', data.records('alternative-names')),
  posts: (data) => csvStream('posts', data.records('posts')),
  involvements: (data) => csvStream('involvements', data.records('involvements')),
  sources: (data) => csvStream('sources', data.records('sources')),
  citations: (data) => csvStream('citations', data.records('citations')),
};

/** The CSV bytes of one kind of record in this export. */
export function csvFile(data: DataExport, kind: DataKind): Readable {
  return csvFiles[kind](data);
}

/** The GeoJSON text of this export, its withheld receipt (if any) as the foreign member `withheld`. */
export function geojsonText(data: DataExport): Generator<string> {
  return geojsonChunks(data.features(), () => ({ profile: data.profile, ...(data.withheld && { withheld: data.withheld }) }));
}
