export interface Row {
  readonly figure: string;
  readonly metric: string;
  readonly value: number;
  readonly baseline?: number;
  /** How many times the baseline Casebook costs, so that above 1 always means "worse". */
  readonly ratio?: number;
  readonly note?: string;
}

const HEADER = ['figure', 'metric', 'casebook', 'baseline', 'ratio', 'note'];

function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  if (Math.abs(value) >= 100) return Math.round(value).toString();
  return value.toFixed(Math.abs(value) >= 10 ? 1 : 2);
}

export function formatRow(row: Row): string[] {
  const ratio = row.ratio === undefined || !Number.isFinite(row.ratio) ? '-' : `${row.ratio.toFixed(1)}×`;
  return [row.figure, row.metric, formatNumber(row.value), formatNumber(row.baseline), ratio, row.note ?? ''];
}

/** Prints rows as a plain, space-aligned table: it is read in CI logs and pasted into issues. */
export function printTable(rows: readonly Row[], out: NodeJS.WritableStream = process.stdout): void {
  const cells = [HEADER, ...rows.map(formatRow)];
  const widths = HEADER.map((_, column) => Math.max(...cells.map((line) => line[column]!.length)));
  const numeric = new Set([2, 3, 4]);
  const render = (line: string[]) =>
    line
      .map((cell, column) => (numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  out.write(`${render(HEADER)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
  for (const line of cells.slice(1)) out.write(`${render(line)}\n`);
}
