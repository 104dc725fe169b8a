import { z } from 'zod';
import { codesOf } from '../../db/vocabularies.js';
import { pagingQuery, queryId, requiredText } from './common.js';

const userName = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'use letters, digits, dots, hyphens and underscores only');

// Passwords are never trimmed or echoed; only their length is bounded here, strength in the service.
const password = z.string().min(1).max(1000);

export const signIn = z.strictObject({ name: z.string().max(200), password });

export const passwordChange = z.strictObject({ currentPassword: password, newPassword: password });

export const userCreate = z.strictObject({ name: userName, role: z.enum(codesOf('userRoles')) });

export const userUpdate = z.strictObject({ role: z.enum(codesOf('userRoles')), disabled: z.boolean() }).partial();

export const tokenCreate = z.strictObject({
  label: requiredText(200),
  /** Optional expiry, an ISO 8601 date-time in the future. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const auditQuery = z.strictObject({
  kind: z.string().max(50).optional(),
  record: queryId.optional(),
  ...pagingQuery,
});

export type SignIn = z.output<typeof signIn>;
export type PasswordChange = z.output<typeof passwordChange>;
export type UserCreate = z.output<typeof userCreate>;
export type UserUpdate = z.output<typeof userUpdate>;
export type TokenCreate = z.output<typeof tokenCreate>;
