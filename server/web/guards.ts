/**
 * What every page demands before it answers: a signed-in account (else the sign-in page), a
 * password of its own (else the password page), and on every POST from a session the session's
 * CSRF token in the form's `_csrf` field (a multipart upload carries it in the query string, so it
 * is checked before a byte of the file is read).
 */
import type { RequestHandler } from 'express';
import { authOf } from '../auth/middleware.js';
import { sameSecret } from '../auth/secrets.js';
import { AppError } from '../errors.js';
import { pages } from '../urls.js';
import { seeOther } from './render.js';

export const requireCsrfField: RequestHandler = (req, res, next) => {
  const session = authOf(res)?.session;
  if (session && req.method === 'POST') {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    const sent = typeof fromBody === 'string' ? fromBody : req.is('multipart/form-data') ? req.query._csrf : undefined;
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
      next(new AppError(403, 'csrf-failed', 'Form expired or forged', 'This form did not carry the token of your session. Go back, reload the page and send it again.'));
      return;
    }
  }
  next();
};

export const requireAccount: RequestHandler = (req, res, next) => {
  const auth = authOf(res);
  if (!auth) {
    if (req.method === 'GET' || req.method === 'HEAD') seeOther(res, `${pages.signIn}?next=${encodeURIComponent(req.originalUrl)}`);
    else next(new AppError(401, 'unauthenticated', 'Not signed in', 'Your session has ended. Sign in again, then send the form again.'));
    return;
  }
  if (auth.method === 'session' && auth.user.mustChangePassword) {
    seeOther(res, pages.password);
    return;
  }
  next();
};
