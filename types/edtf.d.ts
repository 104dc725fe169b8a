// edtf 4 ships no types; only what Casebook calls is declared.
declare module 'edtf' {
  interface ExtDate {
    readonly type: 'Date' | 'Year' | 'Decade' | 'Century' | 'Season' | 'Interval' | 'Set' | 'List';
    readonly min: number | null;
    readonly max: number | null;
    readonly edtf: string;
  }
  function edtf(input: string): ExtDate;
  export default edtf;
}
