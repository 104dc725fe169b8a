/** Posts: a person holding a role in an organisation over a period, the basis of command responsibility. */
import { organisations, persons, posts, type Post } from '../../db/schema.js';
import { citationsOfClaims } from '../../db/queries/citations.js';
import { actorsOf } from '../../db/queries/involvements.js';
import { findPosts, type PostFilter } from '../../db/queries/posts.js';
import { getRow, insertRow, updateRow } from '../../db/queries/rows.js';
import { claimStatuses } from '../../db/queries/status.js';
import type { PostCreate, PostUpdate } from '../schemas/people.js';
import { clearanceOf, seesIdentity, type Viewer } from '../viewer.js';
import { citationView } from '../views/citations.js';
import { postView } from '../views/people.js';
import { assertReferencesExist, notFound, type ServiceContext, timestamp } from './context.js';
import { protect } from './protection.js';
import { deleteRecord, recordChange } from './audit.js';

function periodColumns(period: PostCreate['period']) {
  return { period: period?.edtf ?? null, periodEarliest: period?.earliest ?? null, periodLatest: period?.latest ?? null };
}

/** A protected person's posts are part of his identity: hidden from viewers who may not see it. */
function viewAll(ctx: ServiceContext, viewer: Viewer, rows: Post[]) {
  const actors = actorsOf(ctx.db, rows);
  const visible = rows.filter((row) => seesIdentity(viewer, actors.persons.get(row.personId)!));
  const statuses = claimStatuses(ctx.db, 'post', visible.map((row) => row.id));
  return visible.map((row) =>
    postView(viewer, row, {
      person: actors.persons.get(row.personId)!,
      organisation: actors.organisations.get(row.organisationId)!,
      status: statuses.get(row.id)!,
    }),
  );
}

function listPostsUnshielded(ctx: ServiceContext, viewer: Viewer, filter: PostFilter, page: { afterId?: number; limit: number }) {
  return viewAll(ctx, viewer, findPosts(ctx.db, clearanceOf(viewer), filter, page));
}

function getPostUnshielded(ctx: ServiceContext, viewer: Viewer, id: number) {
  const row = getRow(ctx.db, posts, id);
  const [post] = row ? viewAll(ctx, viewer, [row]) : [];
  if (!post) throw notFound('post', id);
  const citations = citationsOfClaims(ctx.db, 'post', [id]);
  return { ...post, citations: citations.map(({ citation, source }) => citationView(viewer, citation, source)) };
}

function checkRefs(ctx: ServiceContext, input: { person?: number; organisation?: number }) {
  assertReferencesExist(ctx, [
    { path: 'person', table: persons, id: input.person, noun: 'person' },
    { path: 'organisation', table: organisations, id: input.organisation, noun: 'organisation' },
  ]);
}

export function createPost(ctx: ServiceContext, viewer: Viewer, input: PostCreate) {
  const id = recordChange(ctx, viewer, { kind: 'posts', action: 'create' }, () => {
    checkRefs(ctx, input);
    const now = timestamp(ctx);
    return insertRow(ctx.db, posts, {
      personId: input.person,
      organisationId: input.organisation,
      role: input.role,
      ...periodColumns(input.period),
      createdAt: now,
      updatedAt: now,
    }).id;
  });
  return getPost(ctx, viewer, id);
}

export function updatePost(ctx: ServiceContext, viewer: Viewer, id: number, input: PostUpdate) {
  recordChange(ctx, viewer, { kind: 'posts', action: 'update', id }, () => {
    if (!getRow(ctx.db, posts, id)) throw notFound('post', id);
    checkRefs(ctx, input);
    updateRow(ctx.db, posts, id, {
      ...(input.person !== undefined && { personId: input.person }),
      ...(input.organisation !== undefined && { organisationId: input.organisation }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.period !== undefined && periodColumns(input.period)),
      updatedAt: timestamp(ctx),
    });
    return id;
  });
  return getPost(ctx, viewer, id);
}

export function deletePost(ctx: ServiceContext, viewer: Viewer, id: number): void {
  deleteRecord(ctx, viewer, 'posts', 'post', id);
}

export function listPosts(ctx: ServiceContext, viewer: Viewer, filter: PostFilter, page: { afterId?: number; limit: number }) {
  return protect(ctx, viewer, listPostsUnshielded(ctx, viewer, filter, page));
}

export function getPost(ctx: ServiceContext, viewer: Viewer, id: number) {
  return protect(ctx, viewer, getPostUnshielded(ctx, viewer, id));
}
