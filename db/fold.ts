/**
 * Folds text for matching: case, diacritics, and the Cyrillic letters that FTS and LIKE do not
 * fold (ё→е, й→и both decompose to a base letter plus a mark). Hyphens, quotes and runs of
 * spaces become one space, so "Tsotsi-Yurt" matches "tsotsi yurt".
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\p{Pd}'"«»‘’“”„`]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
