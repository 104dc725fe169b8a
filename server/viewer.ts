/**
 * Who is asking, and what they may see: the one place that decides. Every read takes a Viewer;
 * queries use its clearance to leave out what it may not see before anything is counted or
 * matched, and the record views (server/views) build their output from it field by field.
 *
 * The table is DESIGN.md's "Who may see what".
 */
import { codesOf, type CodeOf } from '../db/vocabularies.js';

export const roles = codesOf('userRoles');
export const exportProfiles = ['internal', 'partner', 'public'] as const;

export type Role = CodeOf<'userRoles'>;
export type ExportProfile = (typeof exportProfiles)[number];

/** The account behind a request; absent for the command line, which acts with a role. */
export interface Account {
  readonly id: number;
  readonly name: string;
}

export type Viewer =
  | { readonly kind: 'role'; readonly role: Role; readonly account?: Account }
  | { readonly kind: 'export'; readonly profile: ExportProfile };

export interface Clearance {
  /** Real names of protected persons; without it, their stable pseudonym. */
  readonly protectedNames: boolean;
  /** Title, author, URL, date and quotes of restricted sources; without it, only their grades. */
  readonly restrictedSources: boolean;
  /** GPS position and device of evidence. */
  readonly captureDetails: boolean;
  /** Exact points of places tied to protected persons (see pointFor); without it, coarsened ones. */
  readonly exactPlacesOfProtected: boolean;
}

const byRole: Record<Role, Clearance> = {
  admin: { protectedNames: true, restrictedSources: true, captureDetails: true, exactPlacesOfProtected: true },
  researcher: { protectedNames: true, restrictedSources: true, captureDetails: true, exactPlacesOfProtected: true },
  journalist: { protectedNames: false, restrictedSources: false, captureDetails: false, exactPlacesOfProtected: false },
};

const byProfile: Record<ExportProfile, Clearance> = {
  internal: { protectedNames: true, restrictedSources: true, captureDetails: true, exactPlacesOfProtected: true },
  partner: { protectedNames: false, restrictedSources: true, captureDetails: true, exactPlacesOfProtected: true },
  // A published map with a victim's street on it is an address book for those who hunt him.
  public: { protectedNames: false, restrictedSources: false, captureDetails: false, exactPlacesOfProtected: false },
};

export function clearanceOf(viewer: Viewer): Clearance {
  return viewer.kind === 'role' ? byRole[viewer.role] : byProfile[viewer.profile];
}

export function asRole(role: Role): Viewer {
  return { kind: 'role', role };
}

export function asAccount(account: Account & { role: Role }): Viewer {
  return { kind: 'role', role: account.role, account: { id: account.id, name: account.name } };
}

/** Who the audit trail names for what this viewer does. */
export function actorOf(viewer: Viewer): { userId: number | null; name: string } {
  if (viewer.kind === 'role' && viewer.account) return { userId: viewer.account.id, name: viewer.account.name };
  return { userId: null, name: viewer.kind === 'role' ? `command line (${viewer.role})` : `export (${viewer.profile})` };
}

export function canWriteRecords(viewer: Viewer): boolean {
  return viewer.kind === 'role' && (viewer.role === 'admin' || viewer.role === 'researcher');
}

export function canManageAccounts(viewer: Viewer): boolean {
  return viewer.kind === 'role' && viewer.role === 'admin';
}

/** A record's history holds its full before and after states, names included. */
export function canReadHistory(viewer: Viewer): boolean {
  return canWriteRecords(viewer) && clearanceOf(viewer).protectedNames;
}

/** The whole graph holds every protected name and restricted source, and an import writes everything at once. */
export function canExchangeGraph(viewer: Viewer): boolean {
  return viewer.kind === 'role' && viewer.role === 'admin';
}

/** Researchers and admins export with any profile; a journalist, who sees no more than the public does, only with the public one. */
export function canExportWith(viewer: Viewer, profile: ExportProfile): boolean {
  if (viewer.kind !== 'role') return false;
  return viewer.role === 'admin' || viewer.role === 'researcher' || profile === 'public';
}

/** What a person is called for this viewer: the name, or for a protected person without clearance, the pseudonym. */
export function nameFor(viewer: Viewer, person: { name: string; pseudonym: string; protection: string }): string {
  return person.protection === 'protected' && !clearanceOf(viewer).protectedNames ? person.pseudonym : person.name;
}

/** Whether this viewer sees the person's own details (real name, alternative names, description). */
export function seesIdentity(viewer: Viewer, person: { protection: string }): boolean {
  return person.protection !== 'protected' || clearanceOf(viewer).protectedNames;
}

export function seesSource(viewer: Viewer, source: { restricted: boolean }): boolean {
  return !source.restricted || clearanceOf(viewer).restrictedSources;
}

export interface Point {
  readonly latitude: number;
  readonly longitude: number;
  readonly precisionMeters: number;
}

/** Coarse points are snapped to a grid of this many degrees. */
export const COARSE_GRID_DEGREES = 0.1;

/**
 * A place is tied to a protected person when it is one of the locations of an incident in which a
 * protected person is involved, in any role. The place itself, not its parents: Argun's prison is
 * tied, the town of Argun only if an incident names the town. The rule is applied per place, not
 * per incident, so no other incident at the same place shows the exact point.
 */
export function pointFor(viewer: Viewer, point: Point, placeTiedToProtected: boolean): Point & { coarsened: boolean } {
  if (!placeTiedToProtected || clearanceOf(viewer).exactPlacesOfProtected) return { ...point, coarsened: false };
  const snap = (degrees: number) => Number((Math.round(degrees / COARSE_GRID_DEGREES) * COARSE_GRID_DEGREES).toFixed(6));
  // The true place may lie anywhere in the grid cell (half a cell's diagonal, under 8 km) beyond
  // the stored precision; rounded up to 10 km steps so the old precision cannot be read back.
  const precisionMeters = Math.ceil((point.precisionMeters + 7_900) / 10_000) * 10_000;
  return { latitude: snap(point.latitude), longitude: snap(point.longitude), precisionMeters, coarsened: true };
}
