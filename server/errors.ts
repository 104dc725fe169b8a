import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { loggablePath } from './loggable-path.js';

export interface Issue {
  /** Dotted path of the offending field, '' for the body as a whole. */
  readonly path: string;
  readonly message: string;
}

/** An error a client can act on; its `type` is stable and documented, its `detail` names no protected person. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export class ValidationError extends AppError {
  constructor(readonly issues: readonly Issue[], detail = 'The request has problems; each is listed under "errors" with its field path.') {
    super(400, 'validation-failed', 'Validation failed', detail, { errors: issues });
  }
}

export class NotFoundError extends AppError {
  constructor(detail: string) {
    super(404, 'not-found', 'Not found', detail);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(409, 'conflict', 'Conflict', detail, extra);
  }
}

export class InsufficientStorageError extends AppError {
  constructor() {
    // No figures and no paths: a stranger probing the server learns only that it is refusing writes.
    super(507, 'insufficient-storage', 'Insufficient storage', 'The server is short of disk space, so it refuses new files and imports; nothing was stored. Tell its administrator.');
  }
}

/** The disk filled up mid-write: Node's ENOSPC or SQLite's SQLITE_FULL (its transaction rolled back). */
function isDiskFull(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  return code === 'ENOSPC' || code === 'SQLITE_FULL';
}

/**
 * Another connection (a backup, an import, a second process) held SQLite's write lock past the
 * busy timeout; the transaction rolled back. Not the server's fault and over soon: a 503 that
 * says when to retry, not a 500.
 */
function isBusy(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code);
}

const PROBLEM_JSON = 'application/problem+json';

function send(res: Parameters<ErrorRequestHandler>[2], status: number, body: Record<string, unknown>): void {
  res.status(status).type(PROBLEM_JSON).send(JSON.stringify(body));
}

/**
 * Turns anything thrown into RFC 9457 problem+json. Unexpected errors say nothing of their cause.
 * There is no `instance`: the request path could hold a name someone typed into the URL.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const path = loggablePath(req.originalUrl);
    if (res.headersSent) {
      // Half a file was sent: the only honest answer left is to cut the connection.
      logger.error({ err: error, method: req.method, path }, 'error after the response had started');
      res.destroy();
      return;
    }
    if (isDiskFull(error)) logger.error({ err: error, method: req.method, path }, 'disk full');
    if (isBusy(error)) {
      logger.warn({ err: error, method: req.method, path }, 'database busy');
      res.set('Retry-After', '1');
      send(res, 503, { type: 'busy', title: 'Busy', status: 503, detail: 'The database is busy with another write; nothing was changed. Retry in a second.' });
      return;
    }
    const known = isDiskFull(error) ? new InsufficientStorageError() : error;
    if (known instanceof AppError) {
      send(res, known.status, { type: known.type, title: known.title, status: known.status, detail: known.message, ...known.extra });
      return;
    }
    const fromBodyParser = bodyParserProblem(error);
    if (fromBodyParser) {
      send(res, fromBodyParser.status, fromBodyParser);
      return;
    }
    const requestId = randomUUID();
    // The stack goes to the log only; record bodies never do.
    logger.error({ err: error, requestId, method: req.method, path }, 'unexpected error');
    send(res, 500, {
      type: 'internal-error',
      title: 'Internal error',
      status: 500,
      detail: `Something went wrong on the server; nothing was changed. Quote request id ${requestId} when reporting it.`,
      requestId,
    });
  };
}

function bodyParserProblem(error: unknown): { type: string; title: string; status: number; detail: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if (!('type' in error)) return otherClientError(error);
  switch ((error as { type: unknown }).type) {
    case 'entity.parse.failed':
      return { type: 'malformed-json', title: 'Malformed JSON', status: 400, detail: 'The request body is not valid JSON.' };
    case 'entity.too.large':
      return { type: 'payload-too-large', title: 'Payload too large', status: 413, detail: 'The request body is over the 1 MB limit for records.' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { type: 'unsupported-media-type', title: 'Unsupported media type', status: 415, detail: 'Send the body as UTF-8 JSON.' };
    default:
      return otherClientError(error);
  }
}

/**
 * Any other client error thrown by express's own layers (http-errors with `expose`): a gzip header
 * on a body that is not gzip, a path segment with broken percent-encoding. These were 500s. The
 * message is not repeated: the router's quotes the path segment, which could hold a name.
 */
function otherClientError(error: object): { type: string; title: string; status: number; detail: string } | undefined {
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  // The router marks its URIError with a status but not with `expose`.
  if ((expose !== true && !(error instanceof URIError)) || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const title = STATUS_CODES[status] ?? 'Bad request';
  return { type: title.toLowerCase().replace(/[^a-z]+/g, '-'), title, status, detail: 'The request could not be read: check its path, its Content-Type and Content-Encoding, and its body.' };
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  // The path is not repeated: it could hold a name someone typed into the URL.
  next(new NotFoundError(`There is no such route (${req.method}) in this API; see the README for its routes.`));
};
