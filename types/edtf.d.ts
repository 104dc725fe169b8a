// edtf 4 ships no types; only what Casebook calls is declared.
declare module 'edtf' {
  export interface ExtDate {
    readonly type: 'Date' | 'Year' | 'Decade' | 'Century' | 'Season' | 'Interval' | 'Set' | 'List';
    readonly min: number | null;
    readonly max: number | null;
    readonly edtf: string;
    /** 1 year, 2 month, 3 day; absent on types without one (decade, season…). */
    readonly precision?: number;
    /** Non-zero when some part of the date is qualified `~` (approximate) or `?` (uncertain). */
    readonly approximate?: { readonly value: number };
    readonly uncertain?: { readonly value: number };
  }
  export interface Interval extends ExtDate {
    readonly type: 'Interval';
    /** A date; ±Infinity for an open end (`..`); null for an unknown one (empty). */
    readonly lower: ExtDate | number | null;
    readonly upper: ExtDate | number | null;
  }
  function edtf(input: string): ExtDate | Interval;
  export default edtf;
}
