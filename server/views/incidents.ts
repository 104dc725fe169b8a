import type { Incident } from '../../db/schema.js';
import type { ActType } from '../../db/queries/incidents.js';
import type { ClaimStatus } from '../../db/queries/status.js';
import { describeRange } from '../values/count-range.js';
import { presentSpan } from '../values/edtf-date.js';
import { apiRecord } from '../urls.js';
import { statusView } from './citations.js';
import { locationRef } from './refs.js';

export function victimsView(incident: Pick<Incident, 'victimsMin' | 'victimsMax'>) {
  if (incident.victimsMin === null) return null;
  const range = { min: incident.victimsMin, max: incident.victimsMax };
  return { ...range, text: describeRange(range) };
}

/** An incident as listed, with its act types, places and computed status. */
export function incidentView(
  incident: Incident,
  parts: { actTypes: ActType[]; locations: { id: number; name: string }[]; status: ClaimStatus },
) {
  return {
    id: incident.id,
    title: incident.title,
    summary: incident.summary,
    actTypes: parts.actTypes,
    date: incident.date,
    dateRange: presentSpan(incident.dateEarliest, incident.dateLatest),
    victims: victimsView(incident),
    locations: parts.locations.map(locationRef),
    status: statusView(parts.status),
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
    href: apiRecord('incidents', incident.id),
  };
}
