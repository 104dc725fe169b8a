/**
 * The whole database as a Casebook graph, for admins only: `GET` streams it as NDJSON, `POST`
 * imports one into an empty instance, either as NDJSON, read line by line as it arrives, or as
 * an internal export bundle (application/zip), received whole into a temporary file first.
 */
import { Router, type Request } from 'express';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ndjson } from '../../exports/graph.js';
import { requireRole } from '../auth/middleware.js';
import { AppError } from '../errors.js';
import type { EvidenceStore } from '../evidence/store.js';
import { assertFreeSpace, type FreeSpace } from '../services/free-space.js';
import { importBundleFrom, zipTooLarge } from '../services/graph/bundle-import.js';
import { exportGraph } from '../services/graph/export.js';
import { importGraphOnOwnConnection } from '../services/graph/import.js';
import { canExchangeGraph } from '../viewer.js';
import { parseQuery, viewerOf, type RouteContext } from './resource.js';

const NDJSON = 'application/x-ndjson';
const ZIP = 'application/zip';

const tooLarge = (max: number) => new AppError(413, 'payload-too-large', 'Payload too large', `A graph sent over the API may be at most ${max} bytes; import larger ones with npm run import.`);

async function* upTo(body: Request, max: number): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw tooLarge(max);
    yield chunk;
  }
}

export function graphRoutes({ ctx, logger }: RouteContext, options: { store: EvidenceStore; maxBytes: number; maxBundleBytes: number; freeSpace: FreeSpace }): Router {
  const router = Router();
  router.use(requireRole(canExchangeGraph, 'export or import the whole database', logger));

  router.get('/', async (req, res) => {
    parseQuery(z.strictObject({}), req);
    const lines = exportGraph(ctx, viewerOf(res));
    res.type(NDJSON).set('Content-Disposition', `attachment; filename="casebook-graph-${ctx.now().toISOString().slice(0, 10)}.ndjson"`);
    await pipeline(Readable.from(ndjson(lines)), res);
  });

  router.post('/', async (req, res) => {
    try {
      if (req.is(ZIP)) {
        const length = Number(req.get('content-length'));
        if (Number.isFinite(length) && length > options.maxBytes) throw zipTooLarge(options.maxBytes);
        // Before a byte is read: the ZIP itself lands on disk first. The bundle's own needs are known from its central directory.
        await assertFreeSpace(options.freeSpace, Number.isFinite(length) ? length : 0);
        const bundle = { viewer: viewerOf(res), store: options.store, freeSpace: options.freeSpace, maxBytes: options.maxBundleBytes };
        res.status(201).json(await importBundleFrom(ctx, req, options.maxBytes, bundle));
        return;
      }
      if (!req.is(NDJSON)) {
        throw new AppError(415, 'unsupported-media-type', 'Unsupported media type', `Send a graph as NDJSON (Content-Type: ${NDJSON}) or an export bundle as a ZIP (Content-Type: ${ZIP}).`);
      }
      const length = Number(req.get('content-length'));
      if (Number.isFinite(length) && length > options.maxBytes) throw tooLarge(options.maxBytes);
      // Before a line is read: the rows take about the graph's size, and the search index as much again.
      await assertFreeSpace(options.freeSpace, Number.isFinite(length) ? 2 * length : 0);
      const lines = createInterface({ input: Readable.from(upTo(req, options.maxBytes)), crlfDelay: Infinity });
      const result = await importGraphOnOwnConnection(ctx, lines, { viewer: viewerOf(res), store: options.store });
      res.status(201).json(result);
    } catch (error) {
      // The rest of the body was not read: the connection cannot carry another request.
      res.set('Connection', 'close');
      throw error;
    }
  });

  router.all('/', (req, _res, next) => {
    next(new AppError(405, 'method-not-allowed', 'Method not allowed', `${req.method} is not allowed on the graph.`));
  });
  return router;
}
