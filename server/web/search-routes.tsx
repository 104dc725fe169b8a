/** The search page, on the API's search service and schema, facets always on. */
import { Router } from 'express';
import { incidentFilterOf } from '../services/incidents.js';
import { viewerOf, type RouteContext } from '../routes/resource.js';
import { searchQuery } from '../schemas/search.js';
import { search } from '../services/search.js';
import { pages } from '../urls.js';
import { ValidationError } from '../errors.js';
import { pageContext } from './page-context.js';
import { SearchPage } from './pages/search.js';
import { filledQuery, parseListQuery } from './reads.js';
import { sendHtml } from './render.js';

export function searchPages({ ctx }: RouteContext): Router {
  const router = Router();
  router.get(pages.search, (req, res) => {
    const query = filledQuery(req);
    if (query.q === undefined) {
      sendHtml(res, <SearchPage page={pageContext(req, res)} query={query} result={undefined} issues={[]} />);
      return;
    }
    const { query: parsed, issues } = parseListQuery(searchQuery, query);
    let result;
    let problems = issues;
    if (parsed) {
      const { limit, cursor, q, kind, order, facets: _facets, ...rest } = parsed;
      try {
        result = search(ctx, viewerOf(res), { q, kinds: kind, filter: incidentFilterOf(rest), order, cursor, limit, facets: true });
      } catch (error) {
        // The query's own syntax (an unclosed quote) is refused by the service, not the schema.
        if (!(error instanceof ValidationError)) throw error;
        problems = error.issues;
      }
    }
    sendHtml(res, <SearchPage page={pageContext(req, res)} query={query} result={result} issues={problems} />, problems.length ? 400 : 200);
  });
  return router;
}
