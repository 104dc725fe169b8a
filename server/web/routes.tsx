/**
 * The web pages: the researcher's desk and the journalist's reading room, server-rendered from the
 * same services as the API, so every page shows exactly what the API shows its viewer. Mounted
 * outside /api/v1; errors are pages, not problem+json.
 */
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { authenticate } from '../auth/middleware.js';
import { AppError } from '../errors.js';
import { loggablePath } from '../loggable-path.js';
import type { RouteContext } from '../routes/resource.js';
import { API, pageCollection, pages } from '../urls.js';
import { requireAccount, requireCsrfField } from './guards.js';
import { pageContext } from './page-context.js';
import { ErrorPage } from './pages/error.js';
import { seeOther, sendHtml } from './render.js';
import { sessionPages } from './session-routes.js';
import { incidentPages } from './incident-routes.js';
import { accountPages } from './account-routes.js';
import { peoplePages } from './people-routes.js';
import { sourcePages } from './source-routes.js';
import { evidencePages } from './evidence-routes.js';
import { searchPages } from './search-routes.js';
import { lookPages } from './look-routes.js';
import { adminPages } from './admin-routes.js';
import { exportPages } from './export-routes.js';
import type { EvidenceContext } from '../services/evidence.js';

export interface WebOptions extends Pick<EvidenceContext, 'store' | 'maxUploadBytes' | 'freeSpace'> {
  /** The app's failed-sign-in limiters, shared with POST /api/v1/session. */
  readonly signInLimiters: readonly RequestHandler[];
}

const ASSETS = new URL('./assets/', import.meta.url);
const assetTypes: Record<string, string> = { 'casebook.css': 'text/css; charset=utf-8', 'upload.js': 'text/javascript; charset=utf-8' };

/** Read once at start: a handful of small files, served with a short cache. */
function assetRoutes(): Router {
  const router = Router();
  const files = new Map(Object.entries(assetTypes).map(([name, type]) => [name, { type, body: readFileSync(new URL(name, ASSETS)) }]));
  router.get(`${pages.assets}/:name`, (req, res, next) => {
    const file = files.get(String(req.params.name));
    if (!file) {
      next();
      return;
    }
    res.type(file.type).set('Cache-Control', 'public, max-age=300').send(file.body);
  });
  return router;
}

export function webRoutes(routes: RouteContext, options: WebOptions): Router {
  const { ctx, logger } = routes;
  const router = Router();
  router.use((req, _res, next) => next(req.path === API || req.path.startsWith(`${API}/`) ? 'router' : undefined));
  router.use(assetRoutes());
  router.use(authenticate(ctx));
  router.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000 }));
  router.use(sessionPages(ctx, options.signInLimiters));
  router.use(requireAccount, requireCsrfField);
  router.get(pages.home, (_req, res) => seeOther(res, pageCollection('incidents')));
  router.use(accountPages(routes));
  router.use(incidentPages(routes));
  router.use(peoplePages(routes));
  router.use(sourcePages(routes));
  router.use(evidencePages(routes, options));
  router.use(searchPages(routes));
  router.use(lookPages(routes));
  router.use(adminPages(routes));
  router.use(exportPages(routes));
  router.use((_req, _res, next) => next(new AppError(404, 'not-found', 'Page not found', 'There is no page at this address. It may have been mistyped, or the record deleted.')));
  router.use(webErrors(logger));
  return router;
}

function webErrors(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const page = pageContext(req, res);
    if (error instanceof AppError) {
      sendHtml(res, <ErrorPage page={page} status={error.status} title={error.title} detail={error.message} />, error.status);
      return;
    }
    const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status < 500) {
      sendHtml(res, <ErrorPage page={page} status={status} title="Bad request" detail="The request could not be read. Go back and try again." />, status);
      return;
    }
    const requestId = randomUUID();
    logger.error({ err: error, requestId, method: req.method, path: loggablePath(req.originalUrl) }, 'unexpected error on a page');
    sendHtml(res, <ErrorPage page={page} status={500} title="Something went wrong" detail={`Nothing was changed. Quote request id ${requestId} when reporting it.`} />, 500);
  };
}
