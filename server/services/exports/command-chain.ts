/**
 * Who held which post over a unit at the time of an incident: the posts in each organisation
 * involved as perpetrator, commander or complicit, and in its parent one level up, matched to the
 * incident's date as certain or possible (server/values/dating.ts). Also the posts a person held
 * at the time. A post with no citation is not stated (it is counted as left out).
 */
import { datingOf, heldAtTheTime, type AtTheTime, type Dating } from '../../values/dating.js';
import type { Viewer } from '../../viewer.js';
import type { ServiceContext } from '../context.js';
import { getOrganisation } from '../organisations.js';
import { listPosts } from '../posts.js';
import type { Footnotes } from './footnotes.js';
import { everyRecord } from './records.js';

/** Involvement roles that put an organisation's chain of command in question. */
export const ACCOUNTABLE_ROLES: ReadonlySet<string> = new Set(['perpetrator', 'commander', 'complicit']);

type PostView = ReturnType<typeof listPosts>[number];

export interface PostAtTheTime {
  readonly postId: number;
  readonly person: { readonly id: number; readonly name: string };
  readonly role: string;
  readonly organisation: { readonly id: number; readonly name: string };
  readonly period: string | null;
  readonly match: AtTheTime;
  readonly notes: readonly number[];
}

export interface UnitAtTheTime {
  readonly unit: { readonly id: number; readonly name: string };
  /** The unit itself, or its parent one level up. */
  readonly level: 'unit' | 'parent unit';
  readonly posts: readonly PostAtTheTime[];
}

export class CommandChains {
  private readonly postsOfOrganisation = new Map<number, PostView[]>();
  private readonly postsOfPerson = new Map<number, PostView[]>();
  private readonly parents = new Map<number, { id: number; name: string } | null>();
  /** Posts that would have been stated but have no citation. */
  readonly uncitedPosts = new Set<number>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly viewer: Viewer,
    private readonly footnotes: Footnotes,
  ) {}

  private posts(cache: Map<number, PostView[]>, id: number, filter: { organisationId?: number; personId?: number }): PostView[] {
    let posts = cache.get(id);
    if (!posts) cache.set(id, (posts = [...everyRecord((page) => listPosts(this.ctx, this.viewer, filter, page))]));
    return posts;
  }

  private parentOf(organisationId: number): { id: number; name: string } | null {
    if (!this.parents.has(organisationId)) {
      const parent = getOrganisation(this.ctx, this.viewer, organisationId).parent;
      this.parents.set(organisationId, parent && parent.name !== null ? { id: parent.id, name: parent.name } : null);
    }
    return this.parents.get(organisationId)!;
  }

  private atTheTime(posts: readonly PostView[], when: Dating): PostAtTheTime[] {
    const held: PostAtTheTime[] = [];
    for (const post of posts) {
      const match = heldAtTheTime(datingOf(post.period), when);
      if (!match) continue;
      const notes = this.footnotes.cite('post', post.id);
      if (notes.length === 0) {
        this.uncitedPosts.add(post.id);
        continue;
      }
      held.push({ postId: post.id, person: { id: post.person.id, name: post.person.name }, role: post.role, organisation: post.organisation, period: post.period, match, notes });
    }
    // Certain before possible, then by name, so the likeliest holder reads first.
    return held.sort((a, b) => (a.match === b.match ? a.person.name.localeCompare(b.person.name) : a.match === 'certain' ? -1 : 1));
  }

  /** The chain over each unit (and its parent) at the time of an incident dated `date`. */
  unitsAtTheTime(units: readonly { id: number; name: string }[], date: string): UnitAtTheTime[] {
    const when = datingOf(date);
    const chain: UnitAtTheTime[] = [];
    const seen = new Set<number>();
    for (const unit of units) {
      if (seen.has(unit.id)) continue;
      seen.add(unit.id);
      chain.push({ unit, level: 'unit', posts: this.atTheTime(this.posts(this.postsOfOrganisation, unit.id, { organisationId: unit.id }), when) });
      const parent = this.parentOf(unit.id);
      if (parent && !seen.has(parent.id) && !units.some((other) => other.id === parent.id)) {
        seen.add(parent.id);
        chain.push({ unit: parent, level: 'parent unit', posts: this.atTheTime(this.posts(this.postsOfOrganisation, parent.id, { organisationId: parent.id }), when) });
      }
    }
    return chain;
  }

  /** The posts a person held, certainly or possibly, at the time of an incident dated `date`. */
  postsOfPersonAtTheTime(personId: number, date: string): PostAtTheTime[] {
    return this.atTheTime(this.posts(this.postsOfPerson, personId, { personId }), datingOf(date));
  }
}
