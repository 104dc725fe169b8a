/**
 * Hints about an evidence item, computed from its capture metadata and the incidents it is
 * linked to, never typed in: what a careful verifier would check first.
 */
import type { Evidence } from '../../db/schema.js';
import { OPEN_END, OPEN_START } from '../values/edtf-date.js';
import { takenDay } from './metadata.js';

export interface LinkedIncident {
  readonly id: number;
  readonly date: string;
  readonly dateEarliest: string;
  readonly dateLatest: string;
  readonly places: readonly { name: string; latitude: number; longitude: number; precisionMeters: number | null }[];
}

const YEAR_MS = 365.25 * 24 * 3_600_000;
/** GPS further than this from every place of the incident (beyond the place's own precision) is worth a hint. */
const DISTANCE_HINT_KM = 25;

function kilometresBetween(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function dayGap(day: string, earliest: string, latest: string): number {
  const at = Date.parse(day);
  if (earliest !== OPEN_START && at < Date.parse(earliest)) return Date.parse(earliest) - at;
  if (latest !== OPEN_END && at > Date.parse(latest)) return at - Date.parse(latest);
  return 0;
}

/** `withCaptureDetails`: whether the viewer may see GPS and device; without it, no hint drawn from them. */
export function evidenceHints(item: Evidence, incidents: readonly LinkedIncident[], withCaptureDetails: boolean): string[] {
  const hints: string[] = [];
  if (item.metadataError) hints.push('metadata unreadable');
  else if (item.mediaType.startsWith('image/') && item.rawMetadata === null) hints.push('no capture metadata (likely re-shared through a messenger)');
  const day = takenDay(item.takenAt);
  for (const incident of incidents) {
    if (!day) break;
    const gap = dayGap(day, incident.dateEarliest, incident.dateLatest);
    if (gap > YEAR_MS) hints.push(`taken ${day}, incident ${incident.id} dated ${incident.date}: more than a year apart`);
    else if (gap > 0) hints.push(`taken ${day}, outside incident ${incident.id}'s dates (${incident.date})`);
  }
  if (withCaptureDetails && item.latitude !== null && item.longitude !== null) {
    for (const incident of incidents) {
      if (incident.places.length === 0) continue;
      const nearest = Math.min(
        ...incident.places.map((place) => kilometresBetween(item as { latitude: number; longitude: number }, place) - (place.precisionMeters ?? 0) / 1000),
      );
      if (nearest > DISTANCE_HINT_KM) hints.push(`GPS position ${Math.round(nearest)} km from incident ${incident.id}'s location`);
    }
  }
  if (withCaptureDetails && item.software) hints.push(`edited with ${item.software}`);
  return hints;
}
