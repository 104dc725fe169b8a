/**
 * GeoJSON (RFC 7946) of incidents at their places: one Feature per incident and place with a
 * point. Positions are [longitude, latitude] in WGS84, as the RFC demands (the reverse of how
 * people say them). Written feature by feature in chunks, never built whole.
 */

export interface IncidentPlaceFeature {
  readonly incidentId: number;
  readonly title: string;
  readonly date: string;
  readonly actTypes: readonly string[];
  readonly status: string;
  readonly disputed: boolean;
  readonly locationId: number;
  readonly locationName: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly precisionMeters: number | null;
  /** The point was snapped to a coarse grid for this profile; the precision says how far off it may be. */
  readonly coarsened: boolean;
}

function feature(f: IncidentPlaceFeature) {
  return {
    type: 'Feature',
    id: `${f.incidentId}-${f.locationId}`,
    geometry: { type: 'Point', coordinates: [f.longitude, f.latitude] },
    properties: {
      incidentId: f.incidentId,
      title: f.title,
      date: f.date,
      actTypes: f.actTypes.join('; '),
      status: f.status,
      disputed: f.disputed,
      locationId: f.locationId,
      locationName: f.locationName,
      precisionMeters: f.precisionMeters,
      coarsened: f.coarsened,
    },
  };
}

/**
 * The FeatureCollection's text in chunks of about `chunkChars`. `members` are written after the
 * features as foreign members (RFC 7946 §6.1), read when the features have all been written, so
 * counts gathered while writing can go there.
 */
export function* geojsonChunks(features: Iterable<IncidentPlaceFeature>, members: () => Record<string, unknown>, chunkChars = 64 * 1024): Generator<string> {
  let chunk = '{"type":"FeatureCollection","features":[';
  let first = true;
  for (const f of features) {
    chunk += (first ? '\n' : ',\n') + JSON.stringify(feature(f));
    first = false;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  chunk += '\n]';
  for (const [key, value] of Object.entries(members())) chunk += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  yield `${chunk}}\n`;
}
