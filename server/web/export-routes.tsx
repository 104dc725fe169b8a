/**
 * The export page and its form. The form is sent by GET with every field, empty ones too; these
 * routes drop the empty ones, check the rest with the API's own schema (so a mistake comes back
 * next to its field, input kept) and then send the browser to the API's export with the session
 * cookie it already holds, as the page's CSV links do.
 */
import { Router, type Request, type Response } from 'express';
import type { Issue } from '../errors.js';
import { viewerOf, type RouteContext } from '../routes/resource.js';
import { dataExportQuery, reportQuery } from '../schemas/exports.js';
import { dataKinds } from '../services/exports/data.js';
import { API, pages, withQuery } from '../urls.js';
import { canExportWith, exportProfiles, type ExportProfile, type Viewer } from '../viewer.js';
import { pageContext } from './page-context.js';
import { ExportsPage } from './pages/exports.js';
import { filledQuery, incidentChoices, locationChoices, organisationChoices, parseListQuery, personChoices } from './reads.js';
import { seeOther, sendHtml } from './render.js';

/** The schema's issues, or the one a profile beyond the viewer's clearance raises. */
function issuesOf(viewer: Viewer, parsed: { profile: ExportProfile } | undefined, issues: readonly Issue[]): readonly Issue[] {
  if (parsed && !canExportWith(viewer, parsed.profile)) return [{ path: 'profile', message: 'your role may export with the public profile only' }];
  return issues;
}

export function exportPages({ ctx }: RouteContext): Router {
  const router = Router();

  const render = (req: Request, res: Response, query: Record<string, string | string[]>, issues: readonly Issue[]) => {
    const viewer = viewerOf(res);
    const choices = {
      locations: locationChoices(ctx, viewer),
      organisations: organisationChoices(ctx, viewer),
      persons: personChoices(ctx, viewer),
      incidents: incidentChoices(ctx, viewer),
    };
    const profiles = exportProfiles.filter((profile) => canExportWith(viewer, profile));
    sendHtml(res, <ExportsPage page={pageContext(req, res)} profiles={profiles} kinds={dataKinds} values={query} issues={issues} choices={choices} />, issues.length > 0 ? 400 : 200);
  };

  // Opened with a selection (the incident list links here with its filters), the form starts from it.
  router.get(pages.exports, (req, res) => {
    const query = filledQuery(req);
    const { query: parsed, issues } = parseListQuery(dataExportQuery, query);
    render(req, res, query, issuesOf(viewerOf(res), parsed, issues));
  });

  for (const [path, schema, api] of [
    [pages.exportReport, reportQuery, `${API}/exports/report`],
    [pages.exportBundle, dataExportQuery, `${API}/exports/bundle`],
  ] as const) {
    router.get(path, (req, res) => {
      const query = filledQuery(req);
      const { query: parsed, issues } = parseListQuery(schema, query);
      const problems = issuesOf(viewerOf(res), parsed, issues);
      if (problems.length > 0) render(req, res, query, problems);
      else seeOther(res, withQuery(api, query));
    });
  }
  return router;
}
