import { format, type Lang, type Translated } from '../i18n/lang.ts';
import type { FieldError } from '../errors/app-error.ts';

/** What Ajv reports for one failing keyword (the subset of its ErrorObject we read). */
export interface SchemaViolation {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string | undefined;
}

const MESSAGES: Readonly<Record<string, Translated>> = {
  required: {
    az: 'Bu sahə tələb olunur.',
    en: 'This field is required.',
    ru: 'Это поле обязательно.',
  },
  type: {
    az: 'Dəyərin növü {type} olmalıdır.',
    en: 'The value must be of type {type}.',
    ru: 'Значение должно иметь тип {type}.',
  },
  minLength: {
    az: 'Ən azı {limit} simvol olmalıdır.',
    en: 'Must be at least {limit} characters long.',
    ru: 'Должно содержать не менее {limit} символов.',
  },
  maxLength: {
    az: 'Ən çoxu {limit} simvol ola bilər.',
    en: 'Must be at most {limit} characters long.',
    ru: 'Должно содержать не более {limit} символов.',
  },
  pattern: {
    az: 'Dəyər tələb olunan formatda deyil.',
    en: 'The value is not in the required format.',
    ru: 'Значение не в требуемом формате.',
  },
  format: {
    az: 'Dəyər {format} formatında olmalıdır.',
    en: 'The value must be a valid {format}.',
    ru: 'Значение должно быть в формате {format}.',
  },
  enum: {
    az: 'Dəyər icazə verilənlərdən biri olmalıdır: {allowed}.',
    en: 'The value must be one of: {allowed}.',
    ru: 'Значение должно быть одним из: {allowed}.',
  },
  const: {
    az: 'Dəyər {allowed} olmalıdır.',
    en: 'The value must be {allowed}.',
    ru: 'Значение должно быть {allowed}.',
  },
  minimum: {
    az: 'Dəyər {limit}-dən kiçik ola bilməz.',
    en: 'The value must be at least {limit}.',
    ru: 'Значение должно быть не меньше {limit}.',
  },
  maximum: {
    az: 'Dəyər {limit}-dən böyük ola bilməz.',
    en: 'The value must be at most {limit}.',
    ru: 'Значение должно быть не больше {limit}.',
  },
  minItems: {
    az: 'Ən azı {limit} element olmalıdır.',
    en: 'Must have at least {limit} items.',
    ru: 'Должно быть не менее {limit} элементов.',
  },
  maxItems: {
    az: 'Ən çoxu {limit} element ola bilər.',
    en: 'Must have at most {limit} items.',
    ru: 'Должно быть не более {limit} элементов.',
  },
  additionalProperties: {
    az: 'Naməlum sahə: {property}.',
    en: 'Unknown field: {property}.',
    ru: 'Неизвестное поле: {property}.',
  },
  fallback: {
    az: 'Dəyər düzgün deyil.',
    en: 'The value is not valid.',
    ru: 'Значение некорректно.',
  },
};

function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function paramsOf(violation: SchemaViolation): Record<string, string | number> {
  const p = violation.params;
  const text = (value: unknown): string =>
    typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  return {
    type: text(p.type ?? ''),
    limit: text(p.limit ?? ''),
    format: text(p.format ?? ''),
    allowed: Array.isArray(p.allowedValues)
      ? p.allowedValues.map(text).join(', ')
      : text(p.allowedValue ?? ''),
    property: text(p.additionalProperty ?? ''),
  };
}

/**
 * Turns schema violations into RFC 9457 `errors[]` entries in the user's language. Body errors
 * carry a JSON pointer; query, path and header errors name the parameter.
 */
export function fieldErrors(
  violations: readonly SchemaViolation[],
  context: string,
  lang: Lang,
): FieldError[] {
  return violations.slice(0, 50).map((violation) => {
    let path = violation.instancePath;
    if (violation.keyword === 'required' && typeof violation.params.missingProperty === 'string') {
      path = `${path}/${escapePointerToken(violation.params.missingProperty)}`;
    }
    if (
      violation.keyword === 'additionalProperties' &&
      typeof violation.params.additionalProperty === 'string'
    ) {
      path = `${path}/${escapePointerToken(violation.params.additionalProperty)}`;
    }
    const template = MESSAGES[violation.keyword] ?? MESSAGES.fallback;
    const detail = format(template?.[lang] ?? 'invalid', paramsOf(violation));
    if (context === 'body') return { pointer: `#${path}`, detail };
    const parameter = path.replace(/^\//, '').split('/')[0] ?? '';
    return { parameter, detail };
  });
}
