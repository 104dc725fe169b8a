/**
 * Every record of a kind as an export profile may see it, read through the same services as the
 * API (so through the same views and the same name shield), a page at a time in id order: memory
 * stays flat however many records there are.
 */
import type { Closure } from '../../../db/queries/closure.js';
import { findCitationsOfVisibleClaims, pointsOfPlaces } from '../../../db/queries/export-data.js';
import { sourcesByIds } from '../../../db/queries/citations.js';
import { clearanceOf, pointFor, type Viewer } from '../../viewer.js';
import { citationView } from '../../views/citations.js';
import { listAlternativeNames } from '../alternative-names.js';
import type { ServiceContext } from '../context.js';
import { listIncidents } from '../incidents.js';
import { listInvolvements } from '../involvements.js';
import { listLocations } from '../locations.js';
import { listOrganisations } from '../organisations.js';
import { listPersons } from '../persons.js';
import { listPosts } from '../posts.js';
import { protect } from '../protection.js';
import { listSources } from '../sources.js';
import type { DataKind } from './data-kinds.js';

type Page = { afterId?: number; limit: number };

const PAGE_SIZE = 500;

/** Pages through `list` until a page comes back empty (a short page may only mean rows were filtered out after the query). */
export function* everyRecord<T extends { id: number }>(list: (page: Page) => T[], pageSize = PAGE_SIZE): Generator<T> {
  let afterId: number | undefined;
  for (;;) {
    const page = list({ afterId, limit: pageSize });
    if (page.length === 0) return;
    yield* page;
    afterId = page[page.length - 1]!.id;
  }
}

/** Places with their point coarsened where the viewer's rule says so (server/viewer.ts pointFor). */
function listPlacesForExport(ctx: ServiceContext, viewer: Viewer, page: Page) {
  const places = listLocations(ctx, viewer, {}, page);
  const points = pointsOfPlaces(ctx.db, places.map((place) => place.id));
  return places.map((place) => {
    const stored = points.get(place.id);
    if (!stored || !place.point) return { ...place, coarsened: false };
    const { coarsened, ...point } = pointFor(viewer, stored, stored.tiedToProtected);
    return { ...place, point, coarsened };
  });
}

/** Citations of every claim the viewer may see; one of a restricted source keeps only stance and grades, as on its claim's page. */
function listCitationsForExport(ctx: ServiceContext, viewer: Viewer, page: Page) {
  const rows = findCitationsOfVisibleClaims(ctx.db, { protectedNames: clearanceOf(viewer).protectedNames, restrictedSources: true }, page);
  const sources = sourcesByIds(ctx.db, [...new Set(rows.map((row) => row.sourceId))]);
  return protect(ctx, viewer, rows.map((row) => citationView(viewer, row, sources.get(row.sourceId)!)));
}

const listers = {
  incidents: (ctx: ServiceContext, viewer: Viewer, page: Page) => listIncidents(ctx, viewer, {}, page),
  locations: listPlacesForExport,
  organisations: (ctx: ServiceContext, viewer: Viewer, page: Page) => listOrganisations(ctx, viewer, {}, page),
  persons: (ctx: ServiceContext, viewer: Viewer, page: Page) => listPersons(ctx, viewer, {}, page),
  'alternative-names': (ctx: ServiceContext, viewer: Viewer, page: Page) => listAlternativeNames(ctx, viewer, {}, page),
  posts: (ctx: ServiceContext, viewer: Viewer, page: Page) => listPosts(ctx, viewer, {}, page),
  involvements: (ctx: ServiceContext, viewer: Viewer, page: Page) => listInvolvements(ctx, viewer, {}, page),
  sources: (ctx: ServiceContext, viewer: Viewer, page: Page) => listSources(ctx, viewer, {}, page),
  citations: listCitationsForExport,
} satisfies Record<DataKind, (ctx: ServiceContext, viewer: Viewer, page: Page) => { id: number }[]>;

export type ExportRecord<K extends DataKind> = ReturnType<(typeof listers)[K]>[number];

export const closureKeyOf: { readonly [K in DataKind]: keyof Closure } = {
  incidents: 'incidents',
  locations: 'locations',
  organisations: 'organisations',
  persons: 'persons',
  'alternative-names': 'alternativeNames',
  posts: 'posts',
  involvements: 'involvements',
  sources: 'sources',
  citations: 'citations',
};

/**
 * Every record of `kind` for `viewer`, redacted, in id order; only those in `closure` when one is
 * given. The closure is applied after the page is read, through the same lists as a whole export,
 * so a selection cannot be shown a record differently: it reads every row of the kind, as a whole
 * export does.
 */
export function* recordsOf<K extends DataKind>(ctx: ServiceContext, viewer: Viewer, kind: K, closure: Closure | null): Generator<ExportRecord<K>> {
  const list = listers[kind] as (ctx: ServiceContext, viewer: Viewer, page: Page) => ExportRecord<K>[];
  const within = closure?.[closureKeyOf[kind]];
  for (const record of everyRecord((page) => list(ctx, viewer, page))) if (!within || within.has(record.id)) yield record;
}
