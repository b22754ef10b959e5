import type { FieldError } from '../platform/errors/app-error.ts';
import { format, type Lang, type Translated } from '../platform/i18n/lang.ts';

/** One row of a batch: its value and where it came from, for error reports. */
export interface BatchRow {
  /** 0-based position among the rows. */
  readonly index: number;
  /** 1-based line of a CSV file where the row starts (the header is line 1). */
  readonly line?: number;
  readonly value: Record<string, unknown>;
}

/** What is wrong with one row (or, with index -1, with the content as a whole). */
export interface RowError {
  readonly index: number;
  readonly line?: number;
  readonly errors: readonly FieldError[];
}

export type ParsedBatch =
  | { readonly ok: true; readonly rows: readonly BatchRow[] }
  | { readonly ok: false; readonly errors: readonly RowError[] }
  | { readonly ok: false; readonly tooMany: number };

const MESSAGES = {
  notJson: {
    az: 'Məzmun JSON massivi deyil: {reason}.',
    en: 'The content is not a JSON array: {reason}.',
    ru: 'Содержимое не является массивом JSON: {reason}.',
  },
  notArray: {
    az: 'JSON məzmunu sətirlər massivi olmalıdır.',
    en: 'JSON content must be an array of rows.',
    ru: 'Содержимое JSON должно быть массивом строк.',
  },
  notObject: {
    az: 'Sətir JSON obyekti olmalıdır.',
    en: 'A row must be a JSON object.',
    ru: 'Строка должна быть объектом JSON.',
  },
  empty: {
    az: 'Paketdə heç bir sətir yoxdur.',
    en: 'The batch has no rows.',
    ru: 'В пакете нет строк.',
  },
  unclosedQuote: {
    az: '{line}-ci sətirdə açılmış dırnaq bağlanmayıb.',
    en: 'A quote opened on line {line} is never closed.',
    ru: 'Кавычка, открытая в строке {line}, не закрыта.',
  },
  strayQuote: {
    az: 'Dırnaq sahənin ortasındadır; sahəni tam dırnağa alın və daxili dırnaqları ikiləşdirin.',
    en: 'A quote inside an unquoted field; quote the whole field and double the quotes inside.',
    ru: 'Кавычка внутри поля без кавычек; заключите всё поле в кавычки и удвойте внутренние.',
  },
  fieldCount: {
    az: 'Sətirdə {found} sahə var, başlıqda isə {expected}.',
    en: 'The row has {found} fields; the header has {expected}.',
    ru: 'В строке {found} полей, а в заголовке {expected}.',
  },
  badHeader: {
    az: 'Başlıq sətrindəki sütun adları boş olmamalı və təkrarlanmamalıdır.',
    en: 'Column names in the header row must be non-empty and distinct.',
    ru: 'Имена столбцов в строке заголовка должны быть непустыми и различными.',
  },
} satisfies Record<string, Translated>;

function message(
  key: keyof typeof MESSAGES,
  lang: Lang,
  params: Record<string, string | number> = {},
): string {
  return format(MESSAGES[key][lang], params);
}

function contentError(detail: string): ParsedBatch {
  return { ok: false, errors: [{ index: -1, errors: [{ pointer: '#/content', detail }] }] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON array of objects. */
export function parseJsonBatch(content: string, maxRows: number, lang: Lang): ParsedBatch {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : 'syntax error';
    return contentError(message('notJson', lang, { reason }));
  }
  if (!Array.isArray(parsed)) return contentError(message('notArray', lang));
  if (parsed.length === 0) return contentError(message('empty', lang));
  if (parsed.length > maxRows) return { ok: false, tooMany: parsed.length };
  const rows: BatchRow[] = [];
  const errors: RowError[] = [];
  parsed.forEach((value: unknown, index) => {
    if (isObject(value)) rows.push({ index, value });
    else errors.push({ index, errors: [{ pointer: '#', detail: message('notObject', lang) }] });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

interface CsvRecord {
  readonly line: number;
  readonly fields: readonly { readonly text: string; readonly quoted: boolean }[];
}

/**
 * RFC 4180 records: fields separated by commas, optionally in double quotes (a quoted field may
 * hold commas, line breaks and doubled quotes), records ended by CRLF or LF. Blank lines are
 * skipped. Stops after `maxRecords` so a huge file is not held twice in memory.
 */
function csvRecords(
  text: string,
  maxRecords: number,
):
  | { ok: true; records: CsvRecord[]; more: number }
  | { ok: false; line: number; key: 'unclosedQuote' | 'strayQuote' } {
  const records: CsvRecord[] = [];
  let more = 0;
  let fields: { text: string; quoted: boolean }[] = [];
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = (): void => {
    const blank = fields.length === 1 && fields[0]?.text === '' && fields[0].quoted === false;
    if (!blank) {
      if (records.length < maxRecords) records.push({ line: recordLine, fields });
      else more += 1;
    }
    fields = [];
  };
  while (i <= text.length) {
    // One field starts at i.
    if (text[i] === '"') {
      const openedOn = line;
      let value = '';
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) return { ok: false, line: openedOn, key: 'unclosedQuote' };
        const chunk = text.slice(i, quote);
        for (const char of chunk) if (char === '\n') line += 1;
        value += chunk;
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push({ text: value, quoted: true });
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return { ok: false, line, key: 'strayQuote' };
      }
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') {
        end += 1;
      }
      const value = text.slice(i, end);
      if (value.includes('"')) return { ok: false, line, key: 'strayQuote' };
      fields.push({ text: value, quoted: false });
      i = end;
    }
    const separator = text[i];
    if (separator === ',') {
      i += 1;
      continue;
    }
    endRecord();
    if (separator === undefined) break;
    i += separator === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line += 1;
    recordLine = line;
    if (i === text.length) break;
  }
  return { ok: true, records, more };
}

/**
 * CSV with a header row naming the fields: each record becomes an object. An empty unquoted cell
 * leaves its field out (so a required field is reported missing); a quoted empty cell is the
 * empty string. Values stay text: validation coerces them to the types the contract asks for.
 */
export function parseCsvBatch(content: string, maxRows: number, lang: Lang): ParsedBatch {
  const parsed = csvRecords(content, maxRows + 1);
  if (!parsed.ok) {
    return {
      ok: false,
      errors: [
        {
          index: -1,
          line: parsed.line,
          errors: [
            { pointer: '#/content', detail: message(parsed.key, lang, { line: parsed.line }) },
          ],
        },
      ],
    };
  }
  const [header, ...records] = parsed.records;
  if (header === undefined || records.length === 0) return contentError(message('empty', lang));
  if (records.length + parsed.more > maxRows) {
    return { ok: false, tooMany: records.length + parsed.more };
  }
  const names = header.fields.map((field) => field.text.trim());
  if (names.some((name) => name === '') || new Set(names).size !== names.length) {
    return {
      ok: false,
      errors: [
        {
          index: -1,
          line: header.line,
          errors: [{ pointer: '#/content', detail: message('badHeader', lang) }],
        },
      ],
    };
  }
  const rows: BatchRow[] = [];
  const errors: RowError[] = [];
  records.forEach((record, index) => {
    if (record.fields.length !== names.length) {
      errors.push({
        index,
        line: record.line,
        errors: [
          {
            pointer: '#',
            detail: message('fieldCount', lang, {
              found: record.fields.length,
              expected: names.length,
            }),
          },
        ],
      });
      return;
    }
    const value: Record<string, unknown> = {};
    record.fields.forEach((field, column) => {
      const name = names[column];
      if (name !== undefined && (field.quoted || field.text !== '')) value[name] = field.text;
    });
    rows.push({ index, line: record.line, value });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
