/**
 * Search text for the catalogue (issue 5 item 4): case and Azerbaijani letters are ignored, so
 * `sehiyye`, `SEHIYYE` and `Səhiyyə` are the same word. Kept by the application in
 * registry.service.search_name/search_content, so it works alike on PGlite and PostgreSQL
 * without extensions.
 */

// After Azerbaijani lower-casing (İ → i, I → ı), these letters fold to their Latin base.
const FOLD: Readonly<Record<string, string>> = {
  ə: 'e',
  ş: 's',
  ç: 'c',
  ı: 'i',
  ö: 'o',
  ü: 'u',
  ğ: 'g',
};

/** The words of `text`, lower-cased the Azerbaijani way and folded (ə → e, ş → s, …). */
export function searchWords(text: string): string[] {
  const lower = text.toLocaleLowerCase('az').replace(/[əşçıöüğ]/g, (c) => FOLD[c] ?? c);
  // Other accents (é, ñ, the dot of a stray i̇) go with their combining marks.
  const plain = lower.normalize('NFD').replace(/\p{M}+/gu, '');
  return plain.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** The stored form: folded words, one space between them and one before and after. */
export function searchText(text: string): string {
  const words = searchWords(text);
  return words.length === 0 ? ' ' : ` ${words.join(' ')} `;
}

/** At most this many words of a query count; more add nothing but cost. */
export const MAX_QUERY_WORDS = 8;

/** The distinct folded words of a query (the first 8). */
export function queryWords(q: string | undefined): string[] {
  if (q === undefined) return [];
  return [...new Set(searchWords(q))].slice(0, MAX_QUERY_WORDS);
}
