/** Incidents over time, for the timeline: counts only, so there is nothing in it to shield. */
import { incidentsByMonth } from '../../db/queries/timeline.js';
import type { IncidentFilter } from '../../db/queries/incidents.js';
import type { Viewer } from '../viewer.js';
import type { ServiceContext } from './context.js';

export function incidentTimeline(ctx: ServiceContext, _viewer: Viewer, filter: IncidentFilter) {
  return incidentsByMonth(ctx.db, filter);
}
