import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { FieldError } from '../platform/errors/app-error.ts';
import type { Lang } from '../platform/i18n/lang.ts';
import { fieldErrors, type SchemaViolation } from '../platform/http/validation-messages.ts';

// ajv-formats is CommonJS; under ESM its plugin is the `default` member of the module.
const addFormats = addFormatsPlugin.default;

/**
 * Validates exchange contracts (JSON Schema) with one Ajv instance: the same validator language as
 * the API (STYLE.md §5). Compiled validators are cached per schema object by the caller.
 */
export function createContractAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    removeAdditional: false,
    coerceTypes: false,
  });
  addFormats(ajv);
  return ajv;
}

export function compileContract(ajv: Ajv, schema: unknown): ValidateFunction {
  return ajv.compile(schema as object);
}

export function contractErrors(
  errors: readonly ErrorObject[] | null | undefined,
  lang: Lang,
): FieldError[] {
  return fieldErrors((errors ?? []) as readonly SchemaViolation[], 'body', lang).map((e) => ({
    ...e,
    pointer: `#/body${(e.pointer ?? '#').slice(1)}`,
  }));
}
