/** What an export covers (the selection) and with which profile, as query strings and the command line's --where give them. */
import { z } from 'zod';
import { exportProfiles } from '../viewer.js';
import { MAX_QUERY_LENGTH, parseQuery, QueryError } from '../search/query.js';
import { queryId } from './common.js';
import { incidentFilterQuery } from './incidents.js';

export const MAX_SELECTED_INCIDENTS = 10_000;

/** The incident list's filters, optionally a search query, optionally a list of incidents; all of them must hold. */
export const selectionQuery = incidentFilterQuery.extend({
  q: z
    .string()
    .min(1, 'type a word to search for, or leave q out')
    .max(MAX_QUERY_LENGTH * 20)
    // Checked here, not only when the search runs, so a form shows the mistake next to the field.
    .superRefine((q, ctx) => {
      try {
        parseQuery(q);
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
      }
    })
    .optional(),
  incident: z
    .union([queryId, z.array(queryId).max(MAX_SELECTED_INCIDENTS, `name at most ${MAX_SELECTED_INCIDENTS} incidents; use filters for more`)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .optional(),
});

const profileQuery = z.strictObject({ profile: z.enum(exportProfiles).default('public') });

/** A data export (CSV, GeoJSON, withheld receipt) or a bundle: a profile and a selection, none meaning the whole database. */
export const dataExportQuery = selectionQuery.extend(profileQuery.shape);

export const reportQuery = dataExportQuery.extend({
  format: z.enum(['html', 'md']).default('html'),
});

export type SelectionQuery = z.output<typeof selectionQuery>;
export type ReportQuery = z.output<typeof reportQuery>;
