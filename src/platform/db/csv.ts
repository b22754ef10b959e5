/**
 * CSV for `Database.copyCsv` (COPY … WITH (FORMAT csv)), the bulk-load path of every module.
 */
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: NULL is an empty unquoted field, an empty string a quoted one (COPY's rules). */
function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  if (text === '') return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<T>(
  rows: readonly T[],
  fields: (row: T) => readonly (string | number | null)[],
): string {
  let out = '';
  for (const row of rows) out += `${fields(row).map(field).join(',')}\n`;
  return out;
}

/**
 * Rows in the order of their primary key. Keys (FİNs, card numbers) are random, so rows in
 * generation order would touch index pages at random; sorted, a bulk load visits each page once,
 * which keeps loading fast once the indexes outgrow the buffer cache.
 */
export function byKey<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
