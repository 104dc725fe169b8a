/**
 * The report as Markdown (CommonMark with GFM tables and footnotes), in chunks. Every value from
 * the records is escaped, so a title holding `*`, `[` or `<script>` reads as typed and never as
 * markup when the file is rendered.
 */
import type { Report, ReportIncident, PostAtTheTime } from '../server/services/exports/report.js';
import { citationParts, dateText, mebibytes, methodParagraphs } from './report-text.js';

/** Inline text: markup characters escaped, line breaks folded to spaces. */
export function md(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>#|~&]/g, (c) => `\\${c}`)
    // At the start of a line these would begin a list.
    .replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3')
    .replace(/^(\s*)([-+])(?=\s)/, '$1\\$2');
}

/** A paragraph of free text (a summary): each line escaped, blank lines kept as paragraph breaks. */
function paragraphs(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.split(/\r?\n/).map(md).join(' '))
    .join('\n\n');
}

const notes = (numbers: readonly number[]) => numbers.map((n) => `[^${n}]`).join('');

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n') + '\n\n';
}

function postLine(post: PostAtTheTime, withHolder: boolean): string {
  const holder = withHolder ? `${md(post.person.name)}: ` : '';
  const period = post.period ? ` (${md(post.period)})` : ' (period not recorded)';
  return `${holder}${md(post.role)}, ${md(post.organisation.name)}${period} — **${post.match}**${notes(post.notes)}`;
}

function incidentSection(incident: ReportIncident): string {
  let text = `### ${md(incident.title)}${notes(incident.notes)}\n\n`;
  text += `- **When:** ${md(dateText(incident.date, incident.dateRange))}\n`;
  text += `- **Where:** ${incident.places.length > 0 ? incident.places.map(md).join('; ') : 'not recorded'}\n`;
  text += `- **What:** ${incident.actTypes.map(md).join('; ')}\n`;
  text += `- **Victims:** ${md(incident.victims ?? 'no count documented')}\n`;
  text += `- **Status:** ${md(incident.status.explanation)}\n`;
  text += `- **Record:** incident ${incident.id}\n\n`;
  if (incident.summary) text += `${paragraphs(incident.summary)}\n\n`;
  if (incident.involvements.length > 0) {
    text += '#### Who\n\n';
    for (const involvement of incident.involvements) {
      text += `- ${md(involvement.actor.name)} — ${md(involvement.role)}${involvement.description ? `: ${md(involvement.description)}` : ''}${notes(involvement.notes)}\n`;
    }
    text += '\n';
  }
  if (incident.commandChain.length > 0) {
    text += '#### Command over the units involved\n\n';
    for (const unit of incident.commandChain) {
      text += `- ${md(unit.unit.name)}${unit.level === 'parent unit' ? ' (parent unit, one level up)' : ''}:`;
      text += unit.posts.length === 0 ? ' _no sourced post recorded at the time_\n' : `\n${unit.posts.map((post) => `  - ${postLine(post, true)}\n`).join('')}`;
    }
    text += '\n';
  }
  if (incident.evidenceIds.length > 0) text += `Evidence: ${incident.evidenceIds.map((id) => `evidence ${id}`).join(', ')} (see the annex).\n\n`;
  return text;
}

export function* reportMarkdown(report: Report): Generator<string> {
  yield `# ${md(report.title)}\n\n`;
  yield `- **Profile:** ${report.profile}\n- **Scope:** ${md(report.selection)}\n- **Incidents:** ${report.incidents.length}\n- **Generated:** ${report.generatedAt}\n\n`;
  yield `## Scope and method\n\n${methodParagraphs(report).map(md).join('\n\n')}\n\n`;

  const { figures } = report;
  yield `## Summary figures\n\nCounted over the ${figures.incidents} incidents stated in this report; each is sourced in its own section. Victims documented: **${md(figures.victims.text)}** (${figures.victims.incidentsWithCount} of ${figures.incidents} incidents give a count).\n\n`;
  for (const [title, head, rows] of [
    ['By act type', 'Act type', figures.byActType],
    ['By place', 'Place', figures.byPlace],
    ['By month', 'Month', figures.byMonth],
  ] as const) {
    if (rows.length > 0) yield `### ${title}\n\n${table([head, 'Incidents'], rows.map(([label, count]) => [md(label), String(count)]))}`;
  }
  if (figures.datedLessPrecisely > 0) yield `${figures.datedLessPrecisely} incidents are dated less precisely than a month and are in no month above.\n\n`;

  yield '## Chronology\n\n';
  yield report.incidents.length === 0
    ? '_No incident matches this selection._\n\n'
    : table(['Date', 'Incident'], report.incidents.map((incident) => [md(incident.date), `${md(incident.title)}${notes(incident.notes)}`]));

  yield '## Incidents\n\n';
  if (report.incidents.length === 0) yield '_No incident matches this selection._\n\n';
  for (const incident of report.incidents) yield incidentSection(incident);

  yield '## Official responses\n\n';
  if (report.officialResponses.length === 0) yield '_No official statement or disputing citation is recorded for these incidents._\n\n';
  for (const [index, response] of report.officialResponses.entries()) {
    const parts = citationParts(response);
    const about = response.about.map((entry) => `${md(entry.title)}${notes([entry.note])}`).join('; ');
    yield `${index + 1}. **${md(response.published ?? 'date unknown')}** — ${md(parts.source)}${parts.locator ? `, ${md(parts.locator)}` : ''}${response.quote ? `: “${md(response.quote)}”` : ''}. ${response.stance === 'disputes' ? 'Disputes' : 'Concerns'}: ${about}\n`;
  }
  yield '\n## Persons of interest\n\nPersons named as perpetrator, commander or complicit, and holders of posts over the units involved, with the posts they held at the time of each incident.\n\n';
  if (report.personsOfInterest.length === 0) yield '_None in this selection._\n\n';
  for (const person of report.personsOfInterest) {
    let text = `### ${md(person.name)}\n\n`;
    for (const entry of person.incidents) {
      text += `- ${md(entry.title)} (${md(entry.date)})${entry.roles.map((role) => ` — ${md(role.role)}${notes(role.notes)}`).join('')}`;
      text += entry.posts.length === 0 ? ' — _no sourced post recorded at the time_\n' : `\n${entry.posts.map((post) => `  - ${postLine(post, false)}\n`).join('')}`;
    }
    yield `${text}\n`;
  }

  yield '## Evidence annex\n\n';
  if (report.evidence.length === 0) yield '_No evidence item is linked to these incidents._\n\n';
  for (const item of report.evidence) {
    let text = `### Evidence ${item.id}\n\n- **Description:** ${md(item.description || 'none')}\n- **File:** ${md(item.mediaType)}, ${mebibytes(item.size)}\n- **SHA-256:** \`${item.sha256}\`\n`;
    if (item.safeCopy) text += `- **Metadata-free copy:** \`${item.safeCopy.sha256}\`\n`;
    text += `- **Taken:** ${md(item.takenAt ?? 'no capture time in the file')}\n- **Hints:** ${item.hints.length > 0 ? item.hints.map(md).join('; ') : 'none'}\n- **Incidents:** ${item.incidentIds.map((id) => `incident ${id}`).join(', ')}\n\n`;
    yield text;
  }

  const { visible, restricted } = report.sources;
  yield '## Sources\n\n';
  yield table(
    ['Source', 'Kind', 'Reliability', 'Citations'],
    [
      ...visible.map((source) => [
        `${md(source.title)}${source.publisher ? `, ${md(source.publisher)}` : ''}${source.published ? `, ${md(source.published)}` : ''}${source.url ? ` <${source.url.replace(/[<>\s]/g, encodeURIComponent)}>` : ''}`,
        md(source.kind),
        md(source.reliability),
        String(source.citations),
      ]),
      ...restricted.map((group) => ['Restricted sources (withheld by this profile)', '—', md(group.reliability), String(group.citations)]),
    ],
  );

  yield '## Notes\n\n';
  for (const note of report.footnotes) {
    const citations = note.citations.map((citation, index) => {
      const parts = citationParts(citation);
      const where = parts.locator ? `, ${md(parts.locator)}` : '';
      const quote = parts.quote ? `: “${md(parts.quote)}”` : '';
      const url = parts.url ? ` <${parts.url.replace(/[<>\s]/g, encodeURIComponent)}>` : '';
      return `(${index + 1}) ${md(parts.source)}${url}${where}${quote} — ${md(parts.tail)}.`;
    });
    yield `[^${note.number}]: ${citations.join(' ')}\n`;
  }
  const head = report.auditHead ? `entry ${report.auditHead.id}, \`${report.auditHead.hash}\`` : 'the audit trail is empty';
  yield `\n---\n\nAudit chain head when this report was read: ${head}. The holder of the Casebook instance can check it against its audit trail.\n`;
}
