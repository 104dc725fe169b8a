/** Evidence: the list, an item's page (metadata, hints, custody log), the upload form and the edit form. */
import type { Issue } from '../../errors.js';
import type { custodyOf, getEvidence } from '../../services/evidence.js';
import { apiCollection, pageCollection, pageRecord, withQuery } from '../../urls.js';
import { History, RecordLink } from '../components.js';
import { ErrorSummary, Form, Select, TextArea, type Choice } from '../forms.js';
import { issuesFor, type FormValues } from '../form-values.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import type { HistoryEntry } from '../reads.js';
import { filterValues, ListPage } from './lists.js';

type Item = ReturnType<typeof getEvidence>;

/** Browsers show these; a TIFF or HEIC gets a link instead of a picture. */
export function hasPreview(item: { mediaType: string }): boolean {
  return item.mediaType === 'image/jpeg' || item.mediaType === 'image/png';
}

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

export function EvidenceListPage(props: { page: PageContext; items: readonly Item[]; next: string | null; query: Record<string, string | string[]>; issues: readonly Issue[]; canWrite: boolean; incidents: readonly Choice[] }) {
  const values = filterValues(props.query);
  return (
    <ListPage
      page={props.page}
      title="Evidence"
      path={pageCollection('evidence')}
      newHref={props.canWrite ? `${pageCollection('evidence')}/new` : undefined}
      filters={<Select name="incident" label="Incident" values={values} issues={props.issues} choices={props.incidents} empty="any" />}
      filterFields={['incident']}
      issues={props.issues}
      links={[{ href: withQuery(apiCollection('evidence'), props.query), label: 'JSON' }]}
      query={props.query}
      next={props.next}
      empty={props.items.length === 0}
    >
      <ul class="plain">
        {props.items.map((item) => (
          <li>
            <RecordLink resource="evidence" id={item.id}>
              {item.description || `Evidence ${item.id}`}
            </RecordLink>{' '}
            <span class="muted">
              {item.mediaType} · {size(item.size)}
              {item.derivedFrom && ' · metadata-stripped copy'}
            </span>
            {item.hints.length > 0 && <div class="muted">Hints: {item.hints.join('; ')}</div>}
          </li>
        ))}
      </ul>
    </ListPage>
  );
}

export function EvidencePage(props: { page: PageContext; item: Item; custody: ReturnType<typeof custodyOf> | undefined; history: HistoryEntry[] | undefined; canWrite: boolean }) {
  const { item } = props;
  const capture = item.capture as Item['capture'] & { latitude?: number | null; longitude?: number | null; deviceMake?: string | null; deviceModel?: string | null; software?: string | null };
  return (
    <Layout page={props.page} title={item.description || `Evidence ${item.id}`}>
      <p class="muted">
        <a href={pageCollection('evidence')}>Evidence</a> › item {item.id}
      </p>
      <h1>{item.description || `Evidence ${item.id}`}</h1>
      {props.canWrite && (
        <p class="actions">
          <a href={`${pageRecord('evidence', item.id)}/edit`}>Edit</a>
        </p>
      )}
      {hasPreview(item) && (
        <p>
          <img src={`${pageRecord('evidence', item.id)}/thumbnail`} alt={item.description || `Evidence ${item.id}`} width={480} class="chart" />
        </p>
      )}
      <h2>Hints</h2>
      {item.hints.length === 0 ? <p class="muted">Nothing to check first.</p> : <ul>{item.hints.map((hint) => <li>{hint}</li>)}</ul>}
      <h2>File</h2>
      <dl class="facts">
        <dt>SHA-256</dt>
        <dd class="mono">{item.sha256}</dd>
        <dt>Type and size</dt>
        <dd>
          {item.mediaType}, {size(item.size)}
        </dd>
        {item.originalName && (
          <>
            <dt>Original name</dt>
            <dd>{item.originalName}</dd>
          </>
        )}
        <dt>Protected</dt>
        <dd>{item.protected ? 'yes: only readers cleared for names see it' : 'no'}</dd>
        <dt>Download</dt>
        <dd>
          <a href={`${item.links.file}?reason=${encodeURIComponent('read from its page')}`}>the file</a> (recorded in the chain of custody; readers not cleared for capture details get the metadata-stripped copy)
        </dd>
        {item.derivedFrom && (
          <>
            <dt>Derived from</dt>
            <dd>
              <RecordLink resource="evidence" id={item.derivedFrom.id}>
                evidence {item.derivedFrom.id}
              </RecordLink>{' '}
              ({item.derivedFrom.derivation})
            </dd>
          </>
        )}
        {item.safeCopy && (
          <>
            <dt>Stripped copy</dt>
            <dd>
              <RecordLink resource="evidence" id={item.safeCopy.id}>
                evidence {item.safeCopy.id}
              </RecordLink>
            </dd>
          </>
        )}
      </dl>
      <h2>Capture metadata</h2>
      <dl class="facts">
        <dt>Taken</dt>
        <dd>{capture.takenAt ? `${capture.takenAt}${capture.takenOffset ? ` (${capture.takenOffset})` : ''}` : 'not recorded'}</dd>
        <dt>Size in pixels</dt>
        <dd>{capture.width && capture.height ? `${capture.width} × ${capture.height}` : 'unknown'}</dd>
        {'latitude' in capture && (
          <>
            <dt>GPS</dt>
            <dd>{capture.latitude !== null && capture.longitude !== null ? `${capture.latitude}, ${capture.longitude}` : 'none'}</dd>
            <dt>Device</dt>
            <dd>{[capture.deviceMake, capture.deviceModel].filter(Boolean).join(' ') || 'unknown'}</dd>
            <dt>Software</dt>
            <dd>{capture.software ?? 'none recorded'}</dd>
          </>
        )}
      </dl>
      {item.correction && (
        <p>
          <strong>Correction:</strong> {item.correction}
        </p>
      )}
      <h2>Incidents</h2>
      {item.incidents.length === 0 ? (
        <p class="muted">Not linked to an incident.</p>
      ) : (
        <ul>
          {item.incidents.map((incident) => (
            <li>
              <RecordLink resource="incidents" id={incident.id}>
                {incident.title}
              </RecordLink>
            </li>
          ))}
        </ul>
      )}
      {props.custody && (
        <>
          <h2>Chain of custody</h2>
          <ol>
            {props.custody.map((event) => (
              <li>
                <time datetime={event.at}>{event.at.replace('T', ' ').slice(0, 19)}</time> · {event.actor.name} · {event.action}
              </li>
            ))}
          </ol>
        </>
      )}
      <History entries={props.history} />
    </Layout>
  );
}

const protectionChoices = [
  { value: 'true', label: 'Protected: only readers cleared for names see it' },
  { value: 'false', label: 'Not protected' },
];

export function UploadPage({ page, values, issues, incidents, maxBytes }: { page: PageContext; values: FormValues; issues: readonly Issue[]; incidents: readonly Choice[]; maxBytes: number }) {
  return (
    <Layout page={page} title="Upload evidence" scripts={['upload.js']}>
      <h1>Upload evidence</h1>
      <p>The file is kept exactly as received, stored by its SHA-256; its capture metadata is read, never changed. Uploading the same file twice finds the first.</p>
      <ErrorSummary issues={issues} fields={['file', 'description', 'incident', 'protected']} />
      <Form page={page} action={`${pageCollection('evidence')}/new?_csrf=${encodeURIComponent(page.csrfToken ?? '')}`} submit="Upload" enctype="multipart/form-data">
        <div class="field dropzone" data-dropzone>
          <label for="f-file">File (JPEG, PNG, TIFF, HEIC or any other document; at most {size(maxBytes)})</label>
          <input id="f-file" name="file" type="file" required />
          <p class="hint">You can also drop a file here.</p>
          {issuesFor(issues, 'file').map((issue) => (
            <p class="error">Error: {issue.message}</p>
          ))}
          <progress hidden max={100} value={0} aria-label="Upload progress" />
          <p class="hint" role="status" data-status />
        </div>
        <TextArea name="description" label="Description" values={values} issues={issues} rows={3} />
        <Select name="incident" label="Incidents it documents" values={values} issues={issues} choices={incidents} multiple hint="Hold Ctrl (or Cmd) to choose more than one." />
        <Select name="protected" label="Protection" values={values} issues={issues} choices={protectionChoices} />
      </Form>
    </Layout>
  );
}

export function EvidenceEditPage({ page, id, values, issues, incidents }: { page: PageContext; id: number; values: FormValues; issues: readonly Issue[]; incidents: readonly Choice[] }) {
  return (
    <Layout page={page} title={`Edit evidence ${id}`}>
      <h1>Edit evidence {id}</h1>
      <ErrorSummary issues={issues} fields={['description', 'protected', 'correction', 'linkIncidents']} />
      <Form page={page} action={`${pageRecord('evidence', id)}/edit`} submit="Save">
        <TextArea name="description" label="Description" values={values} issues={issues} rows={3} />
        <Select name="protected" label="Protection" values={values} issues={issues} choices={protectionChoices} />
        <TextArea name="correction" label="Correction of the capture metadata" values={values} issues={issues} rows={3} hint="The metadata itself is never edited; say here what is wrong with it." />
        <Select name="linkIncidents" label="Link to more incidents" values={values} issues={issues} choices={incidents} multiple hint="Links are only ever added; each is a custody event." />
      </Form>
    </Layout>
  );
}
