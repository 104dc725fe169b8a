import type { Response } from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * Sends a page. JSX escapes every string it is given, so nothing a user typed can become markup;
 * pages are never cached, since they hold what this viewer alone may see.
 */
export function sendHtml(res: Response, page: VNode, status = 200): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').send(`<!doctype html>\n${renderToString(page)}`);
}

/** After a form's POST: 303, so reloading the next page does not send the form again. */
export function seeOther(res: Response, path: string): void {
  res.redirect(303, path);
}
