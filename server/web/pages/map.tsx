/**
 * Incidents at their places, drawn on the server as SVG markers on a plain background in an
 * equirectangular projection: no tiles, no network, no script. Points tied to protected persons
 * arrive already coarsened for viewers who may not see them exactly.
 */
import { pageRecord } from '../../urls.js';
import { RecordLink } from '../components.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

export interface MapPlace {
  readonly id: number;
  readonly name: string;
  readonly latitude: number;
  readonly longitude: number;
  incidents: number;
  readonly coarsened: boolean;
}

const WIDTH = 800;
const HEIGHT = 500;
const PAD = 40;

function Chart({ places }: { places: readonly MapPlace[] }) {
  const lats = places.map((p) => p.latitude);
  const lons = places.map((p) => p.longitude);
  // At least half a degree across, so one place does not fill the map.
  const spanLat = Math.max(0.5, Math.max(...lats) - Math.min(...lats));
  const spanLon = Math.max(0.5, Math.max(...lons) - Math.min(...lons));
  const midLat = (Math.max(...lats) + Math.min(...lats)) / 2;
  const midLon = (Math.max(...lons) + Math.min(...lons)) / 2;
  // Longitude degrees shrink with latitude; scale both axes alike so distances look right.
  const squeeze = Math.cos((midLat * Math.PI) / 180);
  const scale = Math.min((WIDTH - 2 * PAD) / (spanLon * squeeze), (HEIGHT - 2 * PAD) / spanLat);
  const x = (lon: number) => WIDTH / 2 + (lon - midLon) * squeeze * scale;
  const y = (lat: number) => HEIGHT / 2 - (lat - midLat) * scale;
  const most = Math.max(...places.map((p) => p.incidents));
  const step = spanLat > 10 ? 5 : spanLat > 2 ? 1 : 0.1;
  const gridLats = Array.from({ length: 40 }, (_, i) => Math.floor((midLat - 20 * step) / step) * step + i * step).filter((lat) => y(lat) > 0 && y(lat) < HEIGHT);
  const gridLons = Array.from({ length: 60 }, (_, i) => Math.floor((midLon - 30 * step) / step) * step + i * step).filter((lon) => x(lon) > 0 && x(lon) < WIDTH);
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="map-title" width={WIDTH} height={HEIGHT}>
      <title id="map-title">Map of incidents at their places; the table below lists the same places</title>
      <rect x={0} y={0} width={WIDTH} height={HEIGHT} fill="#eef2f5" />
      {gridLats.map((lat) => (
        <g>
          <line x1={0} y1={y(lat)} x2={WIDTH} y2={y(lat)} stroke="#c8c8c8" stroke-width={0.5} />
          <text x={4} y={y(lat) - 2} font-size={9} fill="#4d4d4d">{`${lat.toFixed(step < 1 ? 1 : 0)}°`}</text>
        </g>
      ))}
      {gridLons.map((lon) => (
        <g>
          <line x1={x(lon)} y1={0} x2={x(lon)} y2={HEIGHT} stroke="#c8c8c8" stroke-width={0.5} />
          <text x={x(lon) + 2} y={HEIGHT - 4} font-size={9} fill="#4d4d4d">{`${lon.toFixed(step < 1 ? 1 : 0)}°`}</text>
        </g>
      ))}
      {places.map((place) => (
        <a href={pageRecord('locations', place.id)}>
          <circle cx={x(place.longitude)} cy={y(place.latitude)} r={5 + 10 * Math.sqrt(place.incidents / most)} fill={place.coarsened ? '#b45309' : '#0b4ea2'} fill-opacity={0.75} stroke="#ffffff">
            <title>{`${place.name}: ${place.incidents} incident${place.incidents === 1 ? '' : 's'}${place.coarsened ? ' (position coarsened)' : ''}`}</title>
          </circle>
          <text x={x(place.longitude) + 8} y={y(place.latitude) - 8} font-size={11} fill="#1a1a1a">
            {place.name}
          </text>
        </a>
      ))}
    </svg>
  );
}

export function MapPage({ page, places, unplaced }: { page: PageContext; places: readonly MapPlace[]; unplaced: boolean }) {
  return (
    <Layout page={page} title="Map">
      <h1>Map of incidents</h1>
      <p>Each marker is a place with a known point; its size grows with the number of incidents there. Orange markers are coarsened to about 10 km, since they are tied to a protected person.</p>
      {places.length === 0 ? <p>No incident has a place with a point.</p> : <Chart places={places} />}
      {unplaced && <p class="muted">Incidents without a place with a point are not on the map.</p>}
      {places.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Position</th>
              <th scope="col">Incidents</th>
            </tr>
          </thead>
          <tbody>
            {places.map((place) => (
              <tr>
                <td>
                  <RecordLink resource="locations" id={place.id}>
                    {place.name}
                  </RecordLink>
                </td>
                <td>
                  {place.latitude}, {place.longitude}
                  {place.coarsened && ' (coarsened)'}
                </td>
                <td>{place.incidents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
