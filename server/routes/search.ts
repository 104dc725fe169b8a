import { Router, type Response } from 'express';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { searchExportQuery, searchQuery, type SearchExportQuery } from '../schemas/search.js';
import { encodeCursor } from '../schemas/common.js';
import { snippetText } from '../search/snippets.js';
import { incidentFilterOf } from '../services/incidents.js';
import { allHits, search, type SearchRequest } from '../services/search.js';
import { API, withQuery } from '../urls.js';
import { parseQuery, viewerOf, type RouteContext } from './resource.js';

/** Writes with backpressure; false once the client has gone, so the caller stops reading. */
async function send(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  return !res.destroyed;
}

function exportRequest(query: SearchExportQuery): Omit<SearchRequest, 'order' | 'cursor' | 'limit' | 'facets'> {
  return { q: query.q, kinds: query.kind, filter: incidentFilterOf(query) };
}

export function searchRoutes({ ctx }: RouteContext): Router {
  const router = Router();

  router.get('/search', (req, res) => {
    const { limit, cursor, q, kind, order, facets, ...rest } = parseQuery(searchQuery, req);
    const result = search(ctx, viewerOf(res), { q, kinds: kind, filter: incidentFilterOf(rest), order, cursor, limit, facets });
    const next = result.next === null ? null : encodeCursor(result.next);
    const params = { ...(req.query as Record<string, string | string[]>), order: result.order, cursor: next ?? undefined };
    res.json({ ...result, next, links: { next: next ? withQuery(`${API}/search`, params) : null } });
  });

  // Whole results: the first batch is read before anything is sent, so a bad query still gets a
  // problem+json; after that a failure can only cut the stream short.
  router.get('/search.json', async (req, res) => {
    const batches = allHits(ctx, viewerOf(res), exportRequest(parseQuery(searchExportQuery, req)));
    const first = await batches.next();
    res.type('application/json');
    if (!(await send(res, '['))) return;
    let written = 0;
    for (let batch = first; !batch.done; batch = await batches.next()) {
      const text = batch.value.map((hit) => (written++ === 0 ? '\n' : ',\n') + JSON.stringify(hit)).join('');
      if (!(await send(res, text))) return;
    }
    res.end('\n]\n');
  });

  router.get('/search.csv', async (req, res) => {
    const batches = allHits(ctx, viewerOf(res), exportRequest(parseQuery(searchExportQuery, req)));
    const first = await batches.next();
    res.type('text/csv; charset=utf-8').attachment('search.csv');
    // escape_formulas: a cell starting with = + - @ would be a formula in a spreadsheet.
    const csv = stringify({ bom: true, header: true, columns: ['kind', 'id', 'title', 'snippet', 'url'], escape_formulas: true });
    csv.pipe(res);
    for (let batch = first; !batch.done; batch = await batches.next()) {
      for (const hit of batch.value) {
        if (!csv.write([hit.kind, hit.id, hit.title, snippetText(hit.snippet), hit.href])) await Promise.race([once(csv, 'drain'), once(res, 'close')]);
        if (res.destroyed) return;
      }
    }
    csv.end();
  });

  return router;
}
