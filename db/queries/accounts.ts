import { and, asc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { apiTokens, sessions, users, type ApiToken, type Session, type User } from '../schema.js';

export function findUserByName(db: Db, name: string): User | undefined {
  return db.select().from(users).where(sql`lower(${users.name}) = lower(${name})`).get();
}

export function listUsers(db: Db): User[] {
  return db.select().from(users).orderBy(asc(users.id)).all();
}

export function countUsers(db: Db): number {
  return db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM users`)!.n;
}

/** The live token with this hash and its user; expired and revoked tokens are not found. */
export function findLiveToken(db: Db, tokenHash: string, now: string): { token: ApiToken; user: User } | undefined {
  return db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
    .get();
}

export function tokensOf(db: Db, userId: number): ApiToken[] {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.id)).all();
}

export function insertSession(db: Db, values: Session): void {
  db.insert(sessions).values(values).run();
}

export function findLiveSession(db: Db, idHash: string, now: string): { session: Session; user: User } | undefined {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)))
    .get();
}

export function deleteSession(db: Db, idHash: string): void {
  db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
}

/** Signs a user out everywhere (but the session `keepIdHash`): after a password change or reset, or when disabled. */
export function deleteSessionsOf(db: Db, userId: number, keepIdHash = ''): void {
  db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash))).run();
}

export function deleteExpiredSessions(db: Db, now: string): void {
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
}
