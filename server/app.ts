import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { Db } from '../db/client.js';
import { authenticate, requireCsrf, requirePasswordChanged, requireSignedIn } from './auth/middleware.js';
import { notFoundRoute, problemHandler } from './errors.js';
import type { EvidenceStore } from './evidence/store.js';
import { auditRoutes, sessionRoutes, tokenRoutes, userRoutes } from './routes/accounts.js';
import { signInLimiters, type SignInLimits } from './auth/sign-in.js';
import { incidentRoutes } from './routes/incidents.js';
import { evidenceRoutes } from './routes/evidence.js';
import { exportRoutes } from './routes/exports.js';
import { graphRoutes } from './routes/graph.js';
import { HEALTH_PATHS, healthRoutes } from './routes/health.js';
import { alternativeNameRoutes, involvementRoutes, personRoutes, postRoutes } from './routes/people.js';
import { locationRoutes, organisationRoutes } from './routes/places.js';
import type { RouteContext } from './routes/resource.js';
import { loggablePath } from './loggable-path.js';
import { searchRoutes } from './routes/search.js';
import { citationRoutes, sourceRoutes } from './routes/sources.js';
import { vocabularyRoutes } from './routes/vocabularies.js';
import type { ServiceContext } from './services/context.js';
import type { FreeSpace } from './services/free-space.js';
import { API } from './urls.js';
import { webRoutes } from './web/routes.js';

export interface AppOptions {
  readonly db: Db;
  readonly logger: Logger;
  /** Injectable clock for tests; defaults to the system time. */
  readonly now?: () => Date;
  /** Express's `trust proxy`: set when a TLS proxy in front of Casebook sets X-Forwarded-*. */
  readonly trustProxy?: boolean | number | string;
  readonly signInLimits?: SignInLimits;
  readonly evidenceStore: EvidenceStore;
  /** Largest evidence file accepted, in bytes; also the largest graph or bundle sent to be imported. */
  readonly maxUploadBytes?: number;
  /** Most bytes an imported bundle may unpack to. */
  readonly maxBundleBytes?: number;
  /** Free disk space below which uploads and imports are refused (507) and /readyz fails, in bytes. */
  readonly minFreeBytes?: number;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 1024 ** 3;
export const DEFAULT_MIN_FREE_BYTES = 512 * 1024 ** 2;
export const DEFAULT_MAX_BUNDLE_BYTES = 64 * 1024 ** 3;

/** Builds the HTTP application. Never listens: server/main.ts and the tests do that. */
export function buildApp(options: AppOptions): Express {
  const { db, logger, now = () => new Date(), trustProxy = false, signInLimits = { perAddress: 20, perAccount: 5 } } = options;
  const ctx: ServiceContext = { db, now };
  const routes: RouteContext = { ctx, logger };
  const store = options.evidenceStore;
  const dbFolder = db.$client.memory ? [] : [dirname(db.$client.name)];
  const freeSpace: FreeSpace = { paths: [store.dir, ...dbFolder], minFreeBytes: options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', trustProxy);
  app.use(
    helmet({
      // Pages load only what Casebook serves: no inline script or style, no other origin, no framing.
      // Not upgrade-insecure-requests: Casebook serves plain HTTP on loopback, where it turned the upload script's same-origin requests into https ones that fail.
      contentSecurityPolicy: { directives: { 'style-src': ["'self'"], 'font-src': ["'self'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'upgrade-insecure-requests': null } },
    }),
  );
  app.use(
    pinoHttp({
      logger,
      genReqId: () => randomUUID(),
      // A probe every few seconds would bury the requests people make.
      autoLogging: { ignore: (req) => HEALTH_PATHS.includes(req.url ?? '') },
      // Only the path, cleaned: query strings and odd path segments can hold names; headers hold cookies and tokens.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: loggablePath(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(healthRoutes(routes, { store, freeSpace }));
  app.use(express.json({ limit: '1mb', strict: true }));
  app.use(API, authenticate(ctx));

  app.use(`${API}/vocabularies`, vocabularyRoutes());
  const limiters = signInLimiters(signInLimits);
  app.use(`${API}/session`, sessionRoutes(routes, limiters));

  app.use(API, requireSignedIn, requirePasswordChanged, requireCsrf);
  app.use(`${API}/incidents`, incidentRoutes(routes));
  app.use(`${API}/locations`, locationRoutes(routes));
  app.use(`${API}/organisations`, organisationRoutes(routes));
  app.use(`${API}/persons`, personRoutes(routes));
  app.use(`${API}/alternative-names`, alternativeNameRoutes(routes));
  app.use(`${API}/posts`, postRoutes(routes));
  app.use(`${API}/involvements`, involvementRoutes(routes));
  app.use(`${API}/sources`, sourceRoutes(routes));
  app.use(`${API}/citations`, citationRoutes(routes));
  app.use(`${API}/evidence`, evidenceRoutes(routes, { store, maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES, freeSpace }));
  app.use(API, searchRoutes(routes));
  app.use(`${API}/exports`, exportRoutes(routes, { store }));
  app.use(
    `${API}/graph`,
    graphRoutes(routes, {
      store: options.evidenceStore,
      maxBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      maxBundleBytes: options.maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES,
      freeSpace,
    }),
  );
  app.use(`${API}/tokens`, tokenRoutes(routes));
  app.use(`${API}/users`, userRoutes(routes));
  app.use(`${API}/audit`, auditRoutes(routes));

  app.use(webRoutes(routes, { signInLimiters: limiters, store, maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES, freeSpace }));
  app.use(notFoundRoute);
  app.use(problemHandler(logger));
  return app;
}
