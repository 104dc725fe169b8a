/**
 * Evidence over HTTP. Uploads stream straight to the evidence store, never into memory: as
 * multipart form data (fields `description`, `incident` (repeatable), `protected`, and one file)
 * or as a raw body with the file name in `X-File-Name` (percent-encoded) and the same fields in
 * the query string.
 */
import busboy from 'busboy';
import { Router, type Request, type Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { requireRole } from '../auth/middleware.js';
import { AppError, ValidationError } from '../errors.js';
import type { Received } from '../evidence/store.js';
import { parseOrThrow } from '../schemas/common.js';
import { downloadQuery, evidenceListQuery, evidenceUpdate, evidenceUploadFields, fileName } from '../schemas/evidence.js';
import * as service from '../services/evidence.js';
import { assertFreeSpace } from '../services/free-space.js';
import { canWriteRecords, clearanceOf, type Viewer } from '../viewer.js';
import { parseQuery, recordId, requireJson, sendPage, viewerOf, type RouteContext } from './resource.js';

interface Parts {
  readonly received: Received;
  readonly fields: Record<string, string | string[]>;
  readonly fileName: string;
  readonly declaredType?: string;
}

function addField(fields: Record<string, string | string[]>, name: string, value: string) {
  const current = fields[name];
  fields[name] = current === undefined ? value : [...(Array.isArray(current) ? current : [current]), value];
}

function readMultipart(ctx: service.EvidenceContext, req: Request): Promise<Parts> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 50, fieldSize: 10_000, parts: 60 } });
    } catch {
      reject(new AppError(400, 'malformed-multipart', 'Malformed multipart body', 'The multipart body could not be read; check its boundary.'));
      return;
    }
    const fields: Record<string, string | string[]> = {};
    let file: Promise<Received> | undefined;
    let name = '';
    let declaredType: string | undefined;
    parser.on('field', (field, value) => addField(fields, field, value));
    parser.on('file', (_field, stream: Readable, info) => {
      name = info.filename ?? '';
      declaredType = info.mimeType;
      file = service.receiveUpload(ctx, stream);
      // A failed receive must still drain the part, or busboy stalls.
      file.catch(() => stream.resume());
    });
    parser.on('filesLimit', () => reject(new ValidationError([{ path: 'file', message: 'send one file per upload' }])));
    parser.on('error', () => reject(new AppError(400, 'malformed-multipart', 'Malformed multipart body', 'The multipart body is malformed or incomplete.')));
    parser.on('close', () => {
      if (!file) {
        reject(new ValidationError([{ path: 'file', message: 'the upload holds no file' }]));
        return;
      }
      file.then((received) => resolve({ received, fields, fileName: name, declaredType }), reject);
    });
    pipeline(req, parser).catch((error: unknown) => {
      if (file) file.then((received) => ctx.store.discard(received), () => undefined);
      reject(error instanceof AppError ? error : new AppError(400, 'upload-interrupted', 'Upload interrupted', 'The upload ended before the whole body arrived; nothing was stored.'));
    });
  });
}

async function readRaw(ctx: service.EvidenceContext, req: Request): Promise<Parts> {
  const header = req.get('x-file-name');
  let decoded: string | undefined;
  try {
    decoded = header === undefined ? undefined : decodeURIComponent(header);
  } catch {
    throw new ValidationError([{ path: 'filename', message: 'X-File-Name must be percent-encoded UTF-8' }]);
  }
  const received = await service.receiveUpload(ctx, req);
  return { received, fields: req.query as Record<string, string | string[]>, fileName: decoded ?? '', declaredType: req.get('content-type') };
}

/**
 * Reads an upload (multipart or raw body, see the top of this file) into the evidence store and
 * records it, for the API and the upload page alike. On any refusal nothing is stored and the
 * connection is marked to close, since the rest of the body may still be arriving.
 */
export async function receiveEvidence(ctx: service.EvidenceContext, req: Request, res: Response): Promise<{ created: boolean; item: ReturnType<typeof service.getEvidence> }> {
  const length = Number(req.get('content-length'));
  if (Number.isFinite(length) && length > ctx.maxUploadBytes + 1_000_000) {
    res.set('Connection', 'close');
    throw new AppError(413, 'payload-too-large', 'File too large', `Evidence files may be at most ${ctx.maxUploadBytes} bytes.`);
  }
  if (req.is('application/json')) {
    throw new AppError(415, 'unsupported-media-type', 'Unsupported media type', 'Send the file as multipart/form-data or as the raw request body with X-File-Name.');
  }
  let parts: Parts;
  try {
    // Before a byte of the body is read, so a disk short of space gets nothing new, not even a temporary file.
    await assertFreeSpace(ctx.freeSpace, Number.isFinite(length) ? length : 0);
    parts = req.is('multipart/form-data') ? await readMultipart(ctx, req) : await readRaw(ctx, req);
  } catch (error) {
    res.set('Connection', 'close');
    throw error;
  }
  let upload: service.Upload;
  try {
    const fields = parseOrThrow(evidenceUploadFields, parts.fields);
    const name = fileName.safeParse(parts.fileName);
    if (!name.success) throw new ValidationError(name.error.issues.map((issue) => ({ path: 'filename', message: issue.message })));
    upload = { ...fields, fileName: name.data, declaredType: parts.declaredType };
  } catch (error) {
    await ctx.store.discard(parts.received);
    throw error;
  }
  return service.storeUpload(ctx, viewerOf(res), parts.received, upload);
}

export function evidenceRoutes({ ctx: base, logger }: RouteContext, evidence: Pick<service.EvidenceContext, 'store' | 'maxUploadBytes' | 'freeSpace'>): Router {
  const ctx: service.EvidenceContext = { ...base, ...evidence };
  const router = Router();
  const requireWriter = requireRole(canWriteRecords, 'upload or change evidence', logger);
  const seesCustody = (viewer: Viewer) => canWriteRecords(viewer) && clearanceOf(viewer).captureDetails;

  router.get('/', (req, res) => {
    const { incident, limit, cursor } = parseQuery(evidenceListQuery, req);
    sendPage(req, res, service.listEvidence(ctx, viewerOf(res), { incidentId: incident }, { afterId: cursor, limit: limit + 1 }), limit);
  });

  router.post('/', requireWriter, async (req: Request, res: Response) => {
    const { created, item } = await receiveEvidence(ctx, req, res);
    if (created) res.status(201).location(item.href);
    res.json(item);
  });

  router.get('/:id', (req, res) => {
    res.json(service.getEvidence(ctx, viewerOf(res), recordId(req, 'evidence item')));
  });

  router.patch('/:id', requireWriter, requireJson, (req, res) => {
    res.json(service.updateEvidence(ctx, viewerOf(res), recordId(req, 'evidence item'), parseOrThrow(evidenceUpdate, req.body)));
  });

  router.post('/:id/safe-copy', requireWriter, async (req, res) => {
    const copy = await service.safeCopy(ctx, viewerOf(res), recordId(req, 'evidence item'));
    res.status(201).json(service.getEvidence(ctx, viewerOf(res), copy.id));
  });

  router.get('/:id/file', async (req, res) => {
    const { reason } = parseQuery(downloadQuery, req);
    const { item, stream } = await service.fileForDownload(ctx, viewerOf(res), recordId(req, 'evidence item'), reason);
    res.set({
      'Content-Type': item.mediaType,
      'Content-Length': String(item.size),
      'Content-Disposition': `attachment; filename="evidence-${item.id}"; filename*=UTF-8''${encodeURIComponent(`evidence-${item.id}-${item.sha256.slice(0, 12)}`)}`,
      'X-Content-SHA256': item.sha256,
    });
    await pipeline(stream, res);
  });

  router.get('/:id/custody', requireRole(seesCustody, 'read the chain of custody', logger), (req, res) => {
    const { limit, cursor } = parseQuery(evidenceListQuery.pick({ limit: true, cursor: true }), req);
    sendPage(req, res, service.custodyOf(ctx, viewerOf(res), recordId(req, 'evidence item'), { afterId: cursor, limit: limit + 1 }), limit);
  });

  return router;
}
