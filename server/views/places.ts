import type { AlternativeName, Location, Organisation } from '../../db/schema.js';
import type { ClaimStatus } from '../../db/queries/status.js';
import { apiRecord } from '../urls.js';
import { statusView } from './citations.js';

export function alternativeNameItem(name: AlternativeName) {
  return { id: name.id, name: name.name, kind: name.kind, language: name.language, href: apiRecord('alternative-names', name.id) };
}

function parentRef(resource: 'locations' | 'organisations', parentId: number | null, names: ReadonlyMap<number, string>) {
  if (parentId === null) return null;
  return { id: parentId, name: names.get(parentId) ?? null, href: apiRecord(resource, parentId) };
}

export function locationView(
  location: Location,
  parts: { alternativeNames: AlternativeName[]; parentNames: ReadonlyMap<number, string>; status: ClaimStatus },
) {
  return {
    id: location.id,
    name: location.name,
    kind: location.kind,
    parent: parentRef('locations', location.parentId, parts.parentNames),
    point:
      location.latitude === null || location.longitude === null
        ? null
        : { latitude: location.latitude, longitude: location.longitude, precisionMeters: location.precisionMeters },
    description: location.description,
    alternativeNames: parts.alternativeNames.map(alternativeNameItem),
    status: statusView(parts.status),
    createdAt: location.createdAt,
    updatedAt: location.updatedAt,
    href: apiRecord('locations', location.id),
  };
}

export function organisationView(organisation: Organisation, parts: { alternativeNames: AlternativeName[]; parentNames: ReadonlyMap<number, string> }) {
  return {
    id: organisation.id,
    name: organisation.name,
    kind: organisation.kind,
    parent: parentRef('organisations', organisation.parentId, parts.parentNames),
    description: organisation.description,
    alternativeNames: parts.alternativeNames.map(alternativeNameItem),
    createdAt: organisation.createdAt,
    updatedAt: organisation.updatedAt,
    href: apiRecord('organisations', organisation.id),
  };
}
