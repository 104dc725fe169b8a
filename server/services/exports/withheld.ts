/**
 * The withheld receipt: what an export's profile replaced or left out, as categories and counts,
 * never names. It travels with every non-internal export so its reader knows the data is partial.
 */
import type { ProtectedDataCounts } from '../../../db/queries/export-data.js';
import { clearanceOf, type Viewer } from '../../viewer.js';
import type { DataKind } from './data-kinds.js';

export type WithheldReceipt = Record<string, number>;
export type ExportPart = DataKind | 'geojson' | 'evidence';

/** The receipt for these parts of an export; empty for a profile that withholds nothing. */
export function withheldReceipt(counts: ProtectedDataCounts, viewer: Viewer, parts: readonly ExportPart[]): WithheldReceipt {
  const clearance = clearanceOf(viewer);
  const has = (part: ExportPart) => parts.includes(part);
  const receipt: WithheldReceipt = {};
  if (!clearance.protectedNames) {
    if (has('persons')) receipt['protected persons shown as pseudonyms, without description or alternative names'] = counts.protectedPersons;
    if (has('alternative-names')) receipt['alternative names of protected persons left out'] = counts.protectedAlternativeNames;
    if (has('posts')) receipt['posts of protected persons left out'] = counts.protectedPosts;
    if (has('involvements')) receipt['involvements of protected persons shown with pseudonyms'] = counts.protectedInvolvements;
    if (has('citations')) receipt["citations of protected persons' posts and alternative names left out"] = counts.citationsOfHiddenClaims;
    if (has('evidence')) receipt['evidence items flagged protected left out'] = counts.protectedEvidence;
  }
  if (!clearance.restrictedSources) {
    if (has('sources')) receipt['restricted sources left out'] = counts.restrictedSources;
    if (has('citations')) receipt['citations of restricted sources reduced to their grade'] = counts.restrictedCitationsOfVisibleClaims;
  }
  if (!clearance.exactPlacesOfProtected) {
    if (has('locations')) receipt['coordinates of places tied to protected persons coarsened'] = counts.placesTiedWithPoint;
    if (has('geojson')) receipt['map points at places tied to protected persons coarsened'] = counts.featuresAtTiedPlaces;
  }
  return receipt;
}
