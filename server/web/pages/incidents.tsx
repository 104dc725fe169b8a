/** The incident list with the API's filters, and the incident page. */
import { corroborations } from '../../../db/queries/status.js';
import type { Issue } from '../../errors.js';
import type { getIncident, listIncidents, summariseIncidentSelection } from '../../services/incidents.js';
import type { listEvidence } from '../../services/evidence.js';
import { API, apiCollection, pageCollection, pageRecord, pages, withQuery } from '../../urls.js';
import { Citations, DataLinks, DateSpan, History, labelOf, Pager, RecordLink, Status } from '../components.js';
import { ErrorSummary, Select, TextField, vocabularyChoices, type Choice } from '../forms.js';
import type { FormValues } from '../form-values.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { HistoryEntry } from '../reads.js';
import { hasPreview } from './evidence.js';

type IncidentItem = ReturnType<typeof listIncidents>[number];

export interface IncidentFilterChoices {
  readonly locations: readonly Choice[];
  readonly organisations: readonly Choice[];
  readonly persons: readonly Choice[];
}

/** The incident list's filters as named in server/schemas/incidents.ts `incidentFilterQuery`; the export form selects with them too. */
export const INCIDENT_FILTER_FIELDS = ['act', 'date', 'location', 'organisation', 'person', 'corroboration', 'disputed'] as const;

export function IncidentFilterFields({ values, issues, choices }: { values: FormValues; issues: readonly Issue[]; choices: IncidentFilterChoices }) {
  const statusChoices = corroborations.map((code) => ({ value: code, label: code.replace('-', ' ') }));
  return (
    <div class="inline">
      <TextField name="date" label="Date (EDTF)" values={values} issues={issues} hint="Overlaps: 2016-12 finds an incident of 15 December." />
      <Select name="act" label="Act types" values={values} issues={issues} choices={vocabularyChoices('actTypes')} multiple />
      <Select name="location" label="Place" values={values} issues={issues} choices={choices.locations} empty="any place" />
      <Select name="organisation" label="Organisation" values={values} issues={issues} choices={choices.organisations} empty="any organisation" />
      <Select name="person" label="Person" values={values} issues={issues} choices={choices.persons} empty="anyone" />
      <Select name="corroboration" label="Corroboration" values={values} issues={issues} choices={statusChoices} empty="any" />
      <Select name="disputed" label="Disputed" values={values} issues={issues} choices={[{ value: 'true', label: 'disputed' }, { value: 'false', label: 'not disputed' }]} empty="either" />
    </div>
  );
}

function FilterForm({ values, issues, choices }: { values: FormValues; issues: readonly Issue[]; choices: IncidentFilterChoices }) {
  return (
    <form method="get" action={pageCollection('incidents')} class="no-print" aria-label="Filter incidents">
      <ErrorSummary issues={issues} fields={INCIDENT_FILTER_FIELDS} heading="Check the filters" />
      <details open={Object.keys(values).length > 0}>
        <summary>Filter</summary>
        <IncidentFilterFields values={values} issues={issues} choices={choices} />
        <p>
          <button type="submit">Apply filters</button> <a href={pageCollection('incidents')}>Clear</a>
        </p>
      </details>
    </form>
  );
}

export function IncidentTable({ items }: { items: readonly IncidentItem[] }) {
  return (
    <div class="scroll">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">Incident</th>
            <th scope="col">When</th>
            <th scope="col">Where</th>
            <th scope="col">Acts</th>
            <th scope="col">Victims</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((incident) => (
            <tr>
              <td>
                <RecordLink resource="incidents" id={incident.id}>
                  {incident.title}
                </RecordLink>
              </td>
              <td data-label="When">
                <code>{incident.date}</code>
              </td>
              <td data-label="Where">{incident.locations.map((place) => place.name).join(', ')}</td>
              <td data-label="Acts">{incident.actTypes.map((act) => labelOf('actTypes', act)).join(', ')}</td>
              <td data-label="Victims">{incident.victims?.text ?? <span class="muted">unknown</span>}</td>
              <td data-label="Status">
                <span class={`status ${incident.status.corroboration}`}>{incident.status.corroboration.replace('-', ' ')}</span>
                {incident.status.disputed && <span class="status disputed"> disputed</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function IncidentListPage(props: {
  page: PageContext;
  items: readonly IncidentItem[];
  next: string | null;
  query: Record<string, string | string[]>;
  issues: readonly Issue[];
  summary: ReturnType<typeof summariseIncidentSelection> | undefined;
  choices: IncidentFilterChoices;
  canWrite: boolean;
  csvProfile: string;
}) {
  const { page, query } = props;
  const filters: FormValues = Object.fromEntries(Object.entries(query).filter(([key]) => key !== 'cursor'));
  return (
    <Layout page={page} title="Incidents">
      <h1>Incidents</h1>
      {props.canWrite && (
        <p class="actions">
          <a class="button" href={`${pageCollection('incidents')}/new`}>
            New incident
          </a>
        </p>
      )}
      <FilterForm values={filters} issues={props.issues} choices={props.choices} />
      {props.summary && (
        <p>
          {props.summary.incidents === 1 ? '1 incident matches' : `${props.summary.incidents} incidents match`}
          {props.summary.incidentsWithVictimCount === 0
            ? '; none has a victim count.'
            : `; victims documented: ${props.summary.victims.text} (in ${props.summary.incidentsWithVictimCount} with a count).`}
        </p>
      )}
      <DataLinks
        links={[
          { href: withQuery(apiCollection('incidents'), query), label: 'JSON (this selection)' },
          { href: `${API}/exports/csv/incidents?profile=${props.csvProfile}`, label: `CSV (all incidents, ${props.csvProfile} profile)` },
          { href: withQuery(pages.timeline, { ...query, cursor: undefined }), label: 'timeline' },
          { href: withQuery(pages.exports, { ...query, cursor: undefined, limit: undefined }), label: 'sourced report or bundle of this selection' },
        ]}
      />
      {props.items.length === 0 ? <p>No incidents match.</p> : <IncidentTable items={props.items} />}
      <Pager path={pageCollection('incidents')} query={query} next={props.next} />
    </Layout>
  );
}

type Incident = ReturnType<typeof getIncident>;
type EvidenceItem = ReturnType<typeof listEvidence>[number];

function citeLink(kind: string, id: number) {
  return `${pageCollection('citations')}/new?claimKind=${kind}&claimId=${id}`;
}

export function IncidentPage({ page, incident, evidence, history, canWrite }: { page: PageContext; incident: Incident; evidence: readonly EvidenceItem[]; history: HistoryEntry[] | undefined; canWrite: boolean }) {
  const supporting = incident.citations.filter((citation) => citation.stance === 'supports');
  const disputing = incident.citations.filter((citation) => citation.stance === 'disputes');
  return (
    <Layout page={page} title={incident.title}>
      <p class="muted">
        <a href={pageCollection('incidents')}>Incidents</a> › incident {incident.id}
      </p>
      <h1>{incident.title}</h1>
      {canWrite && (
        <p class="actions">
          <a href={`${pageRecord('incidents', incident.id)}/edit`}>Edit</a>
          <a href={citeLink('incident', incident.id)}>Cite this</a>
          <a href={`${pageCollection('involvements')}/new?incident=${incident.id}`}>Add a person or organisation</a>
          <a href={`${pageCollection('evidence')}/new?incident=${incident.id}`}>Upload evidence</a>
        </p>
      )}
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <Status status={incident.status} />
        </dd>
        <dt>When</dt>
        <dd>
          <DateSpan edtf={incident.date} range={incident.dateRange} />
        </dd>
        <dt>Where</dt>
        <dd>
          {incident.locations.length === 0
            ? 'not recorded'
            : incident.locations.map((place, index) => (
                <>
                  {index > 0 && ', '}
                  <RecordLink resource="locations" id={place.id}>
                    {place.name}
                  </RecordLink>
                </>
              ))}
        </dd>
        <dt>What</dt>
        <dd>{incident.actTypes.map((act) => labelOf('actTypes', act)).join(', ')}</dd>
        <dt>Victims</dt>
        <dd>{incident.victims?.text ?? 'unknown'}</dd>
      </dl>
      {incident.summary && <p>{incident.summary}</p>}
      <h2>Who</h2>
      {incident.involvements.length === 0 ? (
        <p class="muted">No one recorded yet.</p>
      ) : (
        <ul class="plain">
          {incident.involvements.map((involvement) => (
            <li>
              <RecordLink resource={involvement.actor.kind === 'person' ? 'persons' : 'organisations'} id={involvement.actor.id}>
                {involvement.actor.name}
              </RecordLink>{' '}
              · {labelOf('involvementRoles', involvement.role)} · <Status status={involvement.status} />
              {involvement.description && <div>{involvement.description}</div>}
              {canWrite && (
                <div class="actions">
                  <a href={citeLink('involvement', involvement.id)}>Cite this</a>
                  <a href={`${pageRecord('involvements', involvement.id)}/edit`}>Edit</a>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>Citations</h2>
      <Citations citations={supporting} />
      <h2>Official responses and denials</h2>
      {disputing.length === 0 ? <p class="muted">None recorded.</p> : <Citations citations={disputing} />}
      <h2>Evidence</h2>
      {evidence.length === 0 ? (
        <p class="muted">No evidence linked.</p>
      ) : (
        <div class="thumbs">
          {evidence.map((item) => (
            <figure>
              <a href={pageRecord('evidence', item.id)}>
                {hasPreview(item) ? <img src={`${pageRecord('evidence', item.id)}/thumbnail`} alt={item.description || `Evidence ${item.id}`} loading="lazy" width={192} /> : `${item.mediaType}, no preview`}
              </a>
              <figcaption>
                {item.description || `Evidence ${item.id}`}
                {item.hints.length > 0 && <div class="muted">{item.hints.join('; ')}</div>}
              </figcaption>
            </figure>
          ))}
        </div>
      )}
      <History entries={history} />
    </Layout>
  );
}
