/**
 * Reads the pages share, all through the services with the page's viewer: one page of a list,
 * the choices of a select, a record's history.
 */
import type { Request } from 'express';
import { ValidationError } from '../errors.js';
import { encodeCursor, parseOrThrow } from '../schemas/common.js';
import { listAuditEntries } from '../services/audit.js';
import type { ServiceContext } from '../services/context.js';
import { listIncidents } from '../services/incidents.js';
import { listLocations } from '../services/locations.js';
import { listOrganisations } from '../services/organisations.js';
import { listPersons } from '../services/persons.js';
import { listSources } from '../services/sources.js';
import type { ResourcePath } from '../urls.js';
import { canReadHistory, type Viewer } from '../viewer.js';
import type { z } from 'zod';
import type { Choice } from './forms.js';

/** A query string without its empty fields: a filter form sends `date=` for a filter left blank. */
export function filledQuery(req: Request): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(req.query as Record<string, unknown>)) {
    if (typeof value === 'string' && value.trim() !== '') query[key] = value;
    else if (Array.isArray(value)) {
      const filled = value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
      if (filled.length > 0) query[key] = filled;
    }
  }
  return query;
}

/** A list's query parsed with the API's own schema; a bad filter comes back as issues for the filter form, not as an error page. */
export function parseListQuery<S extends z.ZodType>(schema: S, query: Record<string, string | string[]>): { query: z.output<S> | undefined; issues: ValidationError['issues'] } {
  try {
    return { query: parseOrThrow(schema, query), issues: [] };
  } catch (error) {
    if (error instanceof ValidationError) return { query: undefined, issues: error.issues };
    throw error;
  }
}

export interface ListPage<T> {
  readonly items: T[];
  readonly next: string | null;
}

/** One page of a list fetched with one item more than shown, as the API's lists are. */
export function onePage<T extends { id: number }>(fetch: (page: { afterId?: number; limit: number }) => T[], cursor: number | undefined, limit: number): ListPage<T> {
  const items = fetch({ afterId: cursor, limit: limit + 1 });
  const more = items.length > limit;
  const shown = more ? items.slice(0, limit) : items;
  return { items: shown, next: more ? encodeCursor(shown[shown.length - 1]!.id) : null };
}

/** The most a select offers; beyond it a form takes ids (the list pages find them). */
export const CHOICES_SHOWN = 500;

const page = { limit: CHOICES_SHOWN };

export function locationChoices(ctx: ServiceContext, viewer: Viewer): Choice[] {
  return listLocations(ctx, viewer, {}, page).map((item) => ({ value: String(item.id), label: item.name }));
}

export function organisationChoices(ctx: ServiceContext, viewer: Viewer): Choice[] {
  return listOrganisations(ctx, viewer, {}, page).map((item) => ({ value: String(item.id), label: item.name }));
}

export function personChoices(ctx: ServiceContext, viewer: Viewer): Choice[] {
  return listPersons(ctx, viewer, {}, page).map((item) => ({ value: String(item.id), label: item.name }));
}

export function sourceChoices(ctx: ServiceContext, viewer: Viewer): Choice[] {
  return listSources(ctx, viewer, {}, page).map((item) => ({ value: String(item.id), label: `${item.title} (${item.reliability})` }));
}

export function incidentChoices(ctx: ServiceContext, viewer: Viewer): Choice[] {
  return listIncidents(ctx, viewer, {}, page).map((item) => ({ value: String(item.id), label: `${item.title} (${item.date})` }));
}

export interface HistoryEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly fields: string[];
}

/** What changed in each audited write of a record, for viewers who may read histories (undefined for others). */
export function historyOf(ctx: ServiceContext, viewer: Viewer, kind: ResourcePath, id: number): HistoryEntry[] | undefined {
  if (!canReadHistory(viewer)) return undefined;
  return listAuditEntries(ctx, { recordKind: kind, recordId: id }, { limit: 200 }).map((entry) => {
    const before = (entry.before ?? {}) as Record<string, unknown>;
    const after = (entry.after ?? {}) as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (key) => key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
    );
    return { id: entry.id, at: entry.at, actor: entry.actor.name, action: entry.action, fields: entry.action === 'update' ? fields : [] };
  });
}
