/**
 * The sourced report over a selection, as data: everything the HTML and Markdown writers
 * (exports/report-*.ts) print, already read through the services with the profile's viewer, so
 * pseudonyms, restricted sources and hidden capture details are settled before a writer sees it.
 *
 * Every statement carries the numbers of its footnotes; a claim with no citation at all is not
 * stated, and the scope says how many were left out for that reason.
 */
import { auditHead } from '../../../db/queries/audit.js';
import { vocabularies } from '../../../db/vocabularies.js';
import type { CountRange } from '../../values/count-range.js';
import { AppError } from '../../errors.js';
import type { SelectionQuery } from '../../schemas/exports.js';
import { canExportWith, type ExportProfile, type Viewer } from '../../viewer.js';
import { recordEvent } from '../audit.js';
import { timestamp, type ServiceContext } from '../context.js';
import { listEvidence } from '../evidence.js';
import { getIncident } from '../incidents.js';
import { ACCOUNTABLE_ROLES, CommandChains, type PostAtTheTime, type UnitAtTheTime } from './command-chain.js';
import { Footnotes, type CitedSource, type Footnote, type FootnoteCitation } from './footnotes.js';
import { everyRecord } from './records.js';
import { summaryFigures, type SummaryFigures } from './report-figures.js';
import { resolveSelection } from './selection.js';
import { openSnapshot } from './snapshot.js';

export type { CitedSource, Footnote, FootnoteCitation } from './footnotes.js';
export type { PostAtTheTime, UnitAtTheTime } from './command-chain.js';
export type { SummaryFigures } from './report-figures.js';

const labels = (terms: readonly { code: string; label: string }[]) => new Map(terms.map((term) => [term.code, term.label]));
const actTypeLabel = labels(vocabularies.actTypes);
const roleLabel = labels(vocabularies.involvementRoles);

export interface ReportInvolvement {
  readonly actor: { readonly kind: 'person' | 'organisation'; readonly id: number; readonly name: string };
  readonly role: string;
  readonly description: string;
  readonly notes: readonly number[];
}

export interface ReportEvidence {
  readonly id: number;
  readonly sha256: string;
  readonly mediaType: string;
  readonly size: number;
  readonly description: string;
  readonly takenAt: string | null;
  /** The metadata-free copy, where one has been made. */
  readonly safeCopy: { readonly sha256: string; readonly size: number } | null;
  readonly hints: readonly string[];
  readonly incidentIds: readonly number[];
}

export interface ReportIncident {
  readonly id: number;
  readonly title: string;
  readonly summary: string;
  readonly date: string;
  readonly dateRange: { readonly earliest: string | null; readonly latest: string | null };
  readonly actTypes: readonly string[];
  readonly places: readonly string[];
  readonly victims: string | null;
  readonly status: { readonly corroboration: string; readonly disputed: boolean; readonly explanation: string };
  readonly notes: readonly number[];
  readonly involvements: readonly ReportInvolvement[];
  readonly commandChain: readonly UnitAtTheTime[];
  readonly evidenceIds: readonly number[];
}

/** One statement (a citation as its footnotes show it), with what it responds to. */
export interface OfficialResponse extends Omit<FootnoteCitation, 'citationId'> {
  /** When the source was published, as recorded (EDTF); null when unknown. */
  readonly published: string | null;
  /** What it responds to: incident titles, with the footnote that cites it there. */
  readonly about: readonly { readonly incidentId: number; readonly title: string; readonly note: number }[];
}

export interface PersonOfInterest {
  readonly id: number;
  readonly name: string;
  readonly incidents: readonly {
    readonly incidentId: number;
    readonly title: string;
    readonly date: string;
    readonly roles: readonly { readonly role: string; readonly notes: readonly number[] }[];
    readonly posts: readonly PostAtTheTime[];
  }[];
}

export interface ReportSources {
  readonly visible: readonly (CitedSource & { readonly citations: number })[];
  /** Restricted sources this profile may not show: how many, by reliability grade. */
  readonly restricted: readonly { readonly reliability: string; readonly citations: number }[];
}

export interface Report {
  readonly title: string;
  readonly profile: ExportProfile;
  readonly generatedAt: string;
  readonly selection: string;
  readonly figures: SummaryFigures;
  /** In time order: the chronology and the incident sections follow it. */
  readonly incidents: readonly ReportIncident[];
  readonly officialResponses: readonly OfficialResponse[];
  readonly personsOfInterest: readonly PersonOfInterest[];
  readonly evidence: readonly ReportEvidence[];
  readonly sources: ReportSources;
  readonly footnotes: readonly Footnote[];
  /** Statements not made for want of any citation. */
  readonly leftOut: { readonly incidents: number; readonly involvements: number; readonly posts: number };
  /** The audit chain's head when the report was read (its own export entry). */
  readonly auditHead: { readonly id: number; readonly hash: string } | null;
}

export interface ReportOptions {
  readonly profile: ExportProfile;
  readonly selection: SelectionQuery;
  readonly title?: string;
  /** Called as incidents are read, for progress bars. */
  readonly onIncidentRead?: (done: number, total: number) => void;
}

type Dated = { readonly id: number; readonly dateRange: ReportIncident['dateRange'] };
// Code-point order: ISO days sort as text, and an open end (null) after every day. (localeCompare
// would put punctuation before digits.)
const compareDays = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byTime = (a: Dated, b: Dated) =>
  compareDays(a.dateRange.earliest ?? '', b.dateRange.earliest ?? '') || compareDays(a.dateRange.latest ?? '~', b.dateRange.latest ?? '~') || a.id - b.id;

/**
 * Builds the report for `requester` with `options.profile` (403 for a profile the requester may
 * not use), recording the export in the audit trail first, then reading one snapshot.
 */
export async function buildReport(ctx: ServiceContext, requester: Viewer, options: ReportOptions): Promise<Report> {
  const { profile } = options;
  if (!canExportWith(requester, profile)) {
    throw new AppError(403, 'forbidden', 'Forbidden', `Your role may export only with the public profile, not ${profile}.`);
  }
  const viewer: Viewer = { kind: 'export', profile };
  // Resolved once before anything is recorded, so an unknown id is a 404 with no audit entry.
  const described = await resolveSelection(ctx, viewer, options.selection);
  recordEvent(ctx, requester, { action: 'export', kind: 'incidents', id: null, details: { format: 'report', profile, selection: described.description } });
  const snapshot = openSnapshot(ctx.db);
  try {
    return await reportOf({ db: snapshot.db, now: ctx.now }, profile, options);
  } finally {
    snapshot.close();
  }
}

/** The report as read on `reading` (a snapshot the caller holds and has audited, as a bundle does). */
export async function reportOf(reading: ServiceContext, profile: ExportProfile, options: Omit<ReportOptions, 'profile'>): Promise<Report> {
  const viewer: Viewer = { kind: 'export', profile };
  const selection = await resolveSelection(reading, viewer, options.selection);
  return assemble(reading, viewer, { ...options, profile }, selection.incidentIds, selection.description);
}

function assemble(ctx: ServiceContext, viewer: Viewer, options: ReportOptions, incidentIds: readonly number[], selection: string): Report {
  const footnotes = new Footnotes(ctx, viewer);
  const chains = new CommandChains(ctx, viewer, footnotes);
  const leftOut = { incidents: 0, involvements: 0 };
  const evidence = new Map<number, ReportEvidence>();
  const people = new Map<number, { name: string; incidents: Map<number, { roles: { role: string; notes: number[] }[] }> }>();
  const stated: ReportIncident[] = [];
  const victims = new Map<number, CountRange>();
  /** The incident each incident or involvement footnote belongs to. */
  const incidentOfNote = new Map<number, number>();

  const personEntry = (person: { id: number; name: string }) => {
    let entry = people.get(person.id);
    if (!entry) people.set(person.id, (entry = { name: person.name, incidents: new Map() }));
    return entry;
  };

  // Read in time order so footnotes number in the order the report states the incidents.
  const incidents = incidentIds.map((id, index) => {
    options.onIncidentRead?.(index + 1, incidentIds.length);
    return getIncident(ctx, viewer, id);
  });
  incidents.sort(byTime);
  for (const incident of incidents) {
    const notes = footnotes.cite('incident', incident.id, incident.citations);
    if (notes.length === 0) {
      leftOut.incidents++;
      continue;
    }
    incidentOfNote.set(notes[0]!, incident.id);
    if (incident.victims) victims.set(incident.id, { min: incident.victims.min, max: incident.victims.max });
    const involvements: ReportInvolvement[] = [];
    const units: { id: number; name: string }[] = [];
    for (const involvement of incident.involvements) {
      const involvementNotes = footnotes.cite('involvement', involvement.id);
      if (involvementNotes.length === 0) {
        leftOut.involvements++;
        continue;
      }
      incidentOfNote.set(involvementNotes[0]!, incident.id);
      const { actor } = involvement;
      involvements.push({ actor: { kind: actor.kind, id: actor.id, name: actor.name }, role: roleLabel.get(involvement.role) ?? involvement.role, description: involvement.description, notes: involvementNotes });
      if (!ACCOUNTABLE_ROLES.has(involvement.role)) continue;
      if (actor.kind === 'organisation') units.push({ id: actor.id, name: actor.name });
      else {
        const entry = personEntry(actor).incidents;
        const roles = entry.get(incident.id)?.roles ?? [];
        roles.push({ role: roleLabel.get(involvement.role) ?? involvement.role, notes: involvementNotes });
        entry.set(incident.id, { roles });
      }
    }
    const commandChain = chains.unitsAtTheTime(units, incident.date);
    for (const post of commandChain.flatMap((unit) => unit.posts)) {
      const entry = personEntry(post.person).incidents;
      if (!entry.has(incident.id)) entry.set(incident.id, { roles: [] });
    }
    const evidenceIds: number[] = [];
    for (const item of everyRecord((page) => listEvidence(ctx, viewer, { incidentId: incident.id }, page))) {
      evidenceIds.push(item.id);
      const known = evidence.get(item.id);
      if (known) {
        evidence.set(item.id, { ...known, incidentIds: [...known.incidentIds, incident.id] });
        continue;
      }
      evidence.set(item.id, {
        id: item.id,
        sha256: item.sha256,
        mediaType: item.mediaType,
        size: item.size,
        description: item.description,
        takenAt: item.capture.takenAt,
        safeCopy: item.safeCopy && { sha256: item.safeCopy.sha256, size: item.safeCopy.size },
        hints: item.hints,
        incidentIds: [incident.id],
      });
    }
    stated.push({
      id: incident.id,
      title: incident.title,
      summary: incident.summary,
      date: incident.date,
      dateRange: incident.dateRange,
      actTypes: incident.actTypes.map((code) => actTypeLabel.get(code) ?? code),
      places: incident.locations.map((place) => place.name),
      victims: incident.victims?.text ?? null,
      status: { corroboration: incident.status.corroboration, disputed: incident.status.disputed, explanation: incident.status.explanation },
      notes,
      involvements,
      commandChain,
      evidenceIds,
    });
  }

  const byId = new Map(stated.map((incident) => [incident.id, incident]));
  const personsOfInterest: PersonOfInterest[] = [...people]
    .map(([id, person]) => ({
      id,
      name: person.name,
      incidents: [...person.incidents].map(([incidentId, { roles }]) => {
        const incident = byId.get(incidentId)!;
        return { incidentId, title: incident.title, date: incident.date, roles, posts: chains.postsOfPersonAtTheTime(id, incident.date) };
      }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return {
    title: options.title ?? 'Casebook report',
    profile: options.profile,
    generatedAt: timestamp(ctx),
    selection,
    figures: summaryFigures(stated.map((incident) => ({ ...incident, victims: victims.get(incident.id) ?? null }))),
    incidents: stated,
    officialResponses: officialResponses(footnotes.list, (note) => byId.get(incidentOfNote.get(note.number)!)),
    personsOfInterest,
    evidence: [...evidence.values()],
    sources: sourcesOf(footnotes.list),
    footnotes: footnotes.list,
    leftOut: { ...leftOut, posts: chains.uncitedPosts.size },
    auditHead: auditHead(ctx.db) ?? null,
  };
}

/**
 * Denials and other official statements: every disputing citation, and every citation of an
 * official statement, one entry per statement (same source, locator and quote), in date order.
 */
function officialResponses(notes: readonly Footnote[], incidentOf: (note: Footnote) => ReportIncident | undefined): OfficialResponse[] {
  const responses = new Map<string, OfficialResponse & { about: { incidentId: number; title: string; note: number }[] }>();
  for (const note of notes) {
    const incident = incidentOf(note);
    if (!incident) continue;
    for (const citation of note.citations) {
      if (citation.stance !== 'disputes' && citation.source?.kind !== 'Official statement') continue;
      const key = JSON.stringify([citation.source?.id ?? `restricted ${citation.citationId}`, citation.locator, citation.quote, citation.stance]);
      let response = responses.get(key);
      if (!response) {
        response = { published: citation.source?.published ?? null, source: citation.source, reliability: citation.reliability, locator: citation.locator, quote: citation.quote, stance: citation.stance, credibility: citation.credibility, about: [] };
        responses.set(key, response);
      }
      if (!response.about.some((entry) => entry.incidentId === incident.id)) response.about.push({ incidentId: incident.id, title: incident.title, note: note.number });
    }
  }
  const from = (response: OfficialResponse) => response.source?.publishedFrom ?? '~';
  return [...responses.values()].sort((a, b) => compareDays(from(a), from(b)));
}

function sourcesOf(notes: readonly Footnote[]): ReportSources {
  const visible = new Map<number, CitedSource & { citations: number }>();
  const restricted = new Map<string, number>();
  for (const citation of notes.flatMap((note) => note.citations)) {
    if (citation.source) {
      const known = visible.get(citation.source.id);
      visible.set(citation.source.id, { ...citation.source, citations: (known?.citations ?? 0) + 1 });
    } else restricted.set(citation.reliability, (restricted.get(citation.reliability) ?? 0) + 1);
  }
  return {
    visible: [...visible.values()].sort((a, b) => a.title.localeCompare(b.title)),
    restricted: [...restricted].sort().map(([reliability, citations]) => ({ reliability, citations })),
  };
}
