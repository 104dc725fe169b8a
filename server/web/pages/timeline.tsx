/** Incidents by month as an SVG drawn on the server: no script, prints as it shows. */
import type { Issue } from '../../errors.js';
import type { incidentTimeline } from '../../services/timeline.js';
import { pageCollection, pages, withQuery } from '../../urls.js';
import { ErrorSummary, TextField } from '../forms.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { filterValues } from './lists.js';

type Timeline = ReturnType<typeof incidentTimeline>;

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthName(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const BAR = 18;
const CHART = 160;
const SPAN_ROW = 14;
const SPANS_DRAWN = 40;
const LEFT = 30;

function Chart({ timeline }: { timeline: Timeline }) {
  const spans = timeline.spans.slice(0, SPANS_DRAWN);
  const indexes = [...timeline.months.map((m) => monthIndex(m.month)), ...spans.flatMap((s) => [monthIndex(s.from), monthIndex(s.to)])];
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  const count = last - first + 1;
  const top = Math.max(1, ...timeline.months.map((m) => m.incidents));
  const width = LEFT + count * BAR + 10;
  const height = CHART + 40 + spans.length * SPAN_ROW + 10;
  const x = (index: number) => LEFT + (index - first) * BAR;
  // A label ("16-12") is wider than a month's bar: one every other month at least, or they overlap.
  const labelEvery = count <= 24 ? 2 : count <= 72 ? 6 : 12;
  return (
    // Drawn at twice its units so its 9-unit text reads at 18px; the style sheet shrinks it to a narrow screen, never stretches a short one.
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="timeline-title" width={width * 2} height={height * 2}>
      <title id="timeline-title">{`Incidents per month, ${monthName(first)} to ${monthName(last)}; the table below holds the same figures`}</title>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      <line x1={LEFT} y1={CHART} x2={width - 10} y2={CHART} stroke="#4d4d4d" />
      <text x={LEFT - 4} y={12} text-anchor="end" font-size={10} fill="#4d4d4d">
        {top}
      </text>
      <text x={LEFT - 4} y={CHART} text-anchor="end" font-size={10} fill="#4d4d4d">
        0
      </text>
      {timeline.months.map((m) => {
        const h = Math.max(2, Math.round((m.incidents / top) * (CHART - 16)));
        return (
          <rect x={x(monthIndex(m.month)) + 2} y={CHART - h} width={BAR - 4} height={h} fill="#0b4ea2">
            <title>{`${m.month}: ${m.incidents} incident${m.incidents === 1 ? '' : 's'}`}</title>
          </rect>
        );
      })}
      {Array.from({ length: count }, (_, offset) => first + offset)
        .filter((index) => (index - first) % labelEvery === 0)
        .map((index) => (
          <text x={x(index) + BAR / 2} y={CHART + 14} text-anchor="middle" font-size={9} fill="#1a1a1a">
            {labelEvery >= 12 ? monthName(index).slice(0, 4) : monthName(index).slice(2)}
          </text>
        ))}
      {spans.map((span, row) => {
        const y = CHART + 34 + row * SPAN_ROW;
        return (
          <g>
            <line x1={x(monthIndex(span.from)) + 2} y1={y} x2={x(monthIndex(span.to)) + BAR - 2} y2={y} stroke="#7a4b00" stroke-width={5} stroke-linecap="round">
              <title>{`${span.from} to ${span.to}: ${span.incidents} incident${span.incidents === 1 ? '' : 's'} dated no more precisely`}</title>
            </line>
            <text x={x(monthIndex(span.to)) + BAR + 2} y={y + 4} font-size={9} fill="#1a1a1a">
              {span.incidents}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function TimelinePage({ page, query, timeline, issues }: { page: PageContext; query: Record<string, string | string[]>; timeline: Timeline | undefined; issues: readonly Issue[] }) {
  const values = filterValues(query);
  const empty = !timeline || (timeline.months.length === 0 && timeline.spans.length === 0);
  return (
    <Layout page={page} title="Timeline">
      <h1>Timeline of incidents</h1>
      <form method="get" action={pages.timeline} class="no-print">
        <ErrorSummary issues={issues} fields={['date']} heading="Check the period" />
        <div class="inline">
          <TextField name="date" label="Period (EDTF)" values={values} issues={issues} hint="2016/2017, 2017-01~" />
          {Object.entries(values)
            .filter(([key]) => key !== 'date')
            .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((one) => <input type="hidden" name={key} value={one} />))}
          <button type="submit">Show</button>
        </div>
      </form>
      <p>
        Bars count incidents dated within one month; the brown lines below them, incidents the sources date only to a span of months.{' '}
        <a href={withQuery(pageCollection('incidents'), values as Record<string, string | string[]>)}>The same incidents as a list</a>.
      </p>
      {empty ? <p>No incidents to draw.</p> : <Chart timeline={timeline!} />}
      {timeline && timeline.open > 0 && <p>{timeline.open} incident{timeline.open === 1 ? '' : 's'} with an open start or end cannot be drawn.</p>}
      {timeline && timeline.spans.length > SPANS_DRAWN && <p>{timeline.spans.length - SPANS_DRAWN} more spans are in the table only.</p>}
      {!empty && (
        <details>
          <summary>The figures as a table</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Incidents</th>
              </tr>
            </thead>
            <tbody>
              {timeline!.months.map((m) => (
                <tr>
                  <td>{m.month}</td>
                  <td>{m.incidents}</td>
                </tr>
              ))}
              {timeline!.spans.map((s) => (
                <tr>
                  <td>
                    {s.from} to {s.to}
                  </td>
                  <td>{s.incidents}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </Layout>
  );
}
