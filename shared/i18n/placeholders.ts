/**
 * Filling the `{name}` placeholders of a message: the one formatter every word catalogue uses.
 * A placeholder without a value is an error at compile time where the message's text is a
 * literal type (a catalogue written `as const`), for a key chosen at run time too (the values of
 * every text it may be, `PlaceholderValues`); a value the message has no placeholder for is a type
 * error where TypeScript sees the object literal. At run time a catalogue's look-up
 * (`message-lookup.ts`) throws for a missing value; the fillers of problems and refusals (`t.ts`),
 * whose values are built at run time, throw under a test runner and elsewhere show `{name}` and
 * report it ({@link fillOrShowMissing}), so a path the tests missed costs one visible placeholder,
 * not a whole request.
 */
/** A placeholder: `{`, a name of letters, digits or `_`, `}`. Global: use it with `replace` or `matchAll`. */
export const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The names of the placeholders in the literal text type `S`, as a union (`never` for a text
 * without any): `PlaceholderName<'{n} of {max}'>` is `'n' | 'max'`.
 */
export type PlaceholderName<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | PlaceholderName<Rest> : never;

/** The values of a message without placeholders: none, so any value passed is a type error. */
export type NoPlaceholders = Readonly<Record<string, never>>;

/**
 * The rest parameter that fills the message text `S` with values of type `V`: required, with
 * exactly `S`'s placeholders, when `S` has any; optional and empty when it has none; a free
 * record when `S` is a plain `string` (TypeScript cannot see its placeholders). A union of texts
 * (a key chosen at run time) takes the values of any one of them.
 */
export type PlaceholderArgs<S extends string, V> = string extends S
  ? [values?: Readonly<Record<string, V>>]
  : S extends string
    ? [PlaceholderName<S>] extends [never]
      ? [values?: NoPlaceholders]
      : [values: { readonly [N in PlaceholderName<S>]: V }]
    : never;

/**
 * The values that fill the message text `S`, by name: each of `S`'s placeholders, required (an
 * empty object type for a text without any); for a union of texts (a key chosen at run time) the
 * placeholders of every one of them, so a value one of them needs cannot be left out; a free
 * record when `S` is a plain `string` (TypeScript cannot see its placeholders).
 * @example PlaceholderValues<'{n} av {max}', number> // { readonly n: number; readonly max: number }
 */
export type PlaceholderValues<S extends string, V> = string extends S ? Readonly<Record<string, V>> : { readonly [N in PlaceholderName<S>]: V };

/** Thrown when a message is filled without a value for one of its placeholders: a bug in the caller. */
export class MissingPlaceholderError extends Error {
  /** The code logs carry. */
  readonly code = 'placeholder-missing';

  /**
   * @param placeholder the name without braces
   * @param template the message's text as written in its catalogue (never a filled-in value)
   */
  constructor(
    readonly placeholder: string,
    readonly template: string,
  ) {
    super(`placeholder-missing: no value for {${placeholder}} in "${template}"`);
    this.name = 'MissingPlaceholderError';
  }
}

/** The placeholder names in `template`, in order of appearance, each once. */
export function placeholderNames(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * `template` with each `{name}` replaced by `show(values[name])`; only own properties count, so
 * `{constructor}` is not filled from `Object.prototype`.
 * @param show how a value is written (default `String`; a caller that writes values per language,
 *   a decimal comma in Swedish say, passes its own)
 * @throws MissingPlaceholderError when `values` has no value (or `undefined`) for a placeholder
 * @example fillPlaceholders('{n} av {max}', { n: 3, max: 5 }) // '3 av 5'
 */
export function fillPlaceholders<V>(
  template: string,
  values: Readonly<Record<string, V>> = {},
  show: (value: V) => string = String,
): string {
  return fill(template, values, show, (err) => {
    throw err;
  });
}

/** `template` filled from `values`; a placeholder without a value is `missing`'s to answer (throw, or the text put in its place). */
function fill<V>(template: string, values: Readonly<Record<string, V>>, show: (value: V) => string, missing: (err: MissingPlaceholderError, whole: string) => string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined ? missing(new MissingPlaceholderError(name, template), whole) : show(value);
  });
}

/**
 * What {@link fillOrShowMissing} does with a placeholder that has no value: where the message's
 * key or words are chosen at run time the compiler cannot see every value, and a throw there
 * would turn a whole request (a document's validation, an import) into a 500.
 */
export interface MissingPlaceholderPolicy {
  /** Throw `MissingPlaceholderError`, so the bug fails its test; else show `{name}` as written and report it. */
  strict: boolean;
  /** Told of a placeholder shown unfilled, once per message text and name (the server logs it with code `placeholder-missing`). */
  report: (err: MissingPlaceholderError) => void;
}

/** True under a test runner (vitest sets `VITEST`, and `NODE_ENV=test`); never in the pane's browser build, which has no `process`. */
function underTest(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env !== undefined && (env.VITEST !== undefined || env.NODE_ENV === 'test');
}

let policy: MissingPlaceholderPolicy = { strict: underTest(), report: () => undefined };
/** The placeholders already reported, by name and text: a document of 10,000 rows reports a missing value once. */
const reported = new Set<string>();
const MAX_REPORTED = 1_000;

/**
 * Sets what a placeholder without a value does in {@link fillOrShowMissing} (strict under a test
 * runner, else shown and reported to nobody until a reporter is set); returns the policy before,
 * to put back.
 * @example setMissingPlaceholderPolicy({ report: (err) => logger.error({ code: err.code, placeholder: err.placeholder, template: err.template }, 'message filled without a value') })
 */
export function setMissingPlaceholderPolicy(next: Partial<MissingPlaceholderPolicy>): MissingPlaceholderPolicy {
  const before = policy;
  policy = { ...policy, ...next };
  reported.clear();
  return before;
}

/**
 * `template` filled as {@link fillPlaceholders} fills it, for a message whose key or words are
 * chosen at run time: a placeholder without a value throws under a test runner, and elsewhere is
 * left visible as `{name}` and reported once (see {@link MissingPlaceholderPolicy}).
 * @throws MissingPlaceholderError for a placeholder without a value, when the policy is strict
 */
export function fillOrShowMissing<V>(template: string, values: Readonly<Record<string, V>> = {}, show: (value: V) => string = String): string {
  return fill(template, values, show, (err, whole) => {
    if (policy.strict) throw err;
    const key = `${err.placeholder}\u0000${template}`;
    if (!reported.has(key) && reported.size < MAX_REPORTED) {
      reported.add(key);
      policy.report(err);
    }
    return whole;
  });
}
