/** Looking rather than reading: the timeline and the map. */
import { Router } from 'express';
import { incidentFilterOf } from '../services/incidents.js';
import { viewerOf, type RouteContext } from '../routes/resource.js';
import { incidentFilterQuery } from '../schemas/incidents.js';
import { incidentFeatures } from '../services/exports/data.js';
import { summariseIncidentSelection } from '../services/incidents.js';
import { incidentTimeline } from '../services/timeline.js';
import { pages } from '../urls.js';
import { pageContext } from './page-context.js';
import { MapPage, type MapPlace } from './pages/map.js';
import { TimelinePage } from './pages/timeline.js';
import { filledQuery, parseListQuery } from './reads.js';
import { sendHtml } from './render.js';

export function lookPages({ ctx }: RouteContext): Router {
  const router = Router();

  router.get(pages.timeline, (req, res) => {
    const query = filledQuery(req);
    const { query: parsed, issues } = parseListQuery(incidentFilterQuery, query);
    const timeline = parsed ? incidentTimeline(ctx, viewerOf(res), incidentFilterOf(parsed)) : undefined;
    sendHtml(res, <TimelinePage page={pageContext(req, res)} query={query} timeline={timeline} issues={issues} />, issues.length ? 400 : 200);
  });

  // The same features as the GeoJSON export, read with the page's viewer (not audited as an export: nothing leaves).
  router.get(pages.map, (req, res) => {
    const viewer = viewerOf(res);
    const byPlace = new Map<number, MapPlace>();
    const placed = new Set<number>();
    for (const feature of incidentFeatures(ctx, viewer, null)) {
      placed.add(feature.incidentId);
      const place = byPlace.get(feature.locationId);
      if (place) place.incidents++;
      else byPlace.set(feature.locationId, { id: feature.locationId, name: feature.locationName, latitude: feature.latitude, longitude: feature.longitude, incidents: 1, coarsened: feature.coarsened });
    }
    const unplaced = summariseIncidentSelection(ctx, viewer, {}).incidents > placed.size;
    sendHtml(res, <MapPage page={pageContext(req, res)} places={[...byPlace.values()]} unplaced={unplaced} />);
  });

  return router;
}
