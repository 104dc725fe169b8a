/** Evidence pages: list, item, thumbnail, upload (multipart, enhanced by a small script) and edit. */
import { Router, type Request, type Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { requireRole } from '../auth/middleware.js';
import { AppError, ValidationError, type Issue } from '../errors.js';
import { receiveEvidence } from '../routes/evidence.js';
import { recordId, viewerOf, type RouteContext } from '../routes/resource.js';
import { evidenceListQuery, evidenceUpdate } from '../schemas/evidence.js';
import * as service from '../services/evidence.js';
import { pageCollection, pageRecord } from '../urls.js';
import { canWriteRecords, clearanceOf, type Viewer } from '../viewer.js';
import { formValues, idsOf, many, one, type FormValues } from './form-values.js';
import { pageContext } from './page-context.js';
import { EvidenceEditPage, EvidenceListPage, EvidencePage, hasPreview, UploadPage } from './pages/evidence.js';
import { filledQuery, historyOf, incidentChoices, onePage, parseListQuery } from './reads.js';
import { seeOther, sendHtml } from './render.js';
import { submitForm } from './submit.js';

const seesCustody = (viewer: Viewer) => canWriteRecords(viewer) && clearanceOf(viewer).captureDetails;

export function evidencePages(routes: RouteContext, evidence: Pick<service.EvidenceContext, 'store' | 'maxUploadBytes' | 'freeSpace'>): Router {
  const ctx: service.EvidenceContext = { ...routes.ctx, ...evidence };
  const router = Router();
  const base = pageCollection('evidence');
  const writer = requireRole(canWriteRecords, 'upload or change evidence', routes.logger);

  router.get(base, (req, res) => {
    const viewer = viewerOf(res);
    const query = filledQuery(req);
    const { query: parsed, issues } = parseListQuery(evidenceListQuery, query);
    const list = parsed ? onePage((page) => service.listEvidence(ctx, viewer, { incidentId: parsed.incident }, page), parsed.cursor, parsed.limit) : { items: [], next: null };
    sendHtml(res, <EvidenceListPage page={pageContext(req, res)} items={list.items} next={list.next} query={query} issues={issues} canWrite={canWriteRecords(viewer)} incidents={incidentChoices(ctx, viewer)} />, issues.length ? 400 : 200);
  });

  const uploadForm = (req: Request, res: Response, values: FormValues, issues: readonly Issue[]) => (
    <UploadPage page={pageContext(req, res)} values={values} issues={issues} incidents={incidentChoices(ctx, viewerOf(res))} maxBytes={ctx.maxUploadBytes} />
  );
  router.get(`${base}/new`, writer, (req, res) => sendHtml(res, uploadForm(req, res, { protected: 'true', ...formValues(req.query) }, [])));
  router.post(`${base}/new`, writer, async (req, res) => {
    try {
      const { item } = await receiveEvidence(ctx, req, res);
      seeOther(res, pageRecord('evidence', item.id));
    } catch (error) {
      // The multipart fields are gone with the refused body; the form comes back empty, the problem named.
      if (error instanceof ValidationError) sendHtml(res, uploadForm(req, res, {}, error.issues), 400);
      else if (error instanceof AppError && error.status < 500) sendHtml(res, uploadForm(req, res, {}, [{ path: 'file', message: error.message }]), error.status);
      else throw error;
    }
  });

  router.get(`${base}/:id`, (req, res) => {
    const viewer = viewerOf(res);
    const id = recordId(req, 'evidence item');
    const item = service.getEvidence(ctx, viewer, id);
    const custody = seesCustody(viewer) ? service.custodyOf(ctx, viewer, id, { limit: 200 }) : undefined;
    sendHtml(res, <EvidencePage page={pageContext(req, res)} item={item} custody={custody} history={historyOf(ctx, viewer, 'evidence', id)} canWrite={canWriteRecords(viewer)} />);
  });

  // The picture on a page: the file this viewer may have (the stripped copy for one not cleared for capture details), as a custody event.
  router.get(`${base}/:id/thumbnail`, async (req, res) => {
    const viewer = viewerOf(res);
    const id = recordId(req, 'evidence item');
    if (!hasPreview(service.getEvidence(ctx, viewer, id))) throw new AppError(404, 'not-found', 'No preview', 'Browsers cannot show this kind of file; download it from its page.');
    const { item, stream } = await service.fileForDownload(ctx, viewer, id, 'shown on a page');
    res.set({ 'Content-Type': item.mediaType, 'Content-Length': String(item.size), 'Cache-Control': 'private, max-age=3600', 'X-Content-SHA256': item.sha256 });
    await pipeline(stream, res);
  });

  const editForm = (req: Request, res: Response, id: number, values: FormValues, issues: readonly Issue[]) => (
    <EvidenceEditPage page={pageContext(req, res)} id={id} values={values} issues={issues} incidents={incidentChoices(ctx, viewerOf(res))} />
  );
  router.get(`${base}/:id/edit`, writer, (req, res) => {
    const id = recordId(req, 'evidence item');
    const item = service.getEvidence(ctx, viewerOf(res), id);
    sendHtml(res, editForm(req, res, id, { description: item.description, protected: String(item.protected), correction: item.correction ?? '' }, []));
  });
  router.post(`${base}/:id/edit`, writer, (req, res) => {
    const id = recordId(req, 'evidence item');
    return submitForm(req, res, {
      schema: evidenceUpdate,
      body: (values) => ({
        description: one(values, 'description'),
        protected: one(values, 'protected') !== 'false',
        correction: one(values, 'correction'),
        linkIncidents: idsOf(many(values, 'linkIncidents')),
      }),
      save: (viewer, input) => pageRecord('evidence', service.updateEvidence(ctx, viewer, id, input).id),
      again: (values, issues) => editForm(req, res, id, values, issues),
    });
  });
  return router;
}
