/**
 * Controlled vocabularies, kept as data. Codes are stable identifiers stored in the database;
 * labels may be reworded freely. `huridocs` cross-references the HURIDOCS Events Standard
 * Formats micro-thesauri (2001) where a matching term exists; null where none does, so a
 * reader never mistakes a Casebook term for a HURIDOCS one. Act types use Micro-thesaurus 4
 * (Types of acts), involvement roles Micro-thesaurus 18 (Degrees of involvement), as published in
 * HURIDOCS' own OpenEvSys data.
 */
export interface Term {
  readonly code: string;
  readonly label: string;
  readonly huridocs: string | null;
  readonly note?: string;
}

export const actTypes = [
  { code: 'arbitrary-detention', label: 'Arbitrary detention', huridocs: '030102000000', note: 'HURIDOCS: "Detention, imprisonment"; an arrest alone is "Arrest" (030101000000).' },
  { code: 'abduction', label: 'Abduction', huridocs: '030104000000', note: 'HURIDOCS: "Abduction; kidnapping".' },
  { code: 'torture', label: 'Torture', huridocs: '020111110000' },
  { code: 'ill-treatment', label: 'Cruel, inhuman or degrading treatment', huridocs: null },
  { code: 'killing', label: 'Killing', huridocs: '010101000000', note: 'HURIDOCS: "Deliberate killings of specific individuals".' },
  { code: 'enforced-disappearance', label: 'Enforced disappearance', huridocs: '030103000000', note: 'HURIDOCS: "Disappearance".' },
  { code: 'entrapment', label: 'Entrapment', huridocs: null, note: 'Luring a person into a trap, for example through fake personal ads.' },
  { code: 'extortion', label: 'Extortion', huridocs: null },
  { code: 'forced-outing', label: 'Forced outing', huridocs: null, note: "Disclosing a person's sexual orientation or gender identity against their will." },
  { code: 'threats', label: 'Threats', huridocs: null, note: 'HURIDOCS has no single term: "Threats (not including death threats)" is 020103010000 and "Death threats" 020103020000.' },
  { code: 'incitement-to-violence-by-family', label: 'Incitement to violence by family', huridocs: null, note: 'Handing a person to relatives on the understanding that they will harm or kill him ("honour killing").' },
  { code: 'coerced-denunciation', label: 'Coerced denunciation', huridocs: null, note: 'Forcing a detainee to name others, for example from the contacts on his phone.' },
  { code: 'public-appeal', label: 'Public appeal or petition', huridocs: null, note: 'Not a violation: a call for investigation or protection, recorded as a response to the events.' },
] as const satisfies readonly Term[];

export const involvementRoles = [
  { code: 'victim', label: 'Victim', huridocs: null },
  { code: 'perpetrator', label: 'Perpetrator', huridocs: '010100000000', note: 'HURIDOCS Micro-thesaurus 18 (Degrees of involvement): "Directly carried out the act".' },
  { code: 'commander', label: 'Commander or supervisor', huridocs: null, note: 'Nearest HURIDOCS term, narrower (Micro-thesaurus 18): "Gave orders that led to the act" (010200000000).' },
  { code: 'witness', label: 'Witness', huridocs: null },
  { code: 'complicit', label: 'Complicit', huridocs: null, note: 'Nearest HURIDOCS term, narrower (Micro-thesaurus 18): "Passive accomplice in the act" (010300000000).' },
  { code: 'intervener', label: 'Intervener', huridocs: null, note: 'A person or body that acted to stop, expose or remedy the events.' },
] as const satisfies readonly Term[];

export const sourceKinds = [
  { code: 'news-article', label: 'News article', huridocs: null },
  { code: 'testimony', label: 'Testimony', huridocs: null },
  { code: 'ngo-report', label: 'NGO report', huridocs: null },
  { code: 'official-statement', label: 'Official statement', huridocs: null },
  { code: 'press-release', label: 'Press release', huridocs: null },
  { code: 'social-media-post', label: 'Social media post', huridocs: null },
  { code: 'court-document', label: 'Court document', huridocs: null },
  { code: 'interview', label: 'Interview', huridocs: null },
  { code: 'petition', label: 'Petition or open letter', huridocs: null },
  { code: 'other', label: 'Other', huridocs: null },
] as const satisfies readonly Term[];

export const locationKinds = [
  { code: 'country', label: 'Country', huridocs: null },
  { code: 'region', label: 'Region', huridocs: null },
  { code: 'district', label: 'District', huridocs: null },
  { code: 'settlement', label: 'Settlement', huridocs: null },
  { code: 'detention-site', label: 'Detention site', huridocs: null },
  { code: 'building', label: 'Building', huridocs: null },
  { code: 'other', label: 'Other', huridocs: null },
] as const satisfies readonly Term[];

export const organisationKinds = [
  { code: 'government', label: 'Government or executive office', huridocs: null },
  { code: 'ministry', label: 'Ministry or police department', huridocs: null },
  { code: 'legislature', label: 'Legislature', huridocs: null },
  { code: 'security-unit', label: 'Security or military unit', huridocs: null },
  { code: 'security-agency', label: 'Security agency', huridocs: null },
  { code: 'prosecutor', label: "Prosecutor's office", huridocs: null },
  { code: 'ombudsman', label: 'Ombudsman or state human-rights body', huridocs: null },
  { code: 'ngo', label: 'Non-governmental organisation', huridocs: null },
  { code: 'media', label: 'Media outlet', huridocs: null },
  { code: 'intergovernmental', label: 'Intergovernmental body', huridocs: null },
  { code: 'other', label: 'Other', huridocs: null },
] as const satisfies readonly Term[];

export const alternativeNameKinds = [
  { code: 'alias', label: 'Alias', huridocs: null },
  { code: 'call-sign', label: 'Call sign', huridocs: null },
  { code: 'transliteration', label: 'Transliteration', huridocs: null },
  { code: 'native-script', label: 'Name in its own script', huridocs: null },
  { code: 'spelling-variant', label: 'Spelling variant', huridocs: null },
  { code: 'former-name', label: 'Former name', huridocs: null },
  { code: 'translation', label: 'Translation', huridocs: null },
] as const satisfies readonly Term[];

/** Admiralty scale, source reliability. */
export const reliabilityGrades = [
  { code: 'A', label: 'Completely reliable', huridocs: null },
  { code: 'B', label: 'Usually reliable', huridocs: null },
  { code: 'C', label: 'Fairly reliable', huridocs: null },
  { code: 'D', label: 'Not usually reliable', huridocs: null },
  { code: 'E', label: 'Unreliable', huridocs: null },
  { code: 'F', label: 'Reliability cannot be judged', huridocs: null },
] as const satisfies readonly Term[];

/** Admiralty scale, credibility of one piece of information. */
export const credibilityGrades = [
  { code: '1', label: 'Confirmed by other sources', huridocs: null },
  { code: '2', label: 'Probably true', huridocs: null },
  { code: '3', label: 'Possibly true', huridocs: null },
  { code: '4', label: 'Doubtful', huridocs: null },
  { code: '5', label: 'Improbable', huridocs: null },
  { code: '6', label: 'Truth cannot be judged', huridocs: null },
] as const satisfies readonly Term[];

export const stances = [
  { code: 'supports', label: 'Supports the claim', huridocs: null },
  { code: 'disputes', label: 'Disputes the claim', huridocs: null, note: 'Official denials are recorded as disputing citations.' },
] as const satisfies readonly Term[];

export const protections = [
  { code: 'protected', label: 'Protected: shown by pseudonym to anyone not cleared to see names', huridocs: null },
  { code: 'public-figure', label: 'Public figure: named everywhere', huridocs: null },
] as const satisfies readonly Term[];

/** The letter a protected person's pseudonym starts with. */
export const pseudonymKinds = [
  { code: 'victim', label: 'V: victim', huridocs: null },
  { code: 'witness', label: 'W: witness', huridocs: null },
  { code: 'person', label: 'P: other person', huridocs: null },
] as const satisfies readonly Term[];

export const userRoles = [
  { code: 'admin', label: 'Admin: everything, including accounts', huridocs: null },
  { code: 'researcher', label: 'Researcher: reads everything, writes records', huridocs: null },
  { code: 'journalist', label: 'Journalist: reads what is not protected, writes nothing', huridocs: null },
] as const satisfies readonly Term[];

export const vocabularies = {
  actTypes,
  involvementRoles,
  sourceKinds,
  locationKinds,
  organisationKinds,
  alternativeNameKinds,
  reliabilityGrades,
  credibilityGrades,
  stances,
  protections,
  pseudonymKinds,
  userRoles,
} as const;

export type VocabularyName = keyof typeof vocabularies;
export type CodeOf<V extends VocabularyName> = (typeof vocabularies)[V][number]['code'];

/** The codes of one vocabulary, as the non-empty tuple that zod's and drizzle's enums want. */
export function codesOf<V extends VocabularyName>(name: V): [CodeOf<V>, ...CodeOf<V>[]] {
  return vocabularies[name].map((term) => term.code) as [CodeOf<V>, ...CodeOf<V>[]];
}
