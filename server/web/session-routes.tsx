/**
 * Signing in and out and changing one's password, on the same services and session cookie as
 * the API (POST /api/v1/session), behind the same failed-sign-in limits.
 */
import { Router, type RequestHandler } from 'express';
import { authOf, SESSION_COOKIE } from '../auth/middleware.js';
import { sessionCookieOptions } from '../auth/sign-in.js';
import { AppError, ValidationError } from '../errors.js';
import { parseOrThrow } from '../schemas/common.js';
import { passwordChange, signIn } from '../schemas/accounts.js';
import { changeOwnPassword } from '../services/accounts.js';
import * as sessions from '../services/sessions.js';
import type { ServiceContext } from '../services/context.js';
import { pageCollection, pages } from '../urls.js';
import type { Viewer } from '../viewer.js';
import { formValues, one } from './form-values.js';
import { pageContext } from './page-context.js';
import { PasswordPage, SignInPage } from './pages/session.js';
import { seeOther, sendHtml } from './render.js';
import { requireCsrfField } from './guards.js';

/** Where to go after signing in: a path on this site only, never another host (`//evil`, `/\evil`). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && next.length <= 2000 ? next : pageCollection('incidents');
}

export function sessionPages(ctx: ServiceContext, limiters: readonly RequestHandler[]): Router {
  const router = Router();

  router.get(pages.signIn, (req, res) => {
    sendHtml(res, <SignInPage page={pageContext(req, res)} values={{}} next={safeNext(req.query.next)} />);
  });

  router.post(pages.signIn, ...limiters, async (req, res) => {
    const values = formValues(req.body);
    const next = safeNext(req.query.next);
    try {
      const result = await sessions.signIn(ctx, parseOrThrow(signIn, { name: one(values, 'name'), password: one(values, 'password') }));
      res.cookie(SESSION_COOKIE, result.sessionId, sessionCookieOptions(req));
      seeOther(res, result.account.mustChangePassword ? pages.password : next);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 401) throw error;
      // A failed sign-in must still count against the limits: they skip only responses below 400.
      sendHtml(res, <SignInPage page={pageContext(req, res)} values={{ name: one(values, 'name') }} next={next} problem={error.message} />, 401);
    }
  });

  router.post(pages.signOut, requireCsrfField, (req, res) => {
    const auth = authOf(res);
    if (auth?.session) {
      sessions.signOut(ctx, auth.session.idHash);
      res.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(req), maxAge: undefined });
    }
    seeOther(res, pages.signIn);
  });

  router.get(pages.password, requireSession, (req, res) => {
    sendHtml(res, <PasswordPage page={pageContext(req, res)} issues={[]} mustChange={authOf(res)!.user.mustChangePassword} />);
  });

  router.post(pages.password, requireSession, requireCsrfField, async (req, res) => {
    const values = formValues(req.body);
    const auth = authOf(res)!;
    try {
      if (one(values, 'newPassword') !== one(values, 'newPasswordAgain')) {
        throw new ValidationError([{ path: 'newPasswordAgain', message: 'does not match the new password' }]);
      }
      const input = parseOrThrow(passwordChange, { currentPassword: one(values, 'currentPassword'), newPassword: one(values, 'newPassword') });
      await changeOwnPassword(ctx, res.locals.viewer as Viewer, input, auth.session?.idHash);
      seeOther(res, pages.account);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      sendHtml(res, <PasswordPage page={pageContext(req, res)} issues={error.issues} mustChange={auth.user.mustChangePassword} />, 400);
    }
  });

  return router;
}

/** Changing a password needs a signed-in session, even one whose password must change. */
const requireSession: RequestHandler = (req, res, next) => {
  if (!authOf(res)) {
    seeOther(res, `${pages.signIn}?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  next();
};
