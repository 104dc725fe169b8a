/** The signed-in user's own page: who they are, and their API tokens. */
import { Router, type Request, type Response } from 'express';
import { ValidationError, type Issue } from '../errors.js';
import { parseOrThrow } from '../schemas/common.js';
import { recordId, viewerOf, type RouteContext } from '../routes/resource.js';
import { tokenCreate } from '../schemas/accounts.js';
import { createToken, listOwnTokens, revokeOwnToken } from '../services/accounts.js';
import { pages } from '../urls.js';
import { formValues, one, textOrNull, type FormValues } from './form-values.js';
import { pageContext } from './page-context.js';
import { AccountPage } from './pages/account.js';
import { seeOther, sendHtml } from './render.js';

/** A datetime-local field holds no time zone; the form says it is UTC. */
function expiryOf(text: string): string | null {
  const value = textOrNull(text);
  if (value === null) return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00Z` : value;
}

export function accountPages({ ctx }: RouteContext): Router {
  const router = Router();
  const show = (req: Request, res: Response, values: FormValues, issues: readonly Issue[], created?: { label: string; token: string }) => (
    <AccountPage page={pageContext(req, res)} tokens={listOwnTokens(ctx, viewerOf(res))} values={values} issues={issues} created={created} />
  );
  router.get(pages.account, (req, res) => sendHtml(res, show(req, res, {}, [])));
  // The new token is shown on this answer, not after a redirect: it must sit in no URL and no session.
  router.post(`${pages.account}/tokens`, (req, res) => {
    const values = formValues(req.body);
    try {
      const input = parseOrThrow(tokenCreate, { label: one(values, 'label'), expiresAt: expiryOf(one(values, 'expiresAt')) });
      const token = createToken(ctx, viewerOf(res), input);
      sendHtml(res, show(req, res, {}, [], { label: token.label, token: token.token }), 201);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      sendHtml(res, show(req, res, values, error.issues), 400);
    }
  });
  router.post(`${pages.account}/tokens/:id/revoke`, (req, res) => {
    revokeOwnToken(ctx, viewerOf(res), recordId(req, 'token'));
    seeOther(res, pages.account);
  });
  return router;
}
