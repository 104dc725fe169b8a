/**
 * Exports over HTTP: the sourced report over a selection (HTML or Markdown), CSV per record kind,
 * GeoJSON of incidents at their places, and the bundle of everything (a BagIt bag in a ZIP), for a
 * profile (internal, partner, public; public when none is named) and a selection (the report's
 * query string; none is the whole database, and for data and bundles a selection covers the
 * records its incidents reach). Researchers and admins may use
 * any profile, journalists only public. A non-internal export says what it withheld: the CSV in
 * the `Casebook-Withheld` header (JSON, categories and counts), the GeoJSON in its `withheld`
 * member, and every part at once at `withheld.json`.
 */
import { Router, type Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '../errors.js';
import { REPORT_CONTENT_SECURITY_POLICY, reportHtml } from '../../exports/report-html.js';
import { reportMarkdown } from '../../exports/report-md.js';
import { dataExportQuery, reportQuery } from '../schemas/exports.js';
import { buildReport } from '../services/exports/report.js';
import type { EvidenceStore } from '../evidence/store.js';
import { openBundle } from '../services/exports/bundle.js';
import { csvFile, dataKinds, geojsonText, openDataExport, type DataExport, type DataKind } from '../services/exports/data.js';
import { parseQuery, viewerOf, type RouteContext } from './resource.js';

function withheldHeader(res: Response, data: DataExport): void {
  if (data.withheld) res.set('Casebook-Withheld', JSON.stringify(data.withheld));
}

async function send(res: Response, data: DataExport, body: Readable): Promise<void> {
  try {
    await pipeline(body, res);
  } finally {
    data.close();
  }
}

export function exportRoutes({ ctx }: RouteContext, options: { store: EvidenceStore }): Router {
  const router = Router();
  const day = () => ctx.now().toISOString().slice(0, 10);

  router.get('/csv/:kind', async (req, res) => {
    const kind = String(req.params.kind);
    if (!(dataKinds as readonly string[]).includes(kind)) throw new NotFoundError(`There is no CSV export of that kind; there are ${dataKinds.join(', ')}.`);
    const { profile, ...selection } = parseQuery(dataExportQuery, req);
    const data = await openDataExport(ctx, viewerOf(res), { profile, parts: [kind as DataKind], selection });
    withheldHeader(res, data);
    // attachment() sets a type from the file name; ours comes after it.
    res.attachment(`casebook-${kind}-${profile}-${day()}.csv`).type('text/csv; charset=utf-8');
    await send(res, data, csvFile(data, kind as DataKind));
  });

  router.get('/incidents.geojson', async (req, res) => {
    const { profile, ...selection } = parseQuery(dataExportQuery, req);
    const data = await openDataExport(ctx, viewerOf(res), { profile, parts: ['geojson'], selection });
    withheldHeader(res, data);
    res.attachment(`casebook-incidents-${profile}-${day()}.geojson`).type('application/geo+json; charset=utf-8');
    await send(res, data, Readable.from(geojsonText(data)));
  });

  // The sourced report: HTML to read and print in the browser, or Markdown to download.
  router.get('/report', async (req, res) => {
    const { profile, format, ...selection } = parseQuery(reportQuery, req);
    const report = await buildReport(ctx, viewerOf(res), { profile, selection });
    const name = `casebook-report-${profile}-${day()}.${format}`;
    if (format === 'html') res.type('text/html; charset=utf-8').set({ 'Content-Disposition': `inline; filename="${name}"`, 'Content-Security-Policy': REPORT_CONTENT_SECURITY_POLICY });
    else res.attachment(name).type('text/markdown; charset=utf-8');
    await pipeline(Readable.from(format === 'html' ? reportHtml(report) : reportMarkdown(report)), res);
  });

  router.get('/bundle', async (req, res) => {
    const { profile, ...selection } = parseQuery(dataExportQuery, req);
    const bundle = await openBundle({ ...ctx, store: options.store }, viewerOf(res), { profile, selection });
    res.attachment(`${bundle.name}.zip`);
    try {
      await pipeline(bundle.stream, res);
    } finally {
      // Also when the client went away midway: the snapshot must not outlive the response.
      bundle.close();
    }
  });

  router.get('/withheld.json', async (req, res) => {
    const { profile, ...selection } = parseQuery(dataExportQuery, req);
    const data = await openDataExport(ctx, viewerOf(res), { profile, parts: [...dataKinds, 'geojson'], selection });
    data.close();
    res.json({ profile, withheld: data.withheld ?? {} });
  });

  return router;
}
