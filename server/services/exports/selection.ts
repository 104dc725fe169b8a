/**
 * What an export covers: the incidents a selection (the incident list's filters, a search query,
 * a list of incidents; all must hold) picks out for a viewer, and the selection in words for the
 * report's scope and the bag's metadata. The words are built from the viewer's own records and
 * shielded like them, so a protected name typed into a query cannot come back out.
 */
import { closureOf, type Closure } from '../../../db/queries/closure.js';
import { incidents } from '../../../db/schema.js';
import { findIncidents } from '../../../db/queries/incidents.js';
import { getRow } from '../../../db/queries/rows.js';
import { vocabularies } from '../../../db/vocabularies.js';
import type { SelectionQuery } from '../../schemas/exports.js';
import { clearanceOf, type Viewer } from '../../viewer.js';
import { notFound, type ServiceContext } from '../context.js';
import { incidentFilterOf } from '../incidents.js';
import { getLocation } from '../locations.js';
import { getOrganisation } from '../organisations.js';
import { getPerson } from '../persons.js';
import { protect } from '../protection.js';
import { allHits } from '../search.js';
import { everyRecord } from './records.js';

export interface Selection {
  /** Ids of the selected incidents, ascending. */
  readonly incidentIds: readonly number[];
  /** The selection in words, e.g. `act type: Torture; place: Argun (and places inside it)`; `every incident` for none. */
  readonly description: string;
}

const actTypeLabel = new Map<string, string>(vocabularies.actTypes.map((term) => [term.code, term.label]));

function describe(ctx: ServiceContext, viewer: Viewer, query: SelectionQuery): string {
  const parts: string[] = [];
  // Shielding the words would turn a protected name into its pseudonym, telling the reader whose
  // name was typed; a profile without names gets no words at all, whatever was typed.
  if (query.q !== undefined) parts.push(clearanceOf(viewer).protectedNames ? `search: ${query.q}` : 'search (its words are not repeated for this profile)');
  if (query.act) parts.push(`act type: ${query.act.map((code) => actTypeLabel.get(code) ?? code).join(' or ')}`);
  if (query.location !== undefined) parts.push(`place: ${getLocation(ctx, viewer, query.location).name} (and places inside it)`);
  if (query.person !== undefined) parts.push(`person: ${getPerson(ctx, viewer, query.person).name}`);
  if (query.organisation !== undefined) parts.push(`organisation: ${getOrganisation(ctx, viewer, query.organisation).name} (and units inside it)`);
  if (query.date) parts.push(`dates overlapping ${query.date.edtf}`);
  if (query.corroboration) parts.push(`status: ${query.corroboration}`);
  if (query.disputed !== undefined) parts.push(query.disputed ? 'disputed' : 'not disputed');
  if (query.incident) parts.push(`incidents ${query.incident.join(', ')}`);
  return parts.length === 0 ? 'every incident' : parts.join('; ');
}

export interface SelectedRecords {
  /** The selection in words; `everything` for the whole database. */
  readonly description: string;
  /** What the selected incidents reach (db/queries/closure.ts); null for the whole database. */
  readonly closure: Closure | null;
}

/**
 * The records a data export or bundle of a selection covers, resolved on `reading` (the export's
 * snapshot). An empty query is the whole database, records that no incident reaches included.
 */
export async function selectRecords(reading: ServiceContext, viewer: Viewer, query: SelectionQuery): Promise<SelectedRecords> {
  if (Object.values(query).every((value) => value === undefined)) return { description: 'everything', closure: null };
  const selection = await resolveSelection(reading, viewer, query);
  return { description: selection.description, closure: closureOf(reading.db, selection.incidentIds) };
}

const hasFilter = (query: SelectionQuery) =>
  [query.act, query.location, query.person, query.organisation, query.date, query.corroboration, query.disputed].some((value) => value !== undefined);

/** Resolves a selection for a viewer; an unknown incident, place, person or organisation is a 404. */
export async function resolveSelection(ctx: ServiceContext, viewer: Viewer, query: SelectionQuery): Promise<Selection> {
  // Shielded as a whole: a search query or a place name may hold a protected person's name.
  const description = protect(ctx, viewer, describe(ctx, viewer, query));
  const filter = incidentFilterOf(query);
  let ids: Set<number> | undefined;
  const keep = (found: Iterable<number>) => {
    const next = new Set<number>();
    for (const id of found) if (!ids || ids.has(id)) next.add(id);
    ids = next;
  };
  if (query.incident) {
    for (const id of query.incident) if (!getRow(ctx.db, incidents, id)) throw notFound('incident', id);
    keep(query.incident);
  }
  if (query.q !== undefined) {
    const found: number[] = [];
    for await (const batch of allHits(ctx, viewer, { q: query.q, kinds: ['incident'], filter })) found.push(...batch.map((hit) => hit.id));
    keep(found);
  } else if (hasFilter(query) || !query.incident) {
    keep((function* () {
      for (const row of everyRecord((page) => findIncidents(ctx.db, filter, page), 2_000)) yield row.id;
    })());
  }
  return { incidentIds: [...ids!].sort((a, b) => a - b), description };
}
