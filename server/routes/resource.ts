/**
 * The record routes every resource has (list, create, read, change, delete, history), kept thin: parse with the resource's schemas, call
 * one service function, send what it returns. Lists page by cursor (keyset on id), never OFFSET.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.js';
import { AppError, NotFoundError } from '../errors.js';
import { listAuditEntries } from '../services/audit.js';
import type { ServiceContext } from '../services/context.js';
import { encodeCursor, pagingQuery, parseOrThrow } from '../schemas/common.js';
import { apiCollection, apiRecord, withQuery, type ResourcePath } from '../urls.js';
import { canReadHistory, canWriteRecords, type Viewer } from '../viewer.js';

export interface Page {
  readonly afterId?: number;
  readonly limit: number;
}

type Paged = { limit: number; cursor?: number | undefined };

/** What every route module is built from. */
export interface RouteContext {
  readonly ctx: ServiceContext;
  readonly logger: Logger;
}

export interface ResourceHandlers<Q extends Paged, C, U> {
  readonly resource: ResourcePath;
  /** Singular noun for messages: "incident". */
  readonly noun: string;
  readonly listQuery: z.ZodType<Q>;
  readonly list: (viewer: Viewer, query: Omit<Q, 'limit' | 'cursor'>, page: Page) => { id: number }[];
  readonly get: (viewer: Viewer, id: number) => unknown;
  readonly createBody: z.ZodType<C>;
  readonly create: (viewer: Viewer, body: C) => { id: number };
  readonly updateBody: z.ZodType<U>;
  readonly update: (viewer: Viewer, id: number, body: U) => unknown;
  readonly remove: (viewer: Viewer, id: number) => void;
}

export function viewerOf(res: Response): Viewer {
  return res.locals.viewer as Viewer;
}

/** Parses the `:id` path segment; anything but a positive integer is simply not a record here. */
export function recordId(req: Request, noun: string): number {
  const raw = String(req.params.id);
  const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new NotFoundError(`There is no ${noun} with that id; ids are positive whole numbers.`);
  return id;
}

export const requireJson: RequestHandler = (req, _res, next) => {
  if (!req.is('application/json')) {
    next(new AppError(415, 'unsupported-media-type', 'Unsupported media type', 'Send the record as JSON with the header Content-Type: application/json.'));
    return;
  }
  next();
};

export function parseQuery<Q>(schema: z.ZodType<Q>, req: Request): Q {
  return parseOrThrow(schema, req.query, 'query');
}

/** A page of items plus the link to the next one, fetched by asking for one row more than the limit. */
export function sendPage(req: Request, res: Response, items: { id: number }[], limit: number): void {
  const more = items.length > limit;
  const shown = more ? items.slice(0, limit) : items;
  const next = more ? encodeCursor(shown[shown.length - 1]!.id) : null;
  const query = { ...(req.query as Record<string, string | string[]>), cursor: next ?? undefined };
  res.json({ items: shown, next, links: { next: next ? withQuery(req.baseUrl + req.path, query).replace(/\/$/, '') : null } });
}

const historyQuery = z.strictObject(pagingQuery);

export function addRecordRoutes<Q extends Paged, C, U>(router: Router, { ctx, logger }: RouteContext, handlers: ResourceHandlers<Q, C, U>): Router {
  const { noun } = handlers;
  const requireWriter = requireRole(canWriteRecords, 'change records', logger);
  router.get('/', (req, res) => {
    const { limit, cursor, ...filter } = parseQuery(handlers.listQuery, req);
    const items = handlers.list(viewerOf(res), filter, { afterId: cursor, limit: limit + 1 });
    sendPage(req, res, items, limit);
  });
  router.post('/', requireWriter, requireJson, (req, res) => {
    const body = parseOrThrow(handlers.createBody, req.body);
    const created = handlers.create(viewerOf(res), body);
    res.status(201).location(apiRecord(handlers.resource, created.id)).json(created);
  });
  router.get('/:id', (req, res) => {
    res.json(handlers.get(viewerOf(res), recordId(req, noun)));
  });
  router.patch('/:id', requireWriter, requireJson, (req, res) => {
    const id = recordId(req, noun);
    res.json(handlers.update(viewerOf(res), id, parseOrThrow(handlers.updateBody, req.body)));
  });
  router.delete('/:id', requireWriter, (req, res) => {
    handlers.remove(viewerOf(res), recordId(req, noun));
    res.status(204).end();
  });
  router.get('/:id/history', requireRole(canReadHistory, 'read the history of records', logger), (req, res) => {
    const id = recordId(req, noun);
    const { limit, cursor } = parseQuery(historyQuery, req);
    const entries = listAuditEntries(ctx, { recordKind: handlers.resource, recordId: id }, { afterId: cursor, limit: limit + 1 });
    // A deleted record keeps its history; one that never existed is a 404, not an empty list.
    if (entries.length === 0 && cursor === undefined) handlers.get(viewerOf(res), id);
    sendPage(req, res, entries, limit);
  });
  router.all(['/', '/:id'], (req, _res, next) => {
    next(new AppError(405, 'method-not-allowed', 'Method not allowed', `${req.method} is not allowed on ${apiCollection(handlers.resource)}.`));
  });
  return router;
}
