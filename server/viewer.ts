/**
 * Who is asking, and what they may see: the one place that decides. Every read takes a Viewer;
 * queries use its clearance to leave out what it may not see before anything is counted or
 * matched, and the record views (server/views) build their output from it field by field.
 *
 * The table is DESIGN.md's "Who may see what".
 */
export const roles = ['admin', 'researcher', 'journalist'] as const;
export const exportProfiles = ['internal', 'partner', 'public'] as const;

export type Role = (typeof roles)[number];
export type ExportProfile = (typeof exportProfiles)[number];

export type Viewer =
  | { readonly kind: 'role'; readonly role: Role }
  | { readonly kind: 'export'; readonly profile: ExportProfile };

export interface Clearance {
  /** Real names of protected persons; without it, their stable pseudonym. */
  readonly protectedNames: boolean;
  /** Title, author, URL, date and quotes of restricted sources; without it, only their grades. */
  readonly restrictedSources: boolean;
  /** GPS position and device of evidence. */
  readonly captureDetails: boolean;
}

const byRole: Record<Role, Clearance> = {
  admin: { protectedNames: true, restrictedSources: true, captureDetails: true },
  researcher: { protectedNames: true, restrictedSources: true, captureDetails: true },
  journalist: { protectedNames: false, restrictedSources: false, captureDetails: false },
};

const byProfile: Record<ExportProfile, Clearance> = {
  internal: { protectedNames: true, restrictedSources: true, captureDetails: true },
  partner: { protectedNames: false, restrictedSources: true, captureDetails: true },
  public: { protectedNames: false, restrictedSources: false, captureDetails: false },
};

export function clearanceOf(viewer: Viewer): Clearance {
  return viewer.kind === 'role' ? byRole[viewer.role] : byProfile[viewer.profile];
}

export function asRole(role: Role): Viewer {
  return { kind: 'role', role };
}

export function asExport(profile: ExportProfile): Viewer {
  return { kind: 'export', profile };
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
