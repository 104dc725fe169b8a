import type { Evidence } from '../../db/schema.js';
import { evidenceHints, type LinkedIncident } from '../evidence/hints.js';
import { apiRecord } from '../urls.js';
import { clearanceOf, type Viewer } from '../viewer.js';

/** An evidence item for this viewer: GPS, device and software only for viewers cleared for capture details. */
export function evidenceView(viewer: Viewer, row: Evidence, parts: { incidents: readonly (LinkedIncident & { title: string })[]; safeCopy: Evidence | undefined }) {
  const details = clearanceOf(viewer).captureDetails;
  const href = apiRecord('evidence', row.id);
  return {
    id: row.id,
    sha256: row.sha256,
    size: row.size,
    mediaType: row.mediaType,
    originalName: row.originalName,
    description: row.description,
    protected: row.protected,
    capture: {
      takenAt: row.takenAt,
      takenOffset: row.takenOffset,
      width: row.width,
      height: row.height,
      ...(details && { latitude: row.latitude, longitude: row.longitude, deviceMake: row.deviceMake, deviceModel: row.deviceModel, software: row.software }),
    },
    correction: row.correction,
    hints: evidenceHints(row, parts.incidents, details),
    incidents: parts.incidents.map((incident) => ({ id: incident.id, title: incident.title, href: apiRecord('incidents', incident.id) })),
    derivedFrom: row.derivedFromId === null ? null : { id: row.derivedFromId, derivation: row.derivation, href: apiRecord('evidence', row.derivedFromId) },
    safeCopy: parts.safeCopy ? { id: parts.safeCopy.id, sha256: parts.safeCopy.sha256, size: parts.safeCopy.size, href: apiRecord('evidence', parts.safeCopy.id) } : null,
    links: { file: `${href}/file`, custody: `${href}/custody` },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    href,
  };
}
