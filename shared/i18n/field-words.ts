/**
 * The Swedish words for a field of a REST request body or a stored record, for the sentences that
 * refuse its text: "Förfrågan är inte giltig: namnet (title) innehåller U+202E …" instead of
 * "fältet title …", which names the field in the API's English to a coordinator who typed a
 * document's name. The API key stays in brackets, for whoever calls the API.
 */

/** Record kinds as `server/storage/record-text.ts` names them, in Swedish genitive. */
const RECORD_SV: Readonly<Record<string, string>> = {
  document: 'Dokumentets',
  unit: 'Enhetens',
  member: 'Medlemmens',
  token: 'Åtkomsttokenets',
  workspace: 'Arbetsytans',
  round: 'Omgångens',
};

/** Body fields by their API key: the definite noun (`namnet`) and the one after a genitive (`Dokumentets namn`). */
const FIELD_SV: Readonly<Record<string, readonly [definite: string, afterGenitive: string]>> = {
  title: ['namnet', 'namn'],
  name: ['namnet', 'namn'],
  label: ['etiketten', 'etikett'],
  reason: ['motiveringen', 'motivering'],
  comment: ['kommentaren', 'kommentar'],
  id: ['id:t', 'id'],
  code: ['koden', 'kod'],
  parent: ['den överordnade enheten', 'överordnade enhet'],
  ownerUnit: ['den ägande enheten', 'ägande enhet'],
  memberId: ['medlemmens id', 'medlems-id'],
  units: ['enheterna', 'enheter'],
  role: ['rollen', 'roll'],
  period: ['perioden', 'period'],
  dueDate: ['sista dagen', 'sista dag'],
  level: ['nivån', 'nivå'],
  indicators: ['indikatorerna', 'indikatorer'],
  expiresInDays: ['giltighetstiden', 'giltighetstid'],
  kind: ['dokumenttypen', 'dokumenttyp'],
  workspace: ['arbetsytan', 'arbetsyta'],
};

/** Fields that read best alone: a return's reason is not "the round's reason". */
const STANDALONE: ReadonlySet<string> = new Set(['reason', 'comment']);

/**
 * A body field `path` (zod's issue path joined with dots, e.g. `title` or `levels.0.level`) in
 * Swedish with its key: `namnet (title)`; a path whose last key has no Swedish words is
 * `fältet levels.0.x`, as before.
 *
 * @example
 * fieldWordsSv('title'); // 'namnet (title)'
 */
export function fieldWordsSv(path: string): string {
  const words = FIELD_SV[path.split('.').pop() ?? path];
  return words ? `${words[0]} (${path})` : `fältet ${path}`;
}

/**
 * A stored record's field in Swedish, at the start of a sentence: `Dokumentets namn (title)`,
 * `Enhetens kod (code)`; `Fältet x` for a field without Swedish words, the definite noun
 * (`Motiveringen (reason)`) for a record kind without one.
 *
 * @example
 * recordFieldSv('unit', 'name'); // 'Enhetens namn (name)'
 */
export function recordFieldSv(record: string, field: string): string {
  const words = FIELD_SV[field];
  if (!words) return `Fältet ${field}`;
  const owner = RECORD_SV[record];
  return owner && !STANDALONE.has(field) ? `${owner} ${words[1]} (${field})` : `${words[0].charAt(0).toUpperCase()}${words[0].slice(1)} (${field})`;
}
