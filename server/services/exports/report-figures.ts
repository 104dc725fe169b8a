/**
 * A report's summary figures, counted over the incidents it states: by act type, place and month,
 * and victims added as documented ranges ("100 or more"), never a bare number for an open range.
 */
import { addRanges, describeRange, type CountRange } from '../../values/count-range.js';

export interface FigureIncident {
  readonly actTypes: readonly string[];
  readonly places: readonly string[];
  readonly dateRange: { readonly earliest: string | null; readonly latest: string | null };
  readonly victims: CountRange | null;
}

export interface SummaryFigures {
  readonly incidents: number;
  readonly victims: { readonly text: string; readonly incidentsWithCount: number };
  readonly byActType: readonly (readonly [label: string, count: number])[];
  readonly byPlace: readonly (readonly [name: string, count: number])[];
  /** Incidents dated within one month, by month (`YYYY-MM`), in time order. */
  readonly byMonth: readonly (readonly [month: string, count: number])[];
  /** Incidents whose dates span more than one month, so not counted in any. */
  readonly datedLessPrecisely: number;
}

function tally(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

const byCountThenName = (a: readonly [string, number], b: readonly [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);

export function summaryFigures(incidents: readonly FigureIncident[]): SummaryFigures {
  const actTypes = new Map<string, number>();
  const places = new Map<string, number>();
  const months = new Map<string, number>();
  let datedLessPrecisely = 0;
  const counted: CountRange[] = [];
  for (const incident of incidents) {
    for (const label of new Set(incident.actTypes)) tally(actTypes, label);
    for (const name of new Set(incident.places)) tally(places, name);
    const { earliest, latest } = incident.dateRange;
    if (earliest !== null && latest !== null && earliest.slice(0, 7) === latest.slice(0, 7)) tally(months, earliest.slice(0, 7));
    else datedLessPrecisely++;
    if (incident.victims) counted.push(incident.victims);
  }
  return {
    incidents: incidents.length,
    victims: { text: counted.length === 0 ? 'no count documented' : describeRange(addRanges(counted)), incidentsWithCount: counted.length },
    byActType: [...actTypes].sort(byCountThenName),
    byPlace: [...places].sort(byCountThenName),
    byMonth: [...months].sort((a, b) => a[0].localeCompare(b[0])),
    datedLessPrecisely,
  };
}
