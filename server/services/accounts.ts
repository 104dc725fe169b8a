/**
 * Accounts and API tokens. One-time passwords and new tokens are returned once, to the caller,
 * and stored only hashed; the audit trail records the account, never a secret.
 */
import { apiTokens, users, type User } from '../../db/schema.js';
import { deleteSessionsOf, findUserByName, listUsers, tokensOf } from '../../db/queries/accounts.js';
import { getRow, insertRow, updateRow } from '../../db/queries/rows.js';
import { hashPassword, oneTimePassword, verifyPassword, weakPasswordReason } from '../auth/passwords.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { AppError, ConflictError, ValidationError } from '../errors.js';
import type { PasswordChange, TokenCreate, UserCreate, UserUpdate } from '../schemas/accounts.js';
import type { Viewer } from '../viewer.js';
import { recordChange } from './audit.js';
import { notFound, timestamp, type ServiceContext } from './context.js';

export function userView(user: User) {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabled,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export function listAccounts(ctx: ServiceContext) {
  return listUsers(ctx.db).map(userView);
}

function existingUser(ctx: ServiceContext, id: number): User {
  const user = getRow(ctx.db, users, id);
  if (!user) throw notFound('account', id);
  return user;
}

/** Creates an account with a one-time password, returned once: the user must change it at first sign-in. */
export async function createAccount(ctx: ServiceContext, viewer: Viewer, input: UserCreate) {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const id = recordChange(ctx, viewer, { kind: 'users', action: 'create' }, () => {
    if (findUserByName(ctx.db, input.name)) throw new ConflictError('An account with that name exists already.');
    const now = timestamp(ctx);
    return insertRow(ctx.db, users, { name: input.name, role: input.role, passwordHash, mustChangePassword: true, createdAt: now, updatedAt: now }).id;
  });
  return { account: userView(existingUser(ctx, id)), oneTimePassword: password };
}

export function updateAccount(ctx: ServiceContext, viewer: Viewer, id: number, input: UserUpdate) {
  recordChange(ctx, viewer, { kind: 'users', action: 'update', id }, () => {
    existingUser(ctx, id);
    if (viewer.kind === 'role' && viewer.account?.id === id && (input.disabled || (input.role && input.role !== 'admin'))) {
      throw new ConflictError('An admin cannot disable or demote their own account; ask another admin.');
    }
    updateRow(ctx.db, users, id, { ...input, updatedAt: timestamp(ctx) });
    if (input.disabled) deleteSessionsOf(ctx.db, id);
    return id;
  });
  return userView(existingUser(ctx, id));
}

/** Replaces the password with a new one-time password and signs the account out everywhere. */
export async function resetPassword(ctx: ServiceContext, viewer: Viewer, id: number) {
  existingUser(ctx, id);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  recordChange(ctx, viewer, { kind: 'users', action: 'password-reset', id }, () => {
    updateRow(ctx.db, users, id, { passwordHash, mustChangePassword: true, updatedAt: timestamp(ctx) });
    deleteSessionsOf(ctx.db, id);
    return id;
  });
  return { account: userView(existingUser(ctx, id)), oneTimePassword: password };
}

/** The signed-in user changes their own password; other sessions of theirs end. */
export async function changeOwnPassword(ctx: ServiceContext, viewer: Viewer, input: PasswordChange, keepSessionHash?: string) {
  const account = viewer.kind === 'role' ? viewer.account : undefined;
  if (!account) throw new AppError(401, 'unauthenticated', 'Not signed in', 'Sign in first.');
  const user = existingUser(ctx, account.id);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ValidationError([{ path: 'currentPassword', message: 'is not your current password' }]);
  }
  const reason = await weakPasswordReason(input.newPassword, [user.name]);
  if (reason) throw new ValidationError([{ path: 'newPassword', message: reason }]);
  if (input.newPassword === input.currentPassword) throw new ValidationError([{ path: 'newPassword', message: 'must differ from the current password' }]);
  const passwordHash = await hashPassword(input.newPassword);
  recordChange(ctx, viewer, { kind: 'users', action: 'password-change', id: user.id }, () => {
    updateRow(ctx.db, users, user.id, { passwordHash, mustChangePassword: false, updatedAt: timestamp(ctx) });
    deleteSessionsOf(ctx.db, user.id, keepSessionHash);
    return user.id;
  });
  return userView(existingUser(ctx, user.id));
}

function tokenView(token: typeof apiTokens.$inferSelect) {
  return { id: token.id, label: token.label, createdAt: token.createdAt, expiresAt: token.expiresAt, revokedAt: token.revokedAt };
}

function accountOf(viewer: Viewer) {
  const account = viewer.kind === 'role' ? viewer.account : undefined;
  if (!account) throw new AppError(401, 'unauthenticated', 'Not signed in', 'Sign in first.');
  return account;
}

export function listOwnTokens(ctx: ServiceContext, viewer: Viewer) {
  return tokensOf(ctx.db, accountOf(viewer).id).map(tokenView);
}

/** Creates an API token for `userId` (the viewer's own unless an admin or the command line says otherwise); the token is returned once. */
export function createToken(ctx: ServiceContext, viewer: Viewer, input: TokenCreate, userId = accountOf(viewer).id) {
  if (input.expiresAt !== null && Date.parse(input.expiresAt) <= ctx.now().getTime()) {
    throw new ValidationError([{ path: 'expiresAt', message: 'must lie in the future' }]);
  }
  const token = newSecret();
  const id = recordChange(ctx, viewer, { kind: 'tokens', action: 'token-create' }, () => {
    existingUser(ctx, userId);
    return insertRow(ctx.db, apiTokens, {
      userId,
      label: input.label,
      tokenHash: hashSecret(token),
      createdAt: timestamp(ctx),
      expiresAt: input.expiresAt === null ? null : new Date(input.expiresAt).toISOString(),
      revokedAt: null,
    }).id;
  });
  return { ...tokenView(getRow(ctx.db, apiTokens, id)!), token };
}

export function revokeOwnToken(ctx: ServiceContext, viewer: Viewer, id: number): void {
  const account = accountOf(viewer);
  recordChange(ctx, viewer, { kind: 'tokens', action: 'token-revoke', id }, () => {
    const token = getRow(ctx.db, apiTokens, id);
    if (!token || token.userId !== account.id) throw notFound('token', id);
    if (token.revokedAt === null) updateRow(ctx.db, apiTokens, id, { revokedAt: timestamp(ctx) });
    return id;
  });
}
