/**
 * Samplan's own Swedish for a zod issue: the words after the field in a refusal of a request
 * (`Förfrågan är inte giltig: sista dagen att rapportera (dueDate) ska vara ett datum ÅÅÅÅ-MM-DD.`), for every
 * issue code zod 4 makes (`invalid_type`, `too_small`, `too_big`, `invalid_format`,
 * `not_multiple_of`, `unrecognized_keys`, `invalid_union`, `invalid_key`, `invalid_element`,
 * `invalid_value`, `custom`). The English stays zod's `message` (or the check's own English): this
 * module never copies it into the Swedish, so a coordinator reads no "expected string, received
 * undefined" inside a Swedish sentence. zod's `sv` locale was not used: its sentences name types in
 * a programmer's words ("förväntade string, fick undefined").
 *
 * A check with words of its own gives its Swedish through `params.sv` (a refinement,
 * `shared/validate/plain-text.ts`) or `checkWords` (`check-words.ts`, any check); an
 * `unrecognized_keys` issue of `strictBody` through `unknownKeySwedish`.
 */
import { checkSwedish } from './check-words.js';
import { valueAsTyped } from './number-words.js';
import { unknownKeySwedish } from '../validate/strict-body.js';

/** A zod issue as the refusal reads it: the fields zod 4 puts on a finished issue, all optional but `message`. */
export interface IssueLike {
  code?: string;
  message: string;
  path?: readonly PropertyKey[];
  params?: unknown;
  expected?: unknown;
  received?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: unknown;
  exact?: unknown;
  format?: unknown;
  divisor?: unknown;
  values?: unknown;
  keys?: unknown;
  errors?: unknown;
}

/** zod's `expected` type names in Swedish, as a noun phrase (`ska vara …`). */
const TYPE_SV: Readonly<Record<string, string>> = {
  string: 'en text',
  number: 'ett tal',
  int: 'ett heltal',
  bigint: 'ett heltal',
  boolean: 'sant eller falskt (true eller false)',
  object: 'ett objekt ({ … })',
  array: 'en lista ([ … ])',
  tuple: 'en lista ([ … ])',
  record: 'ett objekt ({ … })',
  map: 'ett objekt ({ … })',
  set: 'en lista ([ … ])',
  date: 'ett datum',
  null: 'null',
  undefined: 'utelämnat',
  literal: 'ett bestämt värde',
  enum: 'ett av de tillåtna värdena',
  nan: 'NaN',
  symbol: 'en symbol',
  function: 'en funktion',
  file: 'en fil',
};

/** zod's string formats in Swedish (`ska vara …`), the ones Samplan's schemas and zod's own checks make. */
const FORMAT_SV: Readonly<Record<string, string>> = {
  date: 'ett datum ÅÅÅÅ-MM-DD som finns',
  datetime: 'en tidpunkt enligt ISO 8601 (ÅÅÅÅ-MM-DDTtt:mm:ssZ)',
  time: 'ett klockslag tt:mm:ss',
  duration: 'en tidslängd enligt ISO 8601 (t.ex. P3D)',
  email: 'en e-postadress',
  uuid: 'ett UUID (32 hexadecimala siffror i fem grupper)',
  guid: 'ett GUID (32 hexadecimala siffror i fem grupper)',
  url: 'en webbadress (URL)',
  ipv4: 'en IPv4-adress',
  ipv6: 'en IPv6-adress',
  base64: 'Base64-kodad data',
  base64url: 'Base64url-kodad data',
  jwt: 'en JWT',
  lowercase: 'skriven med små bokstäver',
  uppercase: 'skriven med stora bokstäver',
};

/** A bound or a choice as Swedish writes it: `12 000`, `0,5` (`valueAsTyped`). */
const sv = (v: unknown): string => valueAsTyped(v, 'sv');

/** A count of `n` things: `1 tecken`, `2 värden`, `12 000 tecken`. */
function count(n: unknown, one: string, many: string): string {
  return `${sv(n)} ${n === 1 ? one : many}`;
}

/** The values of an `invalid_value` issue as a person reads them: `"json", "csv" eller "xlsx"`. */
function choiceList(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? `"${v}"` : sv(v)));
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} eller ${shown[shown.length - 1] ?? ''}`;
}

/** Words of a `too_small` (`big` false) or `too_big` (`big` true) issue by what was measured. */
function sizeWords(issue: IssueLike, big: boolean): string {
  const n = big ? issue.maximum : issue.minimum;
  const inclusive = issue.inclusive !== false;
  if (issue.exact === true) {
    if (issue.origin === 'string') return `ska ha exakt ${count(n, 'tecken', 'tecken')}`;
    if (issue.origin === 'array' || issue.origin === 'set') return `ska ha exakt ${count(n, 'värde', 'värden')}`;
  }
  switch (issue.origin) {
    case 'string':
      return big ? `får ha högst ${count(n, 'tecken', 'tecken')}` : `ska ha minst ${count(n, 'tecken', 'tecken')}`;
    case 'array':
    case 'set':
      return big ? `får ha högst ${count(n, 'värde', 'värden')}` : `ska ha minst ${count(n, 'värde', 'värden')}`;
    case 'date':
      return big ? `får vara ${inclusive ? 'senast' : 'före'} ${sv(n)}` : `får vara ${inclusive ? 'tidigast' : 'efter'} ${sv(n)}`;
    case 'file':
      return big ? `får vara högst ${sv(n)} byte` : `ska vara minst ${sv(n)} byte`;
    default:
      return big ? (inclusive ? `får vara högst ${sv(n)}` : `ska vara mindre än ${sv(n)}`) : inclusive ? `ska vara minst ${sv(n)}` : `ska vara större än ${sv(n)}`;
  }
}

/**
 * Whether the value at `issue.path` is absent from the validated input (`input.value`): the field
 * is missing. Without the input, zod 4's finished issue keeps no received value, so its English
 * message ("… received undefined") is read as a fallback.
 */
export function isMissing(issue: IssueLike, input: { readonly value: unknown } | undefined): boolean {
  if (issue.received === 'undefined') return true;
  if (input) return valueAt(input.value, issue.path ?? []) === undefined;
  return /received undefined$/.test(issue.message);
}

/** The value at `path` inside `value` (keys of objects, indexes of arrays), or undefined where the path leaves it. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** Words of an `invalid_type` issue: missing, or the type it should be. */
function typeWords(issue: IssueLike, input: { readonly value: unknown } | undefined): string {
  if (isMissing(issue, input)) return 'saknas';
  if (issue.received === 'NaN') return 'ska vara ett tal';
  const expected = typeof issue.expected === 'string' ? TYPE_SV[issue.expected] : undefined;
  return expected ? `ska vara ${expected}` : 'har fel slag av värde';
}

/** Words of an `invalid_format` issue: the check's own Swedish, else the format's. */
function formatWords(issue: IssueLike): string {
  const own = checkSwedish(issue.message);
  if (own) return own;
  const format = typeof issue.format === 'string' ? FORMAT_SV[issue.format] : undefined;
  if (format) return `ska vara ${format}`;
  if (issue.format === 'starts_with') return 'börjar inte som det ska';
  if (issue.format === 'ends_with') return 'slutar inte som det ska';
  if (issue.format === 'includes') return 'saknar en del som ska finnas med';
  return 'har inte den form som krävs';
}

/** Words of an `invalid_union` issue: what the branches take, when each says a type; else a general sentence. */
function unionWords(issue: IssueLike): string {
  const branches = Array.isArray(issue.errors) ? (issue.errors as unknown[]) : [];
  const types = new Set<string>();
  for (const branch of branches) {
    const first = Array.isArray(branch) ? (branch[0] as IssueLike | undefined) : undefined;
    const expected = first?.code === 'invalid_type' && typeof first.expected === 'string' ? TYPE_SV[first.expected] : undefined;
    if (!expected) return 'passar inte något av de slag av värden som tas emot';
    types.add(expected);
  }
  return types.size > 0 ? `ska vara ${choiceList([...types]).replace(/"/g, '')}` : 'passar inte något av de slag av värden som tas emot';
}

/** The Swedish words a check put in its issue's `params.sv` (`shared/validate/plain-text.ts`), if any. */
function paramsSwedish(issue: IssueLike): string | null {
  const params = issue.params;
  if (typeof params !== 'object' || params === null || !('sv' in params)) return null;
  const sv = (params as { sv: unknown }).sv;
  return typeof sv === 'string' ? sv : null;
}

/**
 * The Swedish words after the field for `issue` (no full stop, no field name), for every zod 4
 * issue code; never zod's English. A check's own Swedish wins (`params.sv`, `checkWords`).
 * `input.value` is what was validated (the body or query): an `invalid_type` issue whose path
 * finds no value there is "saknas" (missing); without `input` zod's English message decides.
 *
 * @example
 * issueWordsSv({ code: 'too_big', origin: 'string', maximum: 200, message: 'Too big: …' }); // 'får ha högst 200 tecken'
 * issueWordsSv({ code: 'invalid_type', expected: 'string', path: ['name'], message: '…' }, { value: {} }); // 'saknas'
 */
export function issueWordsSv(issue: IssueLike, input?: { readonly value: unknown }): string {
  const own = paramsSwedish(issue) ?? unknownKeySwedish(issue) ?? (issue.code === 'invalid_format' ? null : checkSwedish(issue.message));
  if (own) return own;
  switch (issue.code) {
    case 'invalid_type':
      return typeWords(issue, input);
    case 'too_small':
      return sizeWords(issue, false);
    case 'too_big':
      return sizeWords(issue, true);
    case 'invalid_format':
      return formatWords(issue);
    case 'not_multiple_of':
      return `ska vara en multipel av ${sv(issue.divisor)}`;
    case 'invalid_value':
      return `ska vara ${choiceList(Array.isArray(issue.values) ? (issue.values as unknown[]) : [])}`;
    case 'unrecognized_keys': {
      const keys = Array.isArray(issue.keys) ? (issue.keys as unknown[]).map((k) => `"${sv(k)}"`) : [];
      return `har ${keys.length === 1 ? 'ett fält' : 'fält'} som förfrågan inte tar: ${keys.join(', ')}`;
    }
    case 'invalid_union':
      return unionWords(issue);
    case 'invalid_key':
      return 'har en nyckel som inte går att använda';
    case 'invalid_element':
      return 'har ett värde som inte går att använda';
    default:
      return 'har ett värde som inte går att använda';
  }
}
