/**
 * Finding a planted name in whatever a server answered: whatever the case, spaces or hyphens,
 * and through JSON, URL and HTML escaping.
 */
const squeeze = (text: string) => text.toLowerCase().replace(/[\s\p{Pd}_]+/gu, '');
const unescapeJson = (text: string) => text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const unescapeHtml = (text: string) =>
  text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/&amp;/g, '&');
const decodePercents = (text: string) =>
  text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });

/** The `forms` of a name that occur in `text`. */
export function formsIn(forms: readonly string[], text: string): string[] {
  const readable = unescapeHtml(decodePercents(unescapeJson(text))).replace(/\+/g, ' ');
  return forms.filter((form) => readable.toLowerCase().includes(form.toLowerCase()) || squeeze(readable).includes(squeeze(form)));
}
