/**
 * Filling the `{name}` placeholders of a message: the one formatter every word catalogue uses.
 * A placeholder without a value is an error, at compile time where the message's text is a
 * literal type (a catalogue written `as const`) and when the message is filled otherwise, so a
 * raw `{name}` never reaches the pane; a value the message has no placeholder for is a type
 * error where TypeScript sees the object literal. A catalogue's look-up is `message-lookup.ts`.
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
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new MissingPlaceholderError(name, template);
    return show(value);
  });
}
