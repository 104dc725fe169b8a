/** Admin pages: accounts (create, role, disable, reset password) and the audit trail with its chain verified. */
import { Router, type Request, type Response } from 'express';
import { requireRole } from '../auth/middleware.js';
import { ValidationError, type Issue } from '../errors.js';
import { recordId, viewerOf, type RouteContext } from '../routes/resource.js';
import { auditQuery, userCreate, userUpdate } from '../schemas/accounts.js';
import { parseOrThrow } from '../schemas/common.js';
import * as accounts from '../services/accounts.js';
import { listAuditEntries, verifyAuditTrail } from '../services/audit.js';
import { pages } from '../urls.js';
import { canManageAccounts } from '../viewer.js';
import { formValues, one, type FormValues } from './form-values.js';
import { pageContext } from './page-context.js';
import { AuditPage, UsersPage } from './pages/admin.js';
import { filledQuery, onePage, parseListQuery } from './reads.js';
import { seeOther, sendHtml } from './render.js';

export function adminPages({ ctx, logger }: RouteContext): Router {
  const router = Router();
  router.use([pages.users, pages.audit], requireRole(canManageAccounts, 'manage accounts or read the audit trail', logger));

  const users = (req: Request, res: Response, values: FormValues, issues: readonly Issue[], oneTime?: { name: string; password: string }) => (
    <UsersPage page={pageContext(req, res)} accounts={accounts.listAccounts(ctx)} values={values} issues={issues} oneTime={oneTime} />
  );
  router.get(pages.users, (req, res) => sendHtml(res, users(req, res, { role: 'researcher' }, [])));
  // One-time passwords are shown on the answer to the POST itself, never after a redirect.
  router.post(pages.users, async (req, res) => {
    const values = formValues(req.body);
    try {
      const created = await accounts.createAccount(ctx, viewerOf(res), parseOrThrow(userCreate, { name: one(values, 'name'), role: one(values, 'role') }));
      sendHtml(res, users(req, res, { role: 'researcher' }, [], { name: created.account.name, password: created.oneTimePassword }), 201);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      sendHtml(res, users(req, res, values, error.issues), 400);
    }
  });
  router.post(`${pages.users}/:id`, (req, res) => {
    const values = formValues(req.body);
    accounts.updateAccount(ctx, viewerOf(res), recordId(req, 'account'), parseOrThrow(userUpdate, { role: one(values, 'role'), disabled: one(values, 'disabled') === 'true' }));
    seeOther(res, pages.users);
  });
  router.post(`${pages.users}/:id/password-reset`, async (req, res) => {
    const reset = await accounts.resetPassword(ctx, viewerOf(res), recordId(req, 'account'));
    sendHtml(res, users(req, res, { role: 'researcher' }, [], { name: reset.account.name, password: reset.oneTimePassword }));
  });

  router.get(pages.audit, (req, res) => {
    const query = filledQuery(req);
    const { query: parsed, issues } = parseListQuery(auditQuery, query);
    if (!parsed) throw new ValidationError(issues);
    const list = onePage((page) => listAuditEntries(ctx, { recordKind: parsed.kind, recordId: parsed.record }, page), parsed.cursor, parsed.limit);
    sendHtml(res, <AuditPage page={pageContext(req, res)} chain={verifyAuditTrail(ctx)} entries={list.items} next={list.next} query={query} />);
  });
  return router;
}
