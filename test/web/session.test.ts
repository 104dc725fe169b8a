/**
 * Signing in and out on the web pages, the first password, CSRF on forms, the page frame's
 * headers. A real server on a temporary SQLite file; the visitor is plain fetch with a cookie.
 */
import assert from 'node:assert/strict';
import { findUserByName } from '../../db/queries/accounts.js';
import { createAccount } from '../../server/services/accounts.js';
import { asRole } from '../../server/viewer.js';
import { startCasebook, type TestCasebook } from '../helpers/casebook.js';
import { anonymousVisitor, aWebAccount, signInOnWeb, WEB_PASSWORD } from '../helpers/web.js';

describe('web sessions', () => {
  let cb: TestCasebook;
  before(async () => {
    cb = await startCasebook({ signInLimits: { perAddress: 50, perAccount: 3 } });
  });
  after(() => cb.close());

  it('when nobody is signed in, a page sends them to the sign-in form and back afterwards', async () => {
    const page = await anonymousVisitor(cb).get('/incidents?date=2017');
    assert.equal(page.status, 303);
    assert.equal(page.location, `/sign-in?next=${encodeURIComponent('/incidents?date=2017')}`);
    const account = await aWebAccount(cb, 'researcher', 'web-back');
    const signIn = await anonymousVisitor(cb).post(page.location!, { name: account.name, password: account.password });
    assert.equal(signIn.status, 303);
    assert.equal(signIn.location, '/incidents?date=2017');
  });

  it('never sends a signed-in user to another site', async () => {
    const account = await aWebAccount(cb, 'journalist', 'web-next');
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/']) {
      const signIn = await anonymousVisitor(cb).post(`/sign-in?next=${encodeURIComponent(next)}`, account);
      assert.equal(signIn.location, '/incidents', next);
    }
  });

  it('a wrong password is a 401 form that keeps the name, says nothing of which part was wrong, and counts against the limit', async () => {
    const visitor = anonymousVisitor(cb);
    const account = await aWebAccount(cb, 'journalist', 'web-limited');
    for (let attempt = 0; attempt < 3; attempt++) {
      const wrong = await visitor.post('/sign-in', { name: account.name, password: 'not it at all' });
      assert.equal(wrong.status, 401);
      assert.match(wrong.text, /Wrong name or password/);
      assert.match(wrong.text, /value="web-limited"/);
      assert.ok(!wrong.text.includes('not it at all'), 'the password is never echoed');
    }
    const blocked = await visitor.post('/sign-in', { name: account.name, password: account.password });
    assert.equal(blocked.status, 429);
    assert.match(blocked.text, /wait 15 minutes/);
  });

  it('shows who is signed in and with which role, and signs out with the form', async () => {
    const visitor = await signInOnWeb(cb, await aWebAccount(cb, 'journalist', 'web-who'));
    const account = await visitor.get('/account');
    assert.equal(account.status, 200);
    assert.match(account.text, /Signed in as <a href="\/account">web-who<\/a> \(journalist\)/);
    const out = await visitor.post('/sign-out');
    assert.equal(out.status, 303);
    assert.equal((await visitor.get('/incidents')).status, 303, 'the session is over');
  });

  it('a form without the session CSRF token, or with another, is refused with 403 and changes nothing', async () => {
    const visitor = await signInOnWeb(cb, await aWebAccount(cb, 'researcher', 'web-csrf'));
    const before = (await cb.get('/api/v1/incidents')).body.items.length;
    for (const token of ['', 'forged', visitor.csrf.slice(1)]) {
      const refused = await visitor.post('/incidents/new', { _csrf: token, title: 'Forged', actTypes: 'torture', date: '2017' });
      assert.equal(refused.status, 403, token);
      assert.match(refused.text, /did not carry the token of your session/);
    }
    assert.equal((await visitor.post('/sign-out', { _csrf: 'forged' })).status, 403);
    assert.equal((await cb.get('/api/v1/incidents')).body.items.length, before);
    assert.equal((await visitor.get('/incidents')).status, 200, 'still signed in: the forged sign-out did nothing');
  });

  it('a one-time password must be replaced first; the form explains a mismatch and a weak password next to the field', async () => {
    const ctx = { db: cb.db, now: () => new Date() };
    const { oneTimePassword } = await createAccount(ctx, asRole('admin'), { name: 'web-first', role: 'researcher' });
    const signIn = await anonymousVisitor(cb).post('/sign-in', { name: 'web-first', password: oneTimePassword });
    assert.equal(signIn.location, '/account/password');
    const visitor = await signInOnWeb(cb, { name: 'web-first', password: oneTimePassword }).catch(() => undefined);
    assert.equal(visitor, undefined, 'the helper cannot read the account page before the password is changed');
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const get = (path: string) => fetch(cb.url + path, { headers: { cookie }, redirect: 'manual' });
    assert.equal((await get('/incidents')).headers.get('location'), '/account/password');
    const form = await (await get('/account/password')).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
    const post = (fields: Record<string, string>) =>
      fetch(`${cb.url}/account/password`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, ...fields }) });
    const mismatch = await post({ currentPassword: oneTimePassword, newPassword: WEB_PASSWORD, newPasswordAgain: 'other' });
    assert.equal(mismatch.status, 400);
    assert.match(await mismatch.text(), /id="f-newPasswordAgain-error-0">Error: does not match the new password/);
    const weak = await post({ currentPassword: oneTimePassword, newPassword: 'password1', newPasswordAgain: 'password1' });
    assert.equal(weak.status, 400);
    assert.match(await weak.text(), /id="f-newPassword-error-0">Error: /);
    const changed = await post({ currentPassword: oneTimePassword, newPassword: WEB_PASSWORD, newPasswordAgain: WEB_PASSWORD });
    assert.equal(changed.status, 303);
    assert.equal(findUserByName(cb.db, 'web-first')!.mustChangePassword, false);
    assert.equal((await get('/incidents')).status, 200);
  });

  it('pages are HTML with a strict content security policy, never cached, and the stylesheet is served by Casebook', async () => {
    const page = await anonymousVisitor(cb).get('/sign-in');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const csp = page.headers.get('content-security-policy')!;
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "script-src-attr 'none'", "object-src 'none'", "frame-ancestors 'none'"]) {
      assert.ok(csp.includes(directive), `${directive} in ${csp}`);
    }
    assert.ok(!csp.includes('unsafe-inline'), csp);
    assert.match(page.text, /<label for="f-name">Account name<\/label><input id="f-name"/);
    const css = await anonymousVisitor(cb).get('/assets/casebook.css');
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type')!, /^text\/css/);
    assert.match(css.text, /:focus-visible/);
    assert.ok(page.text.length + css.text.length < 100_000);
  });

  it('an unknown page is a 404 page; the API keeps its problem+json', async () => {
    const visitor = await signInOnWeb(cb, await aWebAccount(cb, 'journalist', 'web-404'));
    const page = await visitor.get('/no-such-page');
    assert.equal(page.status, 404);
    assert.match(page.text, /<h1>Page not found<\/h1>/);
    const api = await cb.get('/api/v1/no-such-route');
    assert.equal(api.status, 404);
    assert.match(api.contentType, /problem\+json/);
    assert.ok(findUserByName(cb.db, 'web-404'));
  });
});
