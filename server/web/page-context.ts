/**
 * What every page knows about the request it answers: who is reading (the viewer decides what
 * they see), their account, the CSRF token their forms carry, and where they are.
 */
import type { Request, Response } from 'express';
import { authOf } from '../auth/middleware.js';
import type { Viewer } from '../viewer.js';

export interface PageContext {
  readonly viewer: Viewer;
  readonly account?: { readonly name: string; readonly role: string };
  /** The session's CSRF token, for forms' hidden field; absent for a token-authenticated request, which needs none. */
  readonly csrfToken?: string;
  /** The path of this request, for marking the current page in the navigation. */
  readonly path: string;
}

export function pageContext(req: Request, res: Response): PageContext {
  const auth = authOf(res);
  return {
    viewer: res.locals.viewer as Viewer,
    ...(auth && { account: { name: auth.user.name, role: auth.user.role } }),
    ...(auth?.session && { csrfToken: auth.session.csrfToken }),
    path: req.path,
  };
}
