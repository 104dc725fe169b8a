/**
 * The record kinds a data export writes, one CSV each, in the order a bundle carries them. A
 * module of its own so that the export command line can name them in its help without loading
 * the services that read them (records.ts).
 */
export const dataKinds = ['incidents', 'locations', 'organisations', 'persons', 'alternative-names', 'posts', 'involvements', 'sources', 'citations'] as const;
export type DataKind = (typeof dataKinds)[number];
