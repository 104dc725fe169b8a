/** Persons and organisations: lists and pages with alternative names, posts over time, incidents and the command chain. */
import type { listIncidents } from '../../services/incidents.js';
import type { getOrganisation, listOrganisations } from '../../services/organisations.js';
import type { getPerson, listPersons } from '../../services/persons.js';
import type { listPosts } from '../../services/posts.js';
import { apiCollection, pageCollection, pageRecord, withQuery } from '../../urls.js';
import { datingOf, heldAtTheTime } from '../../values/dating.js';
import { DateSpan, History, labelOf, RecordLink, Status } from '../components.js';
import { Select, TextField, vocabularyChoices } from '../forms.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { HistoryEntry } from '../reads.js';
import { IncidentTable } from './incidents.js';
import { filterValues, ListPage, NestedRecordListPage, type RecordListProps } from './lists.js';

type AlternativeNames = ReturnType<typeof getPerson>['alternativeNames'];
type Post = ReturnType<typeof listPosts>[number];
type IncidentItem = ReturnType<typeof listIncidents>[number];

export function AlternativeNameList({ names, canWrite }: { names: AlternativeNames; canWrite: boolean }) {
  if (names.length === 0) return <p class="muted">None recorded.</p>;
  return (
    <ul>
      {names.map((name) => (
        <li>
          <span lang={name.language ?? undefined}>{name.name}</span> <span class="muted">({[labelOf('alternativeNameKinds', name.kind), name.language].filter(Boolean).join(', ')})</span>
          {canWrite && (
            <>
              {' '}
              <a href={`${pageRecord('alternative-names', name.id)}/edit`}>Edit</a> ·{' '}
              <a href={`${pageCollection('citations')}/new?claimKind=alternative-name&claimId=${name.id}`}>Cite this</a>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function PostTable({ posts, show, canWrite }: { posts: readonly Post[]; show: 'person' | 'organisation'; canWrite: boolean }) {
  if (posts.length === 0) return <p class="muted">None recorded.</p>;
  return (
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">{show === 'person' ? 'Person' : 'Organisation'}</th>
          <th scope="col">Role</th>
          <th scope="col">Period</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {posts.map((post) => (
          <tr>
            <td>
              {show === 'person' ? (
                <RecordLink resource="persons" id={post.person.id}>
                  {post.person.name}
                </RecordLink>
              ) : (
                <RecordLink resource="organisations" id={post.organisation.id}>
                  {post.organisation.name}
                </RecordLink>
              )}
            </td>
            <td data-label="Role">{post.role}</td>
            <td data-label="Period">
              <DateSpan edtf={post.period} range={post.periodRange} />
            </td>
            <td data-label="Status">
              <Status status={post.status} />
              {canWrite && (
                <div class="actions">
                  <a href={`${pageCollection('citations')}/new?claimKind=post&claimId=${post.id}`}>Cite this</a>
                  <a href={`${pageRecord('posts', post.id)}/edit`}>Edit</a>
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PersonListPage(props: RecordListProps<ReturnType<typeof listPersons>[number]>) {
  const values = filterValues(props.query);
  return (
    <ListPage
      page={props.page}
      title="Persons"
      path={pageCollection('persons')}
      newHref={props.canWrite ? `${pageCollection('persons')}/new` : undefined}
      filters={
        <>
          <TextField name="name" label="Name, alternative name or pseudonym" type="search" values={values} issues={props.issues} />
          <Select name="protection" label="Protection" values={values} issues={props.issues} choices={vocabularyChoices('protections')} empty="any" />
        </>
      }
      filterFields={['name', 'protection']}
      issues={props.issues}
      links={[{ href: withQuery(apiCollection('persons'), props.query), label: 'JSON' }]}
      query={props.query}
      next={props.next}
      empty={props.items.length === 0}
    >
      <ul class="plain">
        {props.items.map((person) => (
          <li>
            <RecordLink resource="persons" id={person.id}>
              {person.name}
            </RecordLink>{' '}
            <span class="muted">{person.protection === 'protected' ? 'protected' : 'public figure'}</span>
            {person.alternativeNames.length > 0 && <div class="muted">also: {person.alternativeNames.map((name) => name.name).join(', ')}</div>}
          </li>
        ))}
      </ul>
    </ListPage>
  );
}

export function PersonPage({ page, person, incidents, history, canWrite }: { page: PageContext; person: ReturnType<typeof getPerson>; incidents: readonly IncidentItem[]; history: HistoryEntry[] | undefined; canWrite: boolean }) {
  return (
    <Layout page={page} title={person.name}>
      <p class="muted">
        <a href={pageCollection('persons')}>Persons</a> › person {person.id}
      </p>
      <h1>{person.name}</h1>
      {canWrite && (
        <p class="actions">
          <a href={`${pageRecord('persons', person.id)}/edit`}>Edit</a>
          <a href={`${pageCollection('alternative-names')}/new?person=${person.id}`}>Add an alternative name</a>
          <a href={`${pageCollection('posts')}/new?person=${person.id}`}>Add a post</a>
        </p>
      )}
      <dl class="facts">
        <dt>Protection</dt>
        <dd>{labelOf('protections', person.protection)}</dd>
        {person.protection === 'protected' && (
          <>
            <dt>Pseudonym</dt>
            <dd>{person.pseudonym}</dd>
          </>
        )}
      </dl>
      {person.description && <p>{person.description}</p>}
      <h2>Alternative names</h2>
      <AlternativeNameList names={person.alternativeNames} canWrite={canWrite} />
      <h2>Posts over time</h2>
      <PostTable posts={person.posts} show="organisation" canWrite={canWrite} />
      <h2>Incidents</h2>
      <ul class="plain">
        {person.involvements.map((involvement) => {
          const incident = incidents.find((item) => item.id === involvement.incident.id);
          return (
            <li>
              <RecordLink resource="incidents" id={involvement.incident.id}>
                {incident ? incident.title : `Incident ${involvement.incident.id}`}
              </RecordLink>{' '}
              {incident && <code>{incident.date}</code>} · {labelOf('involvementRoles', involvement.role)} · <Status status={involvement.status} />
            </li>
          );
        })}
      </ul>
      {person.involvements.length === 0 && <p class="muted">None recorded.</p>}
      <History entries={history} />
    </Layout>
  );
}

export function OrganisationListPage(props: RecordListProps<ReturnType<typeof listOrganisations>[number]>) {
  return <NestedRecordListPage {...props} resource="organisations" title="Organisations" kinds="organisationKinds" within="part of" />;
}

/** For each incident of the organisation, the posts held in it at the time. */
function CommandChain({ incidents, posts }: { incidents: readonly IncidentItem[]; posts: readonly Post[] }) {
  const rows = incidents.flatMap((incident) =>
    posts.flatMap((post) => {
      const certainty = heldAtTheTime(datingOf(post.period), datingOf(incident.date));
      return certainty ? [{ incident, post, certainty }] : [];
    }),
  );
  if (rows.length === 0) return <p class="muted">No post recorded in this organisation overlaps its incidents.</p>;
  return (
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">Incident</th>
          <th scope="col">Post holder</th>
          <th scope="col">Role and period</th>
          <th scope="col">At the time</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ incident, post, certainty }) => (
          <tr>
            <td>
              <RecordLink resource="incidents" id={incident.id}>
                {incident.title}
              </RecordLink>{' '}
              <code>{incident.date}</code>
            </td>
            <td data-label="Post holder">
              <RecordLink resource="persons" id={post.person.id}>
                {post.person.name}
              </RecordLink>
            </td>
            <td data-label="Role and period">
              {post.role}, <code>{post.period ?? 'period unknown'}</code>
            </td>
            <td data-label="At the time">{certainty}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OrganisationPage(props: {
  page: PageContext;
  organisation: ReturnType<typeof getOrganisation>;
  parts: readonly ReturnType<typeof listOrganisations>[number][];
  posts: readonly Post[];
  incidents: readonly IncidentItem[];
  history: HistoryEntry[] | undefined;
  canWrite: boolean;
}) {
  const { organisation, canWrite } = props;
  return (
    <Layout page={props.page} title={organisation.name}>
      <p class="muted">
        <a href={pageCollection('organisations')}>Organisations</a> › organisation {organisation.id}
      </p>
      <h1>{organisation.name}</h1>
      {canWrite && (
        <p class="actions">
          <a href={`${pageRecord('organisations', organisation.id)}/edit`}>Edit</a>
          <a href={`${pageCollection('alternative-names')}/new?organisation=${organisation.id}`}>Add an alternative name</a>
          <a href={`${pageCollection('posts')}/new?organisation=${organisation.id}`}>Add a post</a>
        </p>
      )}
      <dl class="facts">
        <dt>Kind</dt>
        <dd>{labelOf('organisationKinds', organisation.kind)}</dd>
        <dt>Part of</dt>
        <dd>
          {organisation.parent ? (
            <RecordLink resource="organisations" id={organisation.parent.id}>
              {organisation.parent.name ?? `organisation ${organisation.parent.id}`}
            </RecordLink>
          ) : (
            'nothing recorded'
          )}
        </dd>
      </dl>
      {organisation.description && <p>{organisation.description}</p>}
      <h2>Alternative names</h2>
      <AlternativeNameList names={organisation.alternativeNames} canWrite={canWrite} />
      {props.parts.length > 0 && (
        <>
          <h2>Units within</h2>
          <ul>
            {props.parts.map((part) => (
              <li>
                <RecordLink resource="organisations" id={part.id}>
                  {part.name}
                </RecordLink>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Posts over time</h2>
      <PostTable posts={props.posts} show="person" canWrite={canWrite} />
      <h2>Incidents</h2>
      {props.incidents.length === 0 ? <p class="muted">None recorded.</p> : <IncidentTable items={props.incidents} />}
      <h2>Command chain</h2>
      <p class="muted">Who held a post in this organisation when each of its incidents happened: certain when the post covers the whole date, possible when they only may overlap.</p>
      <CommandChain incidents={props.incidents} posts={props.posts} />
      <History entries={props.history} />
    </Layout>
  );
}
