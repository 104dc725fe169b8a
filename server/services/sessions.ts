/**
 * Signing in and recognising who is asking. A session id lives only in its HttpOnly cookie and,
 * hashed, in the sessions table; an API token only with its owner and, hashed, in api_tokens.
 */
import { deleteExpiredSessions, deleteSession, findLiveSession, findLiveToken, findUserByName, insertSession } from '../../db/queries/accounts.js';
import type { User } from '../../db/schema.js';
import { spendVerificationTime, verifyPassword } from '../auth/passwords.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { AppError } from '../errors.js';
import type { SignIn } from '../schemas/accounts.js';
import { asAccount, type Viewer } from '../viewer.js';
import { userView } from './accounts.js';
import { recordEvent } from './audit.js';
import { timestamp, type ServiceContext } from './context.js';

export const SESSION_HOURS = 12;

export interface Authenticated {
  readonly viewer: Viewer;
  readonly user: User;
  readonly method: 'session' | 'token';
  /** For a session: its CSRF token and the hash of its id. */
  readonly session?: { readonly csrfToken: string; readonly idHash: string };
}

/** The same answer for a wrong name, a wrong password and a disabled account, so none can be told apart. */
const signInFailed = () => new AppError(401, 'sign-in-failed', 'Sign-in failed', 'Wrong name or password.');

export async function signIn(ctx: ServiceContext, input: SignIn) {
  const user = findUserByName(ctx.db, input.name);
  if (!user) {
    await spendVerificationTime(input.password);
    throw signInFailed();
  }
  if (!(await verifyPassword(user.passwordHash, input.password)) || user.disabled) throw signInFailed();
  const sessionId = newSecret();
  const csrfToken = newSecret();
  const now = ctx.now();
  ctx.db.transaction(() => {
    deleteExpiredSessions(ctx.db, now.toISOString());
    insertSession(ctx.db, {
      idHash: hashSecret(sessionId),
      userId: user.id,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    });
    recordEvent(ctx, asAccount(user), { action: 'sign-in', kind: 'users', id: user.id });
  });
  return { sessionId, csrfToken, account: userView(user) };
}

export function signOut(ctx: ServiceContext, sessionIdHash: string): void {
  deleteSession(ctx.db, sessionIdHash);
}

export function authenticateSession(ctx: ServiceContext, sessionId: string): Authenticated | undefined {
  const idHash = hashSecret(sessionId);
  const found = findLiveSession(ctx.db, idHash, timestamp(ctx));
  if (!found || found.user.disabled) return undefined;
  return { viewer: asAccount(found.user), user: found.user, method: 'session', session: { csrfToken: found.session.csrfToken, idHash } };
}

export function authenticateToken(ctx: ServiceContext, token: string): Authenticated | undefined {
  const found = findLiveToken(ctx.db, hashSecret(token), timestamp(ctx));
  if (!found || found.user.disabled) return undefined;
  return { viewer: asAccount(found.user), user: found.user, method: 'token' };
}
