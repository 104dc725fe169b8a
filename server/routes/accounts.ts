/**
 * Signing in and out, one's own password and API tokens, accounts (admins) and the audit trail (admins).
 */
import { Router, type RequestHandler } from 'express';
import { canManageAccounts } from '../viewer.js';
import { authOf, requireCsrf, requireRole, requireSignedIn, SESSION_COOKIE } from '../auth/middleware.js';
import { sessionCookieOptions } from '../auth/sign-in.js';
import { auditQuery, passwordChange, signIn, tokenCreate, userCreate, userUpdate } from '../schemas/accounts.js';
import { parseOrThrow } from '../schemas/common.js';
import * as accounts from '../services/accounts.js';
import { listAuditEntries } from '../services/audit.js';
import * as sessions from '../services/sessions.js';
import { parseQuery, recordId, requireJson, sendPage, viewerOf, type RouteContext } from './resource.js';

function sessionView(res: Parameters<typeof authOf>[0]) {
  const auth = authOf(res)!;
  return { account: accounts.userView(auth.user), method: auth.method, csrfToken: auth.session?.csrfToken ?? null };
}

/** `limiters`: the app's failed-sign-in limiters (auth/sign-in.ts), shared with the web pages. */
export function sessionRoutes({ ctx }: RouteContext, limiters: readonly RequestHandler[]): Router {
  const router = Router();
  router.post('/', requireJson, ...limiters, async (req, res) => {
    const result = await sessions.signIn(ctx, parseOrThrow(signIn, req.body));
    res.cookie(SESSION_COOKIE, result.sessionId, sessionCookieOptions(req));
    res.status(201).json({ account: result.account, method: 'session', csrfToken: result.csrfToken });
  });
  router.get('/', requireSignedIn, (_req, res) => {
    res.json(sessionView(res));
  });
  router.delete('/', requireSignedIn, requireCsrf, (req, res) => {
    const auth = authOf(res)!;
    if (auth.session) {
      sessions.signOut(ctx, auth.session.idHash);
      res.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(req), maxAge: undefined });
    }
    res.status(204).end();
  });
  router.post('/password', requireSignedIn, requireCsrf, requireJson, async (req, res) => {
    const account = await accounts.changeOwnPassword(ctx, viewerOf(res), parseOrThrow(passwordChange, req.body), authOf(res)!.session?.idHash);
    res.json({ account });
  });
  return router;
}

export function tokenRoutes({ ctx }: RouteContext): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.json({ items: accounts.listOwnTokens(ctx, viewerOf(res)) });
  });
  router.post('/', requireJson, (req, res) => {
    res.status(201).json(accounts.createToken(ctx, viewerOf(res), parseOrThrow(tokenCreate, req.body)));
  });
  router.delete('/:id', (req, res) => {
    accounts.revokeOwnToken(ctx, viewerOf(res), recordId(req, 'token'));
    res.status(204).end();
  });
  return router;
}

export function userRoutes({ ctx, logger }: RouteContext): Router {
  const router = Router();
  router.use(requireRole(canManageAccounts, 'manage accounts', logger));
  router.get('/', (_req, res) => {
    res.json({ items: accounts.listAccounts(ctx) });
  });
  router.post('/', requireJson, async (req, res) => {
    res.status(201).json(await accounts.createAccount(ctx, viewerOf(res), parseOrThrow(userCreate, req.body)));
  });
  router.patch('/:id', requireJson, (req, res) => {
    res.json(accounts.updateAccount(ctx, viewerOf(res), recordId(req, 'account'), parseOrThrow(userUpdate, req.body)));
  });
  router.post('/:id/password-reset', async (req, res) => {
    res.json(await accounts.resetPassword(ctx, viewerOf(res), recordId(req, 'account')));
  });
  return router;
}

export function auditRoutes({ ctx, logger }: RouteContext): Router {
  const router = Router();
  router.get('/', requireRole(canManageAccounts, 'read the audit trail', logger), (req, res) => {
    const { kind, record, limit, cursor } = parseQuery(auditQuery, req);
    sendPage(req, res, listAuditEntries(ctx, { recordKind: kind, recordId: record }, { afterId: cursor, limit: limit + 1 }), limit);
  });
  return router;
}
