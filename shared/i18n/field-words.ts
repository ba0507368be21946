/**
 * The Swedish words for a field of a REST request body or a stored record, for the sentences that
 * refuse its text: "Förfrågan är inte giltig: namnet (title) innehåller U+202E …" instead of
 * "fältet title …", which names the field in the API's English to a coordinator who typed a
 * document's name. The words follow the labels the pane shows (the round form's "Sista dag att
 * rapportera", the members view's "Roll", "Enheter", "Etikett"). The API key stays in brackets, for
 * whoever calls the API.
 */
import { digits } from './number-words.js';

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
  dueDate: ['sista dagen att rapportera', 'sista dag att rapportera'],
  level: ['nivån', 'nivå'],
  indicators: ['indikatorerna', 'indikatorer'],
  expiresInDays: ['giltighetstiden', 'giltighetstid'],
  kind: ['dokumenttypen', 'dokumenttyp'],
  workspace: ['arbetsytan', 'arbetsyta'],
  years: ['antalet år', 'antal år'],
  levels: ['nivåerna', 'nivåer'],
  activities: ['aktiviteternas utfall', 'aktiviteters utfall'],
  allowDuplicate: ['valet att skapa en dubblett', 'val att skapa en dubblett'],
  accessToken: ['åtkomstnyckeln', 'åtkomstnyckel'],
  limit: ['antalet rader', 'antal rader'],
  group: ['grupperingen', 'gruppering'],
  format: ['formatet', 'format'],
  sep: ['avgränsaren', 'avgränsare'],
  table: ['tabellen', 'tabell'],
  lang: ['språket', 'språk'],
  unit: ['enheten', 'enhet'],
  indicator: ['indikatorn', 'indikator'],
  kon: ['könet', 'kön'],
  validated: ['valet av validerade värden', 'val av validerade värden'],
  page: ['sidan', 'sida'],
  per_page: ['antalet per sida', 'antal per sida'],
  dryRun: ['provkörningen', 'provkörning'],
  doc: ['dokumentet', 'dokument'],
  values: ['värdena', 'värden'],
  value: ['värdet', 'värde'],
  count: ['antalet', 'antal'],
  next_page: ['nästa sida', 'nästa sida'],
  kpi: ['indikatorn', 'indikator'],
  municipality: ['kommunen', 'kommun'],
  gender: ['könet', 'kön'],
  status: ['statusen', 'status'],
  at: ['tidpunkten', 'tidpunkt'],
};

/** Fields that read best alone: a return's reason is not "the round's reason". */
const STANDALONE: ReadonlySet<string> = new Set(['reason', 'comment']);

/**
 * A body field `path` (zod's issue path joined with dots, e.g. `title` or `levels.0.level`) in
 * Swedish with its key: `namnet (title)`; a place in a list by its number as a person counts
 * (`units.2` → `värde nr 3 i enheterna (units.2)`); a key of a record by the record's field
 * (`values.b` → `värdena (values.b)`); a path whose last key has no Swedish words and no field
 * with words right above it is `fältet levels.0.x`; the empty path (the whole body) is `innehållet`.
 *
 * @example
 * fieldWordsSv('title'); // 'namnet (title)'
 */
export function fieldWordsSv(path: string): string {
  if (path === '') return 'innehållet';
  const keys = path.split('.');
  const last = keys[keys.length - 1] ?? path;
  if (/^\d+$/.test(last) && keys.length > 1) {
    const list = FIELD_SV[keys[keys.length - 2] ?? ''];
    if (list) return `värde nr ${digits(Number(last) + 1)} i ${list[0]} (${path})`;
  }
  // The nearest key with words: a record's own key (`values.b`) is named by the record's field.
  for (let i = keys.length - 1; i >= 0; i--) {
    const words = FIELD_SV[keys[i] ?? ''];
    if (words && (i === keys.length - 1 || !/^\d+$/.test(keys[i + 1] ?? ''))) return `${words[0]} (${path})`;
    if (words) break;
  }
  return `fältet ${path}`;
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
