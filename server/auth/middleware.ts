/**
 * Who is asking, for every request: a bearer token, a session cookie, or nobody. Routes then
 * demand what they need: a signed-in user, a changed one-time password, a CSRF token for
 * cookie-authenticated writes, a role.
 */
import { parse as parseCookies } from 'cookie';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { loggablePath } from '../loggable-path.js';
import { authenticateSession, authenticateToken, type Authenticated } from '../services/sessions.js';
import type { ServiceContext } from '../services/context.js';
import { sameSecret } from './secrets.js';
import type { Viewer } from '../viewer.js';

export const SESSION_COOKIE = 'casebook_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Anyone not signed in reads nothing; the journalist's clearance is the floor for what an anonymous request could be shown. */
const anonymous: Viewer = { kind: 'role', role: 'journalist' };

export function authOf(res: Response): Authenticated | undefined {
  return res.locals.auth as Authenticated | undefined;
}

const unauthenticated = (detail: string) => new AppError(401, 'unauthenticated', 'Not signed in', detail);

export function authenticate(ctx: ServiceContext): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    let auth: Authenticated | undefined;
    if (header !== undefined) {
      const [scheme, token, ...rest] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0 || token.length > 200) {
        next(unauthenticated('Send an API token as "Authorization: Bearer <token>".'));
        return;
      }
      auth = authenticateToken(ctx, token);
      if (!auth) {
        next(unauthenticated('This API token is not valid: it is unknown, expired or revoked. Create a new one.'));
        return;
      }
    } else {
      const sessionId = parseCookies(req.get('cookie') ?? '')[SESSION_COOKIE];
      if (sessionId && sessionId.length <= 200) auth = authenticateSession(ctx, sessionId);
    }
    res.locals.auth = auth;
    res.locals.viewer = auth?.viewer ?? anonymous;
    next();
  };
}

export const requireSignedIn: RequestHandler = (_req, res, next) => {
  if (!authOf(res)) {
    res.set('WWW-Authenticate', 'Bearer realm="casebook"');
    next(unauthenticated('Sign in (POST /api/v1/session) or send an API token as "Authorization: Bearer <token>".'));
    return;
  }
  next();
};

/**
 * A one-time password must be replaced before the password session does anything else. API
 * tokens are exempt: one made for a script on the command line works before its owner signs in.
 */
export const requirePasswordChanged: RequestHandler = (_req, res, next) => {
  const auth = authOf(res);
  if (auth?.method === 'session' && auth.user.mustChangePassword) {
    next(new AppError(403, 'password-change-required', 'Password change required', 'Choose a new password first: POST /api/v1/session/password.'));
    return;
  }
  next();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Cookie-authenticated writes must carry the session's CSRF token; token-authenticated ones cannot be forged by a browser. */
export const requireCsrf: RequestHandler = (req, res, next) => {
  const session = authOf(res)?.session;
  if (session && !SAFE_METHODS.has(req.method)) {
    const sent = req.get(CSRF_HEADER);
    if (!sent || !sameSecret(sent, session.csrfToken)) {
      next(new AppError(403, 'csrf-failed', 'CSRF token missing or wrong', `Send the token from GET /api/v1/session in the ${CSRF_HEADER} header.`));
      return;
    }
  }
  next();
};

/** Refuses with 403 unless `allowed(viewer)`; the refusal is logged with the account and route, never a body. */
export function requireRole(allowed: (viewer: Viewer) => boolean, what: string, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const viewer = res.locals.viewer as Viewer;
    if (!allowed(viewer)) {
      const auth = authOf(res);
      logger.warn({ userId: auth?.user.id, role: auth?.user.role, method: req.method, path: loggablePath(req.originalUrl) }, 'refused: role may not do this');
      next(new AppError(403, 'forbidden', 'Forbidden', `Your role may not ${what}.`));
      return;
    }
    next();
  };
}
