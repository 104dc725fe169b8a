/**
 * Full-text search over incidents, persons, organisations, places, sources and quotes, in the
 * world the viewer belongs to (server/search/documents.ts): a viewer who may not see protected
 * names searches an index in which they were never words, so a real name finds nothing, shows in
 * no snippet and changes no count.
 */
import { incidentConditions, type IncidentFilter } from '../../db/queries/incidents.js';
import {
  docidOf,
  documentFrequency,
  hasQueued,
  hitFacets,
  hitsByRecency,
  hitsByRelevance,
  recordOf,
  type HitSelection,
  type SearchKind,
  type SearchWorld,
} from '../../db/queries/search.js';
import { ValidationError } from '../errors.js';
import { worldDocuments, worldOf, type SearchDocument } from '../search/documents.js';
import { syncSearchIndex } from '../search/indexer.js';
import { ftsExpression, markedKeys, parseQuery, QueryError, type QueryNode } from '../search/query.js';
import { snippetOf } from '../search/snippets.js';
import { apiRecord, type ResourcePath } from '../urls.js';
import type { Viewer } from '../viewer.js';
import type { ServiceContext } from './context.js';
import { protect } from './protection.js';

/** Above this many likely matches, ranking them all would keep the searcher waiting: newest first instead. */
export const RANKED_MATCHES_LIMIT = 20_000;

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

/** An upper bound on the number of matches, from how many documents hold each word. */
function estimateMatches(ctx: ServiceContext, world: SearchWorld, node: QueryNode): number {
  switch (node.type) {
    case 'words':
      return Math.min(...node.keys.map((key, index) => documentFrequency(ctx.db, world, key, node.prefix && index === node.keys.length - 1)));
    case 'and':
      return Math.min(...node.children.map((child) => estimateMatches(ctx, world, child)));
    case 'or':
      return node.children.reduce((sum, child) => sum + estimateMatches(ctx, world, child), 0);
    case 'not':
      return estimateMatches(ctx, world, node.keep);
  }
}

function hitsOf(ctx: ServiceContext, world: SearchWorld, node: QueryNode, docids: readonly number[]) {
  const marked = markedKeys(node);
  const byKind = new Map<SearchKind, number[]>();
  for (const docid of docids) {
    const { kind, id } = recordOf(docid);
    byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
  }
  const documents = new Map<number, SearchDocument>();
  for (const [kind, ids] of byKind) {
    for (const document of worldDocuments(ctx, world, kind, ids)) documents.set(docidOf(kind, document.id), document);
  }
  return docids.flatMap((docid) => {
    const document = documents.get(docid);
    if (!document) return [];
    const { kind, id } = recordOf(docid);
    return [{ kind, id, title: document.name, snippet: snippetOf(document, marked), href: apiRecord(resourceOf[kind], id) }];
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
  const estimate = estimateMatches(ctx, world, node);
  const order = request.order ?? (estimate <= RANKED_MATCHES_LIMIT ? 'relevance' : 'newest');
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
      ? { orderReason: `more than ${RANKED_MATCHES_LIMIT} records may match, too many to rank; newest first (add words or filters to rank by relevance)` }
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
