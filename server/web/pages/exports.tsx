/** The export page: a form that builds a sourced report or a bundle over a selection, and links to the data exports, per profile. */
import type { Issue } from '../../errors.js';
import { API, pages, withQuery } from '../../urls.js';
import type { ExportProfile } from '../../viewer.js';
import { ErrorSummary, Radios, Select, TextField, type Choice } from '../forms.js';
import { one, type FormValues } from '../form-values.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { INCIDENT_FILTER_FIELDS, IncidentFilterFields, type IncidentFilterChoices } from './incidents.js';

const profileNotes: Record<ExportProfile, string> = {
  internal: 'everything, names and restricted sources included: for the team only',
  partner: 'restricted sources and capture details kept, protected names replaced by pseudonyms',
  public: 'pseudonyms, no restricted sources, places tied to protected persons coarsened',
};

/** The profile a form starts with: the one that gives away least. */
const DEFAULT_PROFILE: ExportProfile = 'public';

export interface ExportChoices extends IncidentFilterChoices {
  readonly incidents: readonly Choice[];
}

export interface ExportsPageProps {
  readonly page: PageContext;
  readonly profiles: readonly ExportProfile[];
  readonly kinds: readonly string[];
  /** What the form was sent with (empty fields left out): the selection and the profile. */
  readonly values: FormValues;
  readonly issues: readonly Issue[];
  readonly choices: ExportChoices;
}

function SelectionForm({ profiles, values, issues, choices }: Omit<ExportsPageProps, 'page' | 'kinds'>) {
  const profile = one(values, 'profile') || DEFAULT_PROFILE;
  return (
    // GET like the data links: an export only reads (and leaves an audit entry); the session cookie is SameSite=Strict, so no other site can make a browser send one.
    <form method="get" action={pages.exportReport} class="no-print" aria-label="Build a sourced report or a bundle" novalidate>
      <ErrorSummary issues={issues} fields={['profile', 'q', 'incident', ...INCIDENT_FILTER_FIELDS]} heading="Check the selection" />
      <Radios name="profile" label="Profile" values={{ profile }} issues={issues} choices={profiles.map((code) => ({ value: code, label: `${code}: ${profileNotes[code]}` }))} />
      <fieldset>
        <legend>Selection</legend>
        <p class="hint">Every field you fill must hold; leave them all empty to export every incident the profile may show.</p>
        <TextField name="q" type="search" label="Words (as on the search page)" values={values} issues={issues} hint={'Дауд* is a prefix, "secret prison" a phrase; any spelling or script.'} />
        <IncidentFilterFields values={values} issues={issues} choices={choices} />
        <Select name="incident" label="Only these incidents" values={values} issues={issues} choices={choices.incidents} multiple hint="Hold Ctrl (⌘ on a Mac) to choose several." />
      </fieldset>
      <p class="actions">
        <button type="submit" name="format" value="html">
          Open the printable report
        </button>{' '}
        <button type="submit" name="format" value="md" class="secondary">
          Download the report (Markdown)
        </button>{' '}
        <button type="submit" formaction={pages.exportBundle} class="secondary">
          Download the bundle (ZIP)
        </button>
      </p>
    </form>
  );
}

/** The report of what the page was opened with (the incident list links here with its filters), to read or print in the browser. */
function printableLink(values: FormValues): string {
  const { format: _format, ...selection } = values;
  return withQuery(`${API}/exports/report`, { profile: DEFAULT_PROFILE, ...selection, format: 'html' });
}

export function ExportsPage({ page, profiles, kinds, values, issues, choices }: ExportsPageProps) {
  const selected = Object.keys(values).some((key) => key !== 'profile' && key !== 'format');
  return (
    <Layout page={page} title="Exports">
      <h1>Exports</h1>
      <p>Each export is written with a profile, which decides what leaves Casebook, and is recorded in the audit trail. A non-internal export says what it withheld.</p>
      <section aria-labelledby="build">
        <h2 id="build">A sourced report or a bundle</h2>
        <p>
          The <strong>report</strong> covers the selection: scope and method, summary figures, chronology, one section per incident with footnotes to its sources, persons of interest with
          their posts at the time, an evidence annex with hashes and the list of sources with their grades. It opens in the browser, ready to print. The <strong>bundle</strong> is one ZIP laid
          out as a BagIt bag: the report, the data, the evidence files and SHA-256 manifests, with a page that verifies them offline.
        </p>
        <SelectionForm profiles={profiles} values={values} issues={issues} choices={choices} />
        {issues.length === 0 && (
          <p>
            <a href={printableLink(values)}>{selected ? 'Printable report of this selection' : 'Printable report of every incident'}</a> ({one(values, 'profile') || DEFAULT_PROFILE} profile)
          </p>
        )}
      </section>
      {profiles.map((profile) => (
        <section aria-labelledby={`profile-${profile}`}>
          <h2 id={`profile-${profile}`}>
            Data, profile {profile}: <span class="muted">{profileNotes[profile]}</span>
          </h2>
          <ul>
            {kinds.map((kind) => (
              <li>
                <a href={`${API}/exports/csv/${kind}?profile=${profile}`}>{kind} (CSV)</a>
              </li>
            ))}
            <li>
              <a href={`${API}/exports/incidents.geojson?profile=${profile}`}>incidents at their places (GeoJSON)</a>
            </li>
            {profile !== 'internal' && (
              <li>
                <a href={`${API}/exports/withheld.json?profile=${profile}`}>what this profile withholds (JSON)</a>
              </li>
            )}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
