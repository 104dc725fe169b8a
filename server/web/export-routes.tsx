import { Router } from 'express';
import { viewerOf } from '../routes/resource.js';
import { dataKinds } from '../services/exports/data.js';
import { pages } from '../urls.js';
import { canExportWith, exportProfiles } from '../viewer.js';
import { pageContext } from './page-context.js';
import { ExportsPage } from './pages/exports.js';
import { sendHtml } from './render.js';

/** The export page: the profiles this viewer may use, each with its files (served by the API's export routes). */
export function exportPages(): Router {
  const router = Router();
  router.get(pages.exports, (req, res) => {
    const profiles = exportProfiles.filter((profile) => canExportWith(viewerOf(res), profile));
    sendHtml(res, <ExportsPage page={pageContext(req, res)} profiles={profiles} kinds={dataKinds} />);
  });
  return router;
}
