import type { Lang, Translated } from '../i18n/lang.ts';

/**
 * Errors are a catalogue (STYLE.md §7): each type is defined once with a stable `type`, an HTTP
 * status and a safe, translated title (and optional detail template). The internal `cause` never
 * leaves the server.
 */
export interface ErrorDefinition {
  /** Stable, documented identifier, e.g. `exchange/no-legal-basis` (a relative URI reference). */
  readonly type: string;
  readonly status: number;
  readonly title: Translated;
  /** Optional detail template with `{param}` placeholders. */
  readonly detail?: Translated;
}

const catalogue = new Map<string, ErrorDefinition>();

export function defineError(definition: ErrorDefinition): ErrorDefinition {
  const existing = catalogue.get(definition.type);
  if (existing !== undefined && existing !== definition) {
    throw new Error(`error type ${definition.type} is defined twice`);
  }
  catalogue.set(definition.type, definition);
  return definition;
}

/** Every error type defined so far (modules define theirs when imported). */
export function errorCatalogue(): readonly ErrorDefinition[] {
  return [...catalogue.values()].sort((a, b) => a.type.localeCompare(b.type));
}

/** One failing field: `pointer` (RFC 6901) into the body, or the name of a query/path parameter. */
export interface FieldError {
  readonly pointer?: string;
  readonly parameter?: string;
  readonly detail: string;
}

export interface AppErrorOptions {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly errors?: readonly FieldError[];
  readonly headers?: Readonly<Record<string, string>>;
  /** Extra members of the problem document (safe to show). */
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

export class AppError extends Error {
  readonly definition: ErrorDefinition;
  readonly params: Readonly<Record<string, string | number>>;
  readonly errors: readonly FieldError[] | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(definition: ErrorDefinition, options: AppErrorOptions = {}) {
    super(definition.title.en, { cause: options.cause });
    this.name = 'AppError';
    this.definition = definition;
    this.params = options.params ?? {};
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  get type(): string {
    return this.definition.type;
  }

  get status(): number {
    return this.definition.status;
  }

  titleIn(lang: Lang): string {
    return this.definition.title[lang];
  }
}
