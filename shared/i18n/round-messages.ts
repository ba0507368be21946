/**
 * Swedish and English sentences of follow-up rounds (submit → approve → lock): refusals of a
 * transition, the lock reason, and the status words. Placeholders are `{name}`. The status words
 * are the ones DHIS2-style follow-up uses in Swedish regions: ej påbörjad, pågår, inskickad,
 * godkänd, återsänd.
 *
 * Sentences a person reads name things by their names: the unit's name, the round's title, a
 * period in words (`period-label.ts`), a role as the pane names roles ({@link ROLE_WORDS}). Codes
 * stay in the machine `code` beside the sentence.
 */
import type { Localized } from '../schema/types.js';
import { numberAsTyped } from './number-words.js';
import { periodWords } from './period-label.js';
import { fillPlaceholders, type PlaceholderArgs } from './placeholders.js';

/** Every sentence of rounds, keyed by a stable code (also the error code of the API). */
export const ROUND_MESSAGES = {
  'round-role': {
    sv: 'Din roll ({role}) får inte {action} för {unit}. {who}',
    en: 'Your role ({role}) may not {action} for {unit}. {who}',
  },
  'round-state': {
    sv: 'Det går inte att {action} när {unit} har status "{status}" i omgången {round}.',
    en: 'You cannot {action} while {unit} is "{status}" in the round {round}.',
  },
  'round-reason': {
    sv: 'Skriv en motivering när du {doing}.',
    en: 'Give a reason when you {doing}.',
  },
  'round-not-found': {
    sv: 'Det finns ingen uppföljningsomgång "{round}".',
    en: 'There is no follow-up round "{round}".',
  },
  'round-unit': {
    sv: 'Enheten {unit} rapporterar inte i omgången {round}.',
    en: 'The unit {unit} does not report in the round {round}.',
  },
  'round-exists': {
    sv: 'Omgången "{round}" finns redan.',
    en: 'The round "{round}" already exists.',
  },
  'round-locked': {
    sv: 'Raden ingår i den godkända omgången {round} och är låst. Be en administratör öppna enhetens rapport för ändring.',
    en: 'The row is part of the approved round {round} and is locked. Ask an admin to reopen the unit\'s report for changes.',
  },
  'round-locked-reason': {
    sv: 'raden ingår i den godkända omgången {round} och är låst tills en administratör öppnar enhetens rapport för ändring.',
    en: 'the row is part of the approved round {round} and is locked until an admin reopens the unit\'s report for changes.',
  },
  'round-locked-note': {
    sv: 'Låst ({round}, godkänd)',
    en: 'Locked ({round}, approved)',
  },
  'round-closed': {
    sv: 'Omgången {round} är stängd, så det går inte att {action} för {unit}. Den som leder uppföljningen (samordnare eller administratör) kan öppna omgången igen.',
    en: 'The round {round} is closed, so you cannot {action} for {unit}. Whoever leads the follow-up (a coordinator or admin) can reopen the round.',
  },
  'round-close-role': {
    sv: 'Din roll ({role}) får inte {action}. Samordnare och administratörer stänger och öppnar omgångar.',
    en: 'Your role ({role}) may not {action}. Coordinators and admins close and reopen rounds.',
  },
  'round-close-state': {
    sv: 'Omgången {round} är redan {state}.',
    en: 'The round {round} is already {state}.',
  },
  'round-closed-locked': {
    sv: 'Raden ingår i den stängda omgången {round} och är låst. Be samordnaren öppna omgången igen.',
    en: 'The row is part of the closed round {round} and is locked. Ask the coordinator to reopen the round.',
  },
  'round-closed-locked-reason': {
    sv: 'raden ingår i den stängda omgången {round} och är låst tills omgången öppnas igen.',
    en: 'the row is part of the closed round {round} and is locked until the round is reopened.',
  },
  'round-locked-move-reason': {
    sv: 'raden skulle då ingå i den godkända omgången {round}, som är låst tills en administratör öppnar enhetens rapport för ändring.',
    en: 'the row would then be part of the approved round {round}, which is locked until an admin reopens the unit\'s report for changes.',
  },
  'round-closed-locked-move-reason': {
    sv: 'raden skulle då ingå i den stängda omgången {round}, som är låst tills omgången öppnas igen.',
    en: 'the row would then be part of the closed round {round}, which is locked until the round is reopened.',
  },
  'round-locked-held-reason': {
    sv: 'raden ingår i den godkända omgången {round}.',
    en: 'the row is part of the approved round {round}.',
  },
  'round-closed-locked-held-reason': {
    sv: 'raden ingår i den stängda omgången {round}.',
    en: 'the row is part of the closed round {round}.',
  },
  'round-locked-held-until': {
    sv: 'när raden inte ingår i omgången {round} (ändra dess period eller datum) eller när en administratör har öppnat enhetens rapport för ändring',
    en: 'once the row is not part of the round {round} (change its period or date) or an admin has reopened the unit\'s report for changes',
  },
  'round-closed-locked-held-until': {
    sv: 'när raden inte ingår i omgången {round} (ändra dess period eller datum) eller när omgången har öppnats igen',
    en: 'once the row is not part of the round {round} (change its period or date) or the round has been reopened',
  },
  'round-closed-locked-note': {
    sv: 'Låst ({round}, stängd)',
    en: 'Locked ({round}, closed)',
  },
} as const satisfies Record<string, Localized>;

/** A key of {@link ROUND_MESSAGES}. */
export type RoundMessageKey = keyof typeof ROUND_MESSAGES;

/** The words for each transition, filled into `{action}`. */
export const ROUND_ACTION_WORDS = {
  submit: { sv: 'skicka in', en: 'submit' },
  approve: { sv: 'godkänna', en: 'approve' },
  return: { sv: 'återsända', en: 'return' },
  reopen: { sv: 'öppna rapporten för ändring', en: 'reopen the report for changes' },
} as const satisfies Record<string, Localized>;

/** Each transition in the present tense, filled into `{doing}` ("när du återsänder"). */
export const ROUND_ACTION_PRESENT = {
  submit: { sv: 'skickar in', en: 'submit' },
  approve: { sv: 'godkänner', en: 'approve' },
  return: { sv: 'återsänder', en: 'return' },
  reopen: { sv: 'öppnar rapporten för ändring', en: 'reopen the report for changes' },
} as const satisfies Record<string, Localized>;

/** The round-level moves in words, filled into `{action}` of `round-close-role`. */
export const ROUND_CLOSURE_WORDS = {
  close: { sv: 'stänga omgången', en: 'close the round' },
  reopen: { sv: 'öppna den stängda omgången igen', en: 'reopen the closed round' },
} as const satisfies Record<string, Localized>;

/**
 * The sentence of a write refused for a locked row: the approved round's (`round-locked`) or,
 * `closed`, the closed round's (`round-closed-locked`).
 */
export function lockedRowMessage(lock: { period: string; title?: string | null | undefined; closed?: boolean | undefined }): Localized {
  return roundMessage(lock.closed === true ? 'round-closed-locked' : 'round-locked', { round: roundWords(lock) });
}

/** The roles in words, as the pane names them (`addin/taskpane/strings.ts` `role.*`). */
export const ROLE_WORDS = {
  admin: { sv: 'administratör', en: 'administrator' },
  coordinator: { sv: 'samordnare', en: 'coordinator' },
  editor: { sv: 'redigerare', en: 'editor' },
  viewer: { sv: 'läsare', en: 'viewer' },
} as const satisfies Record<string, Localized>;

/**
 * A round as a sentence names it: its title, with its period in words when the title is not
 * already that ("Vårrapport (2025 kv 2)"); the period in words alone when the title is not known
 * (a refusal read from a close reason carries only the round's id and period code) or is the
 * period in either language, so that English says "2025 Q4" for a round titled "2025 kv 4" as a
 * refusal read from a close reason does.
 */
export function roundWords(round: { period: string; title?: string | null | undefined }): Localized {
  const words = (lang: 'sv' | 'en'): string => {
    const period = periodWords(round.period, lang);
    // A title that is the period in either language ("2025 kv 4", "2025 Q4") is said as the period in this one.
    if (!round.title || round.title === periodWords(round.period, 'sv') || round.title === periodWords(round.period, 'en')) return period;
    return `${round.title} (${period})`;
  };
  return { sv: words('sv'), en: words('en') };
}

/** Who may do each transition, filled into `{who}`. */
export const ROUND_WHO = {
  submit: { sv: 'En redigerare skickar in för sin egen enhet; samordnare och administratörer för alla.', en: 'An editor submits for their own unit; coordinators and admins for any.' },
  approve: { sv: 'Samordnare och administratörer godkänner.', en: 'Coordinators and admins approve.' },
  return: { sv: 'Samordnare och administratörer återsänder.', en: 'Coordinators and admins return.' },
  reopen: { sv: 'Bara en administratör öppnar en godkänd rapport för ändring.', en: 'Only an admin reopens an approved report for changes.' },
} as const satisfies Record<string, Localized>;

/** The status words of a unit in a round. */
export const ROUND_STATUS_WORDS = {
  'ej-paborjad': { sv: 'ej påbörjad', en: 'not started' },
  pagar: { sv: 'pågår', en: 'in progress' },
  inskickad: { sv: 'inskickad', en: 'submitted' },
  godkand: { sv: 'godkänd', en: 'approved' },
  atersand: { sv: 'återsänd', en: 'returned' },
} as const satisfies Record<string, Localized>;

/** A message parameter: plain text, a number, or a text in both languages. */
type Param = string | number | Localized;

/** A parameter in `lang`: a number in the one form of `number-words.ts` (`12 000`, `0,5`), a text in both languages in `lang`'s. */
const show = (p: Param, lang: 'sv' | 'en'): string => (typeof p === 'object' ? p[lang] : typeof p === 'number' ? numberAsTyped(p, lang) : p);

/**
 * The message `key` in both languages with its placeholders filled from the values (exactly the
 * Swedish text's, where TypeScript sees the key).
 * @throws MissingPlaceholderError for a placeholder without a value
 */
export function roundMessage<K extends RoundMessageKey>(key: K, ...params: PlaceholderArgs<(typeof ROUND_MESSAGES)[K]['sv'], Param>): Localized {
  const values = params[0] as Readonly<Record<string, Param>> | undefined;
  const m = ROUND_MESSAGES[key];
  return { sv: fillPlaceholders(m.sv, values, (p) => show(p, 'sv')), en: fillPlaceholders(m.en, values, (p) => show(p, 'en')) };
}
