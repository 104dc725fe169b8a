/** Links to the data exports a viewer may make, per profile. */
import { API } from '../../urls.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

const profileNotes: Record<string, string> = {
  internal: 'everything, names and restricted sources included: for the team only',
  partner: 'restricted sources and capture details kept, protected names replaced by pseudonyms',
  public: 'pseudonyms, no restricted sources, places tied to protected persons coarsened',
};

export function ExportsPage({ page, profiles, kinds }: { page: PageContext; profiles: readonly string[]; kinds: readonly string[] }) {
  return (
    <Layout page={page} title="Exports">
      <h1>Exports</h1>
      <p>Each export is written with a profile, which decides what leaves Casebook, and is recorded in the audit trail. A non-internal export says what it withheld.</p>
      {profiles.map((profile) => (
        <section aria-labelledby={`profile-${profile}`}>
          <h2 id={`profile-${profile}`}>
            Profile {profile}: <span class="muted">{profileNotes[profile]}</span>
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
