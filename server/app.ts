import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import { notFoundRoute, problemHandler } from './errors.js';
import { incidentRoutes } from './routes/incidents.js';
import { alternativeNameRoutes, involvementRoutes, personRoutes, postRoutes } from './routes/people.js';
import { locationRoutes, organisationRoutes } from './routes/places.js';
import { citationRoutes, sourceRoutes } from './routes/sources.js';
import { vocabularyRoutes } from './routes/vocabularies.js';
import type { ServiceContext } from './services/context.js';
import { API } from './urls.js';
import { asRole } from './viewer.js';

export interface AppOptions {
  readonly db: Db;
  readonly logger: Logger;
  /** Injectable clock for tests; defaults to the system time. */
  readonly now?: () => Date;
}

/** Builds the HTTP application. Never listens: server/main.ts and the tests do that. */
export function buildApp({ db, logger, now = () => new Date() }: AppOptions): Express {
  const ctx: ServiceContext = { db, now };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger,
      genReqId: () => randomUUID(),
      // Only the path: query strings can hold names being searched for.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(express.json({ limit: '1mb', strict: true }));
  // Accounts arrive with the protection issue; until then every request reads as a researcher,
  // which is why the default host is loopback only.
  app.use((_req, res, next) => {
    res.locals.viewer = asRole('researcher');
    next();
  });

  app.use(`${API}/incidents`, incidentRoutes(ctx));
  app.use(`${API}/locations`, locationRoutes(ctx));
  app.use(`${API}/organisations`, organisationRoutes(ctx));
  app.use(`${API}/persons`, personRoutes(ctx));
  app.use(`${API}/alternative-names`, alternativeNameRoutes(ctx));
  app.use(`${API}/posts`, postRoutes(ctx));
  app.use(`${API}/involvements`, involvementRoutes(ctx));
  app.use(`${API}/sources`, sourceRoutes(ctx));
  app.use(`${API}/citations`, citationRoutes(ctx));
  app.use(`${API}/vocabularies`, vocabularyRoutes());

  app.use(notFoundRoute);
  app.use(problemHandler(logger));
  return app;
}
