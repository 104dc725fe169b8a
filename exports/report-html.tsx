/**
 * The report as one self-contained, printable HTML page: styles inline, no scripts, no fonts or
 * images from anywhere. JSX rendered on the server escapes every value, so nothing in the records
 * can become markup. Written a section at a time, so a report over many incidents is never one
 * string in memory.
 */
import { createHash } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import { renderToStaticMarkup } from 'preact-render-to-string';
import type { Footnote, PostAtTheTime, Report, ReportEvidence, ReportIncident, UnitAtTheTime } from '../server/services/exports/report.js';
import { citationParts, dateText, mebibytes, methodParagraphs } from './report-text.js';

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #555d66; --rule: #c9ced4; --accent: #0b4f8a; --warn: #8a3b00; }
* { box-sizing: border-box; }
body { font: 11pt/1.5 "DejaVu Serif", Georgia, "Times New Roman", serif; color: var(--ink); max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4 { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin: 1.8rem 0 .4rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; color: var(--muted); }
a { color: var(--accent); }
sup.fn { font-size: .7em; line-height: 0; }
sup.fn a { text-decoration: none; padding: 0 .1em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95em; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem .25rem 0; border-bottom: 1px solid var(--rule); }
th { font-family: "DejaVu Sans", Arial, sans-serif; font-size: .85em; color: var(--muted); font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .4rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.title-page { border-bottom: 3px double var(--rule); padding-bottom: 1rem; margin-bottom: 1rem; }
.profile { display: inline-block; border: 1px solid var(--warn); color: var(--warn); padding: .05rem .4rem; font: 600 .8rem/1.4 "DejaVu Sans", Arial, sans-serif; text-transform: uppercase; letter-spacing: .05em; }
.status-disputed { color: var(--warn); }
.certain { font-weight: 600; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: .85em; word-break: break-all; }
blockquote { margin: .3rem 0 .3rem 1rem; color: var(--muted); }
ol.footnotes { font-size: .9em; padding-left: 2.5rem; }
ol.footnotes li { margin-bottom: .5rem; }
ol.footnotes ul { padding-left: 1rem; margin: .2rem 0; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: .5rem; font-size: .85em; color: var(--muted); }
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  @page { margin: 18mm 16mm; }
  #incidents, #persons, #evidence, #notes { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  tr, li, blockquote { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  sup.fn a { color: var(--accent); }
}
`;

/**
 * For serving the report: nothing but its own inline style may load, so a page that reached a
 * browser with something unescaped in it still could not run or fetch anything.
 */
export const REPORT_CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'`;

function Notes({ numbers }: { numbers: readonly number[] }) {
  return (
    <>
      {numbers.map((number) => (
        <sup class="fn" key={number}>
          <a href={`#fn-${number}`}>{number}</a>
        </sup>
      ))}
    </>
  );
}

function Facts({ rows }: { rows: readonly (readonly [string, ComponentChildren])[] }) {
  return (
    <dl class="facts">
      {rows.map(([term, value]) => (
        <>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}

function CountTable({ title, head, rows }: { title: string; head: string; rows: readonly (readonly [string, number])[] }) {
  if (rows.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" class="n">Incidents</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, count]) => (
            <tr>
              <td>{label}</td>
              <td class="n">{count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function TitlePage({ report }: { report: Report }) {
  return (
    <header class="title-page">
      <h1>{report.title}</h1>
      <p>
        <span class="profile">{report.profile} profile</span>
      </p>
      <Facts
        rows={[
          ['Scope', report.selection],
          ['Incidents', `${report.incidents.length}`],
          ['Generated', report.generatedAt],
        ]}
      />
      <h2 id="method">Scope and method</h2>
      {methodParagraphs(report).map((paragraph) => (
        <p>{paragraph}</p>
      ))}
    </header>
  );
}

function Figures({ report }: { report: Report }) {
  const { figures } = report;
  return (
    <section aria-labelledby="figures">
      <h2 id="figures">Summary figures</h2>
      <p>
        Counted over the {figures.incidents} incidents stated in this report; each is sourced in its own section. Victims documented:{' '}
        <strong>{figures.victims.text}</strong> ({figures.victims.incidentsWithCount} of {figures.incidents} incidents give a count).
      </p>
      <CountTable title="By act type" head="Act type" rows={figures.byActType} />
      <CountTable title="By place" head="Place" rows={figures.byPlace} />
      <CountTable title="By month" head="Month" rows={figures.byMonth} />
      {figures.datedLessPrecisely > 0 && <p>{figures.datedLessPrecisely} incidents are dated less precisely than a month and are in no month above.</p>}
    </section>
  );
}

function Chronology({ report }: { report: Report }) {
  return (
    <section aria-labelledby="chronology">
      <h2 id="chronology">Chronology</h2>
      {report.incidents.length === 0 ? (
        <p class="empty">No incident matches this selection.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Incident</th>
            </tr>
          </thead>
          <tbody>
            {report.incidents.map((incident) => (
              <tr>
                <td>{incident.date}</td>
                <td>
                  <a href={`#incident-${incident.id}`}>{incident.title}</a>
                  <Notes numbers={incident.notes} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PostLine({ post, withHolder }: { post: PostAtTheTime; withHolder: boolean }) {
  return (
    <li>
      {withHolder && <>{post.person.name}: </>}
      {post.role}, {post.organisation.name}
      {post.period ? ` (${post.period})` : ' (period not recorded)'} — <span class={post.match}>{post.match}</span>
      <Notes numbers={post.notes} />
    </li>
  );
}

function Chain({ chain }: { chain: readonly UnitAtTheTime[] }) {
  if (chain.length === 0) return null;
  return (
    <>
      <h4>Command over the units involved</h4>
      <ul>
        {chain.map((unit) => (
          <li>
            {unit.unit.name}
            {unit.level === 'parent unit' && ' (parent unit, one level up)'}:{' '}
            {unit.posts.length === 0 ? (
              <span class="empty">no sourced post recorded at the time</span>
            ) : (
              <ul>
                {unit.posts.map((post) => (
                  <PostLine post={post} withHolder />
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function IncidentSection({ incident, evidenceById }: { incident: ReportIncident; evidenceById: ReadonlyMap<number, ReportEvidence> }) {
  const evidence = incident.evidenceIds.map((id) => evidenceById.get(id)!);
  return (
    <section id={`incident-${incident.id}`} aria-labelledby={`incident-${incident.id}-title`}>
      <h3 id={`incident-${incident.id}-title`}>
        {incident.title}
        <Notes numbers={incident.notes} />
      </h3>
      <Facts
        rows={[
          ['When', dateText(incident.date, incident.dateRange)],
          ['Where', incident.places.length > 0 ? incident.places.join('; ') : 'not recorded'],
          ['What', incident.actTypes.join('; ')],
          ['Victims', incident.victims ?? 'no count documented'],
          ['Status', <span class={incident.status.disputed ? 'status-disputed' : undefined}>{incident.status.explanation}</span>],
          ['Record', `incident ${incident.id}`],
        ]}
      />
      {incident.summary && <p>{incident.summary}</p>}
      {incident.involvements.length > 0 && (
        <>
          <h4>Who</h4>
          <ul>
            {incident.involvements.map((involvement) => (
              <li>
                {involvement.actor.name} — {involvement.role}
                {involvement.description && <>: {involvement.description}</>}
                <Notes numbers={involvement.notes} />
              </li>
            ))}
          </ul>
        </>
      )}
      <Chain chain={incident.commandChain} />
      {evidence.length > 0 && (
        <>
          <h4>Evidence</h4>
          <ul>
            {evidence.map((item) => (
              <li>
                <a href={`#evidence-${item.id}`}>Evidence {item.id}</a>: {item.description || item.mediaType}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function OfficialResponses({ report }: { report: Report }) {
  return (
    <section aria-labelledby="responses">
      <h2 id="responses">Official responses</h2>
      {report.officialResponses.length === 0 ? (
        <p class="empty">No official statement or disputing citation is recorded for these incidents.</p>
      ) : (
        <ol>
          {report.officialResponses.map((response) => {
            const parts = citationParts(response);
            return (
              <li>
                <strong>{response.published ?? 'date unknown'}</strong> — {parts.source}
                {parts.locator && `, ${parts.locator}`}
                {response.quote && <blockquote>“{response.quote}”</blockquote>}
                <p>
                  {response.stance === 'disputes' ? 'Disputes' : 'Concerns'}:{' '}
                  {response.about.map((about, index) => (
                    <>
                      {index > 0 && '; '}
                      <a href={`#incident-${about.incidentId}`}>{about.title}</a>
                      <Notes numbers={[about.note]} />
                    </>
                  ))}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function PersonsOfInterest({ report }: { report: Report }) {
  return (
    <section aria-labelledby="persons">
      <h2 id="persons">Persons of interest</h2>
      <p>Persons named as perpetrator, commander or complicit, and holders of posts over the units involved, with the posts they held at the time of each incident.</p>
      {report.personsOfInterest.length === 0 && <p class="empty">None in this selection.</p>}
      {report.personsOfInterest.map((person) => (
        <>
          <h3 id={`person-${person.id}`}>{person.name}</h3>
          <ul>
            {person.incidents.map((entry) => (
              <li>
                <a href={`#incident-${entry.incidentId}`}>{entry.title}</a> ({entry.date})
                {entry.roles.map((role) => (
                  <>
                    {' '}
                    — {role.role}
                    <Notes numbers={role.notes} />
                  </>
                ))}
                {entry.posts.length > 0 ? (
                  <ul>
                    {entry.posts.map((post) => (
                      <PostLine post={post} withHolder={false} />
                    ))}
                  </ul>
                ) : (
                  <span class="empty"> — no sourced post recorded at the time</span>
                )}
              </li>
            ))}
          </ul>
        </>
      ))}
    </section>
  );
}

function EvidenceAnnex({ report }: { report: Report }) {
  return (
    <section aria-labelledby="evidence">
      <h2 id="evidence">Evidence annex</h2>
      {report.evidence.length === 0 && <p class="empty">No evidence item is linked to these incidents.</p>}
      {report.evidence.map((item) => (
        <div id={`evidence-${item.id}`}>
          <h3>Evidence {item.id}</h3>
          <Facts
            rows={[
              ['Description', item.description || 'none'],
              ['File', `${item.mediaType}, ${mebibytes(item.size)}`],
              ['SHA-256', <span class="hash">{item.sha256}</span>],
              ...(item.safeCopy ? [['Metadata-free copy', <span class="hash">{item.safeCopy.sha256}</span>] as const] : []),
              ['Taken', item.takenAt ?? 'no capture time in the file'],
              ['Hints', item.hints.length > 0 ? item.hints.join('; ') : 'none'],
              ['Incidents', item.incidentIds.map((id) => `incident ${id}`).join(', ')],
            ]}
          />
        </div>
      ))}
    </section>
  );
}

function Sources({ report }: { report: Report }) {
  const { visible, restricted } = report.sources;
  return (
    <section aria-labelledby="sources">
      <h2 id="sources">Sources</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Kind</th>
            <th scope="col">Reliability</th>
            <th scope="col" class="n">Citations</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((source) => (
            <tr>
              <td>
                {source.title}
                {source.publisher && `, ${source.publisher}`}
                {source.published && `, ${source.published}`}
                {source.url && (
                  <>
                    {' '}
                    <a href={source.url}>{source.url}</a>
                  </>
                )}
              </td>
              <td>{source.kind}</td>
              <td>{source.reliability}</td>
              <td class="n">{source.citations}</td>
            </tr>
          ))}
          {restricted.map((group) => (
            <tr>
              <td>Restricted sources (withheld by this profile)</td>
              <td>—</td>
              <td>{group.reliability}</td>
              <td class="n">{group.citations}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FootnoteItem({ note }: { note: Footnote }) {
  return (
    <li id={`fn-${note.number}`} value={note.number} data-claim={`${note.claim.kind}:${note.claim.id}`} data-citations={note.citations.map((c) => c.citationId).join(' ')}>
      <ul>
        {note.citations.map((citation) => {
          const parts = citationParts(citation);
          return (
            <li>
              {parts.source}
              {parts.url && (
                <>
                  {' '}
                  <a href={parts.url}>{parts.url}</a>
                </>
              )}
              {parts.locator && `, ${parts.locator}`}
              {parts.quote && <>: “{parts.quote}”</>} — {parts.tail}
            </li>
          );
        })}
      </ul>
    </li>
  );
}

const render = (node: ComponentChildren) => renderToStaticMarkup(<>{node}</>);

/** The report's HTML, in chunks. */
export function* reportHtml(report: Report): Generator<string> {
  yield `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`;
  yield render(
    <>
      <title>{report.title}</title>
      <meta name="generator" content="Casebook" />
    </>,
  );
  yield `<style>${STYLE}</style></head><body><main>`;
  yield render(<TitlePage report={report} />);
  yield render(<Figures report={report} />);
  yield render(<Chronology report={report} />);
  yield '<section aria-labelledby="incidents"><h2 id="incidents">Incidents</h2>';
  if (report.incidents.length === 0) yield render(<p class="empty">No incident matches this selection.</p>);
  const evidenceById = new Map(report.evidence.map((item) => [item.id, item]));
  for (const incident of report.incidents) yield render(<IncidentSection incident={incident} evidenceById={evidenceById} />);
  yield '</section>';
  yield render(<OfficialResponses report={report} />);
  yield render(<PersonsOfInterest report={report} />);
  yield render(<EvidenceAnnex report={report} />);
  yield render(<Sources report={report} />);
  yield '<section aria-labelledby="notes"><h2 id="notes">Notes</h2><ol class="footnotes">';
  for (const note of report.footnotes) yield render(<FootnoteItem note={note} />);
  yield '</ol></section>';
  yield render(
    <footer>
      <p>
        Audit chain head when this report was read:{' '}
        {report.auditHead ? (
          <>
            entry {report.auditHead.id}, <span class="hash">{report.auditHead.hash}</span>
          </>
        ) : (
          'the audit trail is empty'
        )}
        . The holder of the Casebook instance can check it against its audit trail.
      </p>
    </footer>,
  );
  yield '</main></body></html>\n';
}
