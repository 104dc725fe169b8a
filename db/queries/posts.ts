import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { posts, type Post } from '../schema.js';
import { pageRows } from './rows.js';
import type { Scope } from './scope.js';

export interface PostFilter {
  readonly personId?: number;
  readonly organisationId?: number;
  /** Posts whose period may overlap this span; posts with no known period never match. */
  readonly dateSpan?: { readonly earliest: string; readonly latest: string };
}

export function findPosts(db: Db, scope: Scope, filter: PostFilter, page: { afterId?: number; limit: number }): Post[] {
  const conditions: SQL[] = [];
  // A protected person's posts would identify him: without clearance they are not there at all.
  if (!scope.protectedNames) conditions.push(sql`${posts.personId} IN (SELECT id FROM persons WHERE protection <> 'protected')`);
  if (filter.personId !== undefined) conditions.push(eq(posts.personId, filter.personId));
  if (filter.organisationId !== undefined) conditions.push(eq(posts.organisationId, filter.organisationId));
  if (filter.dateSpan) {
    conditions.push(sql`${posts.periodLatest} >= ${filter.dateSpan.earliest} AND ${posts.periodEarliest} <= ${filter.dateSpan.latest}`);
  }
  return pageRows(db, posts, conditions, page);
}

export function postsOfPersons(db: Db, personIds: readonly number[]): Post[] {
  if (personIds.length === 0) return [];
  return db.select().from(posts).where(inArray(posts.personId, [...personIds])).orderBy(posts.id).all();
}
