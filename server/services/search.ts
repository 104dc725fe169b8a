/**
 * Full-text search over incidents, persons, organisations, places, sources and quotes, in the
 * world the viewer belongs to (server/search/documents.ts): a viewer who may not see protected
 * names searches an index in which they were never words, so a real name finds nothing, shows in
 * no snippet and changes no count.
 */
import { incidentConditions, type IncidentFilter } from '../../db/queries/incidents.js';
import {
  countMatches,
  hasQueued,
  hitFacets,
  hitsByRecency,
  hitsByRelevance,
  indexedTexts,
  recordOf,
  type HitSelection,
  type SearchKind,
  type SearchWorld,
} from '../../db/queries/search.js';
import { ValidationError } from '../errors.js';
import { worldOf } from '../search/documents.js';
import { syncSearchIndex } from '../search/indexer.js';
import { ftsExpression, markedKeys, parseQuery, QueryError, type QueryNode } from '../search/query.js';
import { snippetOf } from '../search/snippets.js';
import { apiRecord, type ResourcePath } from '../urls.js';
import type { Viewer } from '../viewer.js';
import type { ServiceContext } from './context.js';
import { protect } from './protection.js';

/**
 * Above this many matches, ranking them all would keep the searcher waiting (bm25 over 5,000
 * matches takes about 9 ms at a million incidents): newest first instead, and the answer says so.
 */
export const RANKED_MATCHES_LIMIT = 5_000;

export type SearchOrder = 'relevance' | 'newest';

export interface SearchRequest {
  readonly q: string;
  readonly kinds?: readonly SearchKind[];
  readonly filter: IncidentFilter;
  readonly order?: SearchOrder;
  /** Where the previous page ended: an offset when ranked, a document when newest first. */
  readonly cursor?: number;
  readonly limit: number;
  readonly facets?: boolean;
}

const resourceOf: Record<SearchKind, ResourcePath> = {
  incident: 'incidents',
  person: 'persons',
  organisation: 'organisations',
  location: 'locations',
  source: 'sources',
  citation: 'citations',
};

function parsed(q: string): QueryNode {
  try {
    return parseQuery(q);
  } catch (error) {
    if (error instanceof QueryError) throw new ValidationError([{ path: 'q', message: error.message }]);
    throw error;
  }
}

function hitsOf(ctx: ServiceContext, world: SearchWorld, node: QueryNode, docids: readonly number[]) {
  const marked = markedKeys(node);
  const texts = indexedTexts(ctx.db, world, docids);
  return docids.flatMap((docid) => {
    const text = texts.get(docid);
    if (!text) return [];
    const { kind, id } = recordOf(docid);
    return [{ kind, id, title: text.name, snippet: snippetOf(text, marked), href: apiRecord(resourceOf[kind], id) }];
  });
}

export type SearchHit = ReturnType<typeof hitsOf>[number];

function searchUnshielded(ctx: ServiceContext, viewer: Viewer, request: SearchRequest) {
  const node = parsed(request.q);
  const world = worldOf(viewer);
  // Every write brings the index up to date in its own transaction; this only catches a write
  // made by code that bypassed the services.
  if (hasQueued(ctx.db)) ctx.db.transaction(() => syncSearchIndex(ctx));
  const selection: HitSelection = { world, expression: ftsExpression(node), kinds: request.kinds, incidentConditions: incidentConditions(request.filter) };
  const order = request.order ?? (countMatches(ctx.db, selection.world, selection.expression, RANKED_MATCHES_LIMIT + 1) <= RANKED_MATCHES_LIMIT ? 'relevance' : 'newest');
  let docids: number[];
  let next: number | null = null;
  if (order === 'relevance') {
    const offset = request.cursor ?? 0;
    docids = hitsByRelevance(ctx.db, selection, { offset, limit: request.limit + 1 });
    if (docids.length > request.limit) next = offset + request.limit;
  } else {
    docids = hitsByRecency(ctx.db, selection, { beforeDocid: request.cursor, limit: request.limit + 1 });
    if (docids.length > request.limit) next = docids[request.limit - 1]!;
  }
  return {
    order,
    ...(request.order === undefined && order === 'newest'
      ? { orderReason: `more than ${RANKED_MATCHES_LIMIT} records match, too many to rank quickly; newest first (add words to rank by relevance, or ask for order=relevance)` }
      : {}),
    items: hitsOf(ctx, world, node, docids.slice(0, request.limit)),
    next,
    ...(request.facets ? { facets: hitFacets(ctx.db, selection) } : {}),
  };
}

export function search(ctx: ServiceContext, viewer: Viewer, request: SearchRequest) {
  return protect(ctx, viewer, searchUnshielded(ctx, viewer, request));
}

/**
 * Every hit, newest first, in batches, for streaming a whole result as JSON or CSV in constant
 * memory. Each batch is read, shielded and handed over before the next is read.
 */
export async function* allHits(ctx: ServiceContext, viewer: Viewer, request: Omit<SearchRequest, 'order' | 'cursor' | 'limit' | 'facets'>): AsyncGenerator<SearchHit[]> {
  let cursor: number | undefined;
  for (;;) {
    const page = search(ctx, viewer, { ...request, order: 'newest', cursor, limit: 500 });
    if (page.items.length > 0) yield page.items;
    if (page.next === null) return;
    cursor = page.next;
  }
}
