/** Search: one box, results with highlighted snippets, and facets that count and filter. */
import type { Issue } from '../../errors.js';
import { encodeCursor } from '../../schemas/common.js';
import type { search } from '../../services/search.js';
import { API, pageCollection, pages, withQuery, type ResourcePath } from '../../urls.js';
import { DataLinks, labelOf, Snippet } from '../components.js';
import { ErrorSummary, TextField } from '../forms.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { filterValues } from './lists.js';

type Result = ReturnType<typeof search>;
type Query = Record<string, string | string[]>;

const resourceOf: Record<string, ResourcePath> = {
  incident: 'incidents',
  person: 'persons',
  organisation: 'organisations',
  location: 'locations',
  source: 'sources',
  citation: 'citations',
};

/** The same search with one filter set (or cleared), from the first page. */
function refine(query: Query, key: string, value: string | undefined): string {
  return withQuery(pages.search, { ...query, cursor: undefined, order: undefined, [key]: value });
}

function Facet({ title, query, name, rows }: { title: string; query: Query; name: string; rows: readonly { value: string; label: string; hits: number }[] }) {
  if (rows.length === 0) return null;
  const current = query[name];
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {rows.map((row) => (
          <li>
            {current === row.value ? (
              <>
                <strong>{row.label}</strong> ({row.hits}) <a href={refine(query, name, undefined)} aria-label={`Remove the filter ${row.label}`}>×</a>
              </>
            ) : (
              <>
                <a href={refine(query, name, row.value)}>{row.label}</a> ({row.hits})
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export function SearchPage({ page, query, result, issues }: { page: PageContext; query: Query; result: Result | undefined; issues: readonly Issue[] }) {
  const values = filterValues(query);
  const facets = result?.facets;
  const nextLink = result && result.next !== null ? withQuery(pages.search, { ...query, order: result.order, cursor: encodeCursor(result.next) }) : null;
  return (
    <Layout page={page} title={typeof query.q === 'string' ? `Search: ${query.q}` : 'Search'}>
      <h1>Search</h1>
      <form method="get" action={pages.search} role="search">
        <ErrorSummary issues={issues} fields={['q']} heading="Check the search" />
        <div class="inline">
          <TextField name="q" label="Words (Latin or Cyrillic; a name in either script finds both)" type="search" values={values} issues={issues} hint='Several words must all match; "quotes" for a phrase, OR for either, * for a prefix.' />
          {Object.entries(values)
            .filter(([key]) => key !== 'q' && key !== 'order')
            .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((one) => <input type="hidden" name={key} value={one} />))}
          <button type="submit">Search</button>
        </div>
      </form>
      {result && (
        <div class="layout-facets">
          <aside class="facets" aria-label="Narrow the results">
            {facets && (
              <>
                <Facet title="Kind" query={query} name="kind" rows={facets.kinds.map((row) => ({ value: row.kind, label: row.kind, hits: row.hits }))} />
                <Facet title="Act type" query={query} name="act" rows={facets.actTypes.map((row) => ({ value: row.actType, label: labelOf('actTypes', row.actType), hits: row.hits }))} />
                <Facet title="Place" query={query} name="location" rows={facets.places.map((row) => ({ value: String(row.id), label: row.name, hits: row.hits }))} />
                <Facet title="Year" query={query} name="date" rows={facets.years.map((row) => ({ value: row.year, label: row.year, hits: row.hits }))} />
                <Facet
                  title="Status"
                  query={query}
                  name="corroboration"
                  rows={[...new Set(facets.statuses.map((row) => row.corroboration))].map((status) => ({
                    value: status,
                    label: status.replace('-', ' '),
                    hits: facets.statuses.filter((row) => row.corroboration === status).reduce((sum, row) => sum + row.hits, 0),
                  }))}
                />
              </>
            )}
          </aside>
          <section aria-label="Results">
            {result.orderReason && <p class="muted">{result.orderReason}</p>}
            <DataLinks
              links={[
                { href: withQuery(`${API}/search.json`, { ...query, cursor: undefined, order: undefined }), label: 'JSON (all results)' },
                { href: withQuery(`${API}/search.csv`, { ...query, cursor: undefined, order: undefined }), label: 'CSV (all results)' },
              ]}
            />
            {result.items.length === 0 ? (
              <p>Nothing found.</p>
            ) : (
              <ol class="plain">
                {result.items.map((hit) => (
                  <li>
                    <a href={`${pageCollection(resourceOf[hit.kind] ?? 'incidents')}/${hit.id}`}>{hit.title}</a> <span class="muted">{hit.kind}</span>
                    <div>
                      <Snippet parts={hit.snippet} />
                    </div>
                  </li>
                ))}
              </ol>
            )}
            {nextLink && (
              <nav class="pager" aria-label="Pages">
                <a href={nextLink}>Next page</a>
              </nav>
            )}
          </section>
        </div>
      )}
    </Layout>
  );
}
