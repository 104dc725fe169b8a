/** Places and sources: lists and pages. */
import type { listCitations } from '../../services/citations.js';
import type { listIncidents } from '../../services/incidents.js';
import type { getLocation, listLocations } from '../../services/locations.js';
import type { getSource, listSources } from '../../services/sources.js';
import { API, apiCollection, pageCollection, pageRecord, withQuery } from '../../urls.js';
import { Citations, DateSpan, History, labelOf, RecordLink, Status } from '../components.js';
import { Select, vocabularyChoices } from '../forms.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { HistoryEntry } from '../reads.js';
import { IncidentTable } from './incidents.js';
import { filterValues, ListPage, NestedRecordListPage, type RecordListProps } from './lists.js';
import { AlternativeNameList } from './people.js';

type IncidentItem = ReturnType<typeof listIncidents>[number];

export function LocationListPage(props: RecordListProps<ReturnType<typeof listLocations>[number]>) {
  return <NestedRecordListPage {...props} resource="locations" title="Places" kinds="locationKinds" within="in" />;
}

export function LocationPage(props: {
  page: PageContext;
  place: ReturnType<typeof getLocation>;
  within: readonly ReturnType<typeof listLocations>[number][];
  incidents: readonly IncidentItem[];
  history: HistoryEntry[] | undefined;
  canWrite: boolean;
}) {
  const { place, canWrite } = props;
  return (
    <Layout page={props.page} title={place.name}>
      <p class="muted">
        <a href={pageCollection('locations')}>Places</a> › place {place.id}
      </p>
      <h1>{place.name}</h1>
      {canWrite && (
        <p class="actions">
          <a href={`${pageRecord('locations', place.id)}/edit`}>Edit</a>
          <a href={`${pageCollection('alternative-names')}/new?location=${place.id}`}>Add an alternative name</a>
          <a href={`${pageCollection('citations')}/new?claimKind=location&claimId=${place.id}`}>Cite this</a>
        </p>
      )}
      <dl class="facts">
        <dt>Kind</dt>
        <dd>{labelOf('locationKinds', place.kind)}</dd>
        <dt>In</dt>
        <dd>
          {place.parent ? (
            <RecordLink resource="locations" id={place.parent.id}>
              {place.parent.name ?? `place ${place.parent.id}`}
            </RecordLink>
          ) : (
            'nothing recorded'
          )}
        </dd>
        <dt>Point</dt>
        <dd>
          {place.point ? `${place.point.latitude}, ${place.point.longitude} (within ${place.point.precisionMeters} m)` : 'none recorded'}
        </dd>
        <dt>Status</dt>
        <dd>
          <Status status={place.status} />
        </dd>
      </dl>
      {place.description && <p>{place.description}</p>}
      <h2>Alternative names</h2>
      <AlternativeNameList names={place.alternativeNames} canWrite={canWrite} />
      {props.within.length > 0 && (
        <>
          <h2>Places within</h2>
          <ul>
            {props.within.map((inner) => (
              <li>
                <RecordLink resource="locations" id={inner.id}>
                  {inner.name}
                </RecordLink>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Incidents here</h2>
      {props.incidents.length === 0 ? <p class="muted">None recorded.</p> : <IncidentTable items={props.incidents} />}
      <h2>Citations</h2>
      <Citations citations={place.citations} />
      <History entries={props.history} />
    </Layout>
  );
}

export function SourceListPage(props: RecordListProps<ReturnType<typeof listSources>[number]>) {
  const values = filterValues(props.query);
  return (
    <ListPage
      page={props.page}
      title="Sources"
      path={pageCollection('sources')}
      newHref={props.canWrite ? `${pageCollection('sources')}/new` : undefined}
      filters={
        <>
          <Select name="kind" label="Kind" values={values} issues={props.issues} choices={vocabularyChoices('sourceKinds')} empty="any" />
          <Select name="reliability" label="Reliability" values={values} issues={props.issues} choices={vocabularyChoices('reliabilityGrades').map((grade) => ({ value: grade.value, label: `${grade.value}: ${grade.label}` }))} empty="any" />
        </>
      }
      filterFields={['kind', 'reliability']}
      issues={props.issues}
      links={[
        { href: withQuery(apiCollection('sources'), props.query), label: 'JSON' },
        { href: `${API}/exports/csv/sources`, label: 'CSV (all sources, public profile)' },
      ]}
      query={props.query}
      next={props.next}
      empty={props.items.length === 0}
    >
      <div class="scroll">
        <table class="stack">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Kind</th>
              <th scope="col">Publisher</th>
              <th scope="col">Published</th>
              <th scope="col">Reliability</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((source) => (
              <tr>
                <td>
                  <RecordLink resource="sources" id={source.id}>
                    {source.title}
                  </RecordLink>
                  {source.restricted && <span class="muted"> (restricted)</span>}
                </td>
                <td data-label="Kind">{labelOf('sourceKinds', source.kind)}</td>
                <td data-label="Publisher">{source.publisher}</td>
                <td data-label="Published">{source.published && <code>{source.published}</code>}</td>
                <td data-label="Reliability">{source.reliability}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ListPage>
  );
}

export function SourcePage(props: { page: PageContext; source: ReturnType<typeof getSource>; citations: ReturnType<typeof listCitations>; history: HistoryEntry[] | undefined; canWrite: boolean }) {
  const { source } = props;
  return (
    <Layout page={props.page} title={source.title}>
      <p class="muted">
        <a href={pageCollection('sources')}>Sources</a> › source {source.id}
      </p>
      <h1>{source.title}</h1>
      {props.canWrite && (
        <p class="actions">
          <a href={`${pageRecord('sources', source.id)}/edit`}>Edit</a>
        </p>
      )}
      <dl class="facts">
        <dt>Kind</dt>
        <dd>{labelOf('sourceKinds', source.kind)}</dd>
        <dt>Reliability</dt>
        <dd>
          {source.reliability}: {labelOf('reliabilityGrades', source.reliability)}
        </dd>
        {source.restricted && (
          <>
            <dt>Restricted</dt>
            <dd>yes: withheld from journalists and public exports</dd>
          </>
        )}
        <dt>Publisher</dt>
        <dd>{source.publisher ?? '—'}</dd>
        <dt>Author</dt>
        <dd>{source.author ?? '—'}</dd>
        <dt>Published</dt>
        <dd>
          <DateSpan edtf={source.published} range={source.publishedRange} />
        </dd>
        <dt>Language</dt>
        <dd>{source.language ?? '—'}</dd>
        <dt>Address</dt>
        <dd>{source.url ? <a href={source.url} rel="noreferrer noopener">{source.url}</a> : '—'}</dd>
        <dt>Archived copy</dt>
        <dd>{source.archiveUrl ? <a href={source.archiveUrl} rel="noreferrer noopener">{source.archiveUrl}</a> : '—'}</dd>
        {source.repeats !== null && (
          <>
            <dt>Relays</dt>
            <dd>
              <RecordLink resource="sources" id={source.repeats}>
                source {source.repeats}
              </RecordLink>
            </dd>
          </>
        )}
      </dl>
      {source.notes && <p>{source.notes}</p>}
      <h2>What it is cited for</h2>
      <ul class="plain">
        {props.citations.map((citation) => (
          <li>
            <a href={pageRecord('citations', citation.id)}>
              {citation.claim.kind} {citation.claim.id}
            </a>{' '}
            · {labelOf('stances', citation.stance)} · credibility {citation.credibility}
            {citation.quote && <blockquote class="quote">{citation.quote}</blockquote>}
          </li>
        ))}
      </ul>
      {props.citations.length === 0 && <p class="muted">Not cited yet.</p>}
      <History entries={props.history} />
    </Layout>
  );
}
