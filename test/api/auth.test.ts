/**
 * Signing in, one-time passwords, cookies, CSRF, tokens and sign-in limits, over real HTTP.
 */
import assert from 'node:assert/strict';
import { clientFor, startCasebook, type ApiResponse, type Client, type TestCasebook } from '../helpers/casebook.js';
import { auditEntries } from '../../db/schema.js';

describe('accounts and signing in', () => {
  let cb: TestCasebook;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    cb = await startCasebook({ now: () => clock, signInLimits: { perAddress: 50, perAccount: 5 } });
  });
  afterEach(() => cb.close());

  const STRONG = 'correct horse battery staple 42';

  async function newAccount(role = 'journalist', name = 'amina') {
    const created = await cb.as('admin').post('/api/v1/users', { name, role });
    assert.equal(created.status, 201, created.text);
    return created.body as { account: { id: number; name: string }; oneTimePassword: string };
  }

  /** Signs in and returns a client that sends the session cookie (and the CSRF token, if asked). */
  async function signIn(name: string, password: string, { csrf = true } = {}): Promise<{ client: Client; response: ApiResponse }> {
    const response = await cb.as('anonymous').post('/api/v1/session', { name, password });
    assert.equal(response.status, 201, response.text);
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const headers: Record<string, string> = { cookie };
    if (csrf) headers['x-csrf-token'] = response.body.csrfToken;
    return { client: clientFor(cb.url, headers), response };
  }

  it('a wrong name and a wrong password get the same answer', async () => {
    const { account } = await newAccount();
    const wrongName = await cb.as('anonymous').post('/api/v1/session', { name: 'nobody-here', password: 'whatever it is' });
    const wrongPassword = await cb.as('anonymous').post('/api/v1/session', { name: account.name, password: 'whatever it is' });
    assert.equal(wrongName.status, 401);
    assert.deepEqual(wrongName.body, wrongPassword.body);
  });

  it('a one-time password must be changed, to a strong one, before anything else', async () => {
    const { account, oneTimePassword } = await newAccount();
    const { client, response } = await signIn(account.name, oneTimePassword);
    assert.equal(response.body.account.mustChangePassword, true);
    assert.equal((await client.get('/api/v1/incidents')).body.type, 'password-change-required');
    for (const weak of ['short pass', 'password1234', 'aaaaaaaaaaaaaaaa', `${account.name}${account.name}12`]) {
      const refused = await client.post('/api/v1/session/password', { currentPassword: oneTimePassword, newPassword: weak });
      assert.equal(refused.status, 400, weak);
      assert.equal(refused.body.errors[0].path, 'newPassword');
      assert.ok(!refused.text.includes(weak), 'the password is not echoed');
    }
    const changed = await client.post('/api/v1/session/password', { currentPassword: oneTimePassword, newPassword: STRONG });
    assert.equal(changed.status, 200, changed.text);
    assert.equal((await client.get('/api/v1/incidents')).status, 200);
    const again = await cb.as('anonymous').post('/api/v1/session', { name: account.name, password: oneTimePassword });
    assert.equal(again.status, 401, 'the one-time password is gone');
  });

  it('sets an HttpOnly, SameSite=Strict cookie, Secure behind TLS', async () => {
    const { account, oneTimePassword } = await newAccount();
    const { response } = await signIn(account.name, oneTimePassword);
    const cookie = response.headers.get('set-cookie')!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.doesNotMatch(cookie, /Secure/, 'plain HTTP on loopback cannot carry a Secure cookie');
  });

  it('marks the cookie Secure when a trusted TLS proxy forwarded the request', async () => {
    const behindProxy = await startCasebook({ trustProxy: 'loopback' });
    try {
      const { oneTimePassword } = (await behindProxy.as('admin').post('/api/v1/users', { name: 'tamara', role: 'journalist' })).body;
      const response = await behindProxy.as('anonymous').request('POST', '/api/v1/session', { name: 'tamara', password: oneTimePassword }, { 'x-forwarded-proto': 'https' });
      assert.equal(response.status, 201);
      assert.match(response.headers.get('set-cookie')!, /; Secure/);
    } finally {
      await behindProxy.close();
    }
  });

  it('refuses a cookie-authenticated write without the CSRF token, and accepts it with the token', async () => {
    const { account, oneTimePassword } = await newAccount('researcher', 'ruslan');
    const { client } = await signIn(account.name, oneTimePassword);
    await client.post('/api/v1/session/password', { currentPassword: oneTimePassword, newPassword: STRONG });
    const { client: withToken, response } = await signIn(account.name, STRONG);
    const cookieOnly = clientFor(cb.url, { cookie: response.headers.get('set-cookie')!.split(';')[0]! });
    const forged = clientFor(cb.url, { cookie: response.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': 'forged' });
    const body = { title: 'x', actTypes: ['torture'], date: '2017' };
    assert.equal((await cookieOnly.post('/api/v1/incidents', body)).body.type, 'csrf-failed');
    assert.equal((await forged.post('/api/v1/incidents', body)).status, 403);
    assert.equal((await withToken.post('/api/v1/incidents', body)).status, 201);
    assert.equal((await cookieOnly.get('/api/v1/incidents')).status, 200, 'reads need no CSRF token');
    assert.equal((await withToken.delete('/api/v1/session')).status, 204);
    assert.equal((await withToken.get('/api/v1/incidents')).status, 401, 'signed out');
  });

  it('API tokens: shown once, work until revoked or expired; malformed ones get 401', async () => {
    const created = await cb.as('journalist').post('/api/v1/tokens', { label: 'scraper', expiresAt: '2026-03-02T10:00:00Z' });
    assert.equal(created.status, 201);
    const script = clientFor(cb.url, { authorization: `Bearer ${created.body.token}` });
    assert.equal((await script.get('/api/v1/incidents')).status, 200);
    assert.ok(!JSON.stringify((await cb.as('journalist').get('/api/v1/tokens')).body).includes(created.body.token), 'never shown again');
    clock = new Date('2026-03-02T10:00:01Z');
    assert.equal((await script.get('/api/v1/incidents')).status, 401, 'expired');

    const second = await cb.as('journalist').post('/api/v1/tokens', { label: 'second', expiresAt: null });
    const secondClient = clientFor(cb.url, { authorization: `Bearer ${second.body.token}` });
    assert.equal((await cb.as('journalist').delete(`/api/v1/tokens/${second.body.id}`)).status, 204);
    assert.equal((await secondClient.get('/api/v1/incidents')).status, 401, 'revoked');
    for (const header of ['Bearer', 'Bearer not-a-token', 'Basic dXNlcjpwYXNz', `Bearer ${'x'.repeat(500)}`]) {
      const response = await cb.request('GET', '/api/v1/incidents', undefined, { authorization: header });
      assert.equal(response.status, 401, header);
      assert.match(response.contentType, /problem\+json/);
    }
    assert.equal((await cb.as('anonymous').get('/api/v1/incidents')).status, 401);
  });

  it('limits failed sign-ins per account, even when the right password follows', async () => {
    const { account, oneTimePassword } = await newAccount();
    for (let i = 0; i < 5; i++) assert.equal((await cb.as('anonymous').post('/api/v1/session', { name: account.name, password: `wrong guess ${i}` })).status, 401);
    const blocked = await cb.as('anonymous').post('/api/v1/session', { name: account.name, password: oneTimePassword });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.type, 'too-many-requests');
  });

  it('sends security headers on every response', async () => {
    for (const response of [await cb.get('/api/v1/incidents'), await cb.as('anonymous').get('/api/v1/nothing')]) {
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      assert.equal(response.headers.get('x-powered-by'), null);
    }
  });

  it('only admins manage accounts; a disabled account is signed out and its tokens stop', async () => {
    assert.equal((await cb.as('researcher').post('/api/v1/users', { name: 'eve', role: 'admin' })).status, 403);
    const journalist = cb.account('journalist');
    assert.equal((await cb.as('admin').patch(`/api/v1/users/${journalist.id}`, { disabled: true })).status, 200);
    assert.equal((await cb.as('journalist').get('/api/v1/incidents')).status, 401);
    const self = cb.account('admin');
    assert.equal((await cb.as('admin').patch(`/api/v1/users/${self.id}`, { disabled: true })).status, 409, 'no admin locks themselves out');
  });

  it('never writes a password, a token or a hash of either into the log or the audit trail', async () => {
    const { account, oneTimePassword } = await newAccount();
    const { client } = await signIn(account.name, oneTimePassword);
    await client.post('/api/v1/session/password', { currentPassword: oneTimePassword, newPassword: STRONG });
    const token = (await cb.as('journalist').post('/api/v1/tokens', { label: 't', expiresAt: null })).body.token as string;
    await cb.as('anonymous').post('/api/v1/session', { name: account.name, password: 'a wrong password' });
    const audit = JSON.stringify(cb.db.select().from(auditEntries).all());
    const logs = cb.logLines.join('\n');
    for (const secret of [oneTimePassword, STRONG, token, '$argon2', cb.account('journalist').token]) {
      assert.ok(!audit.includes(secret), `audit holds ${secret.slice(0, 8)}…`);
      assert.ok(!logs.includes(secret), `log holds ${secret.slice(0, 8)}…`);
    }
    assert.match(audit, /"action":"sign-in"/);
    assert.match(audit, /"action":"password-change"/);
    assert.match(audit, /"action":"token-create"/);
  });
});
