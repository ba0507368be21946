/**
 * The words for a round asked for that is not there. People ask for a round's completeness or
 * report by its period (`…/rounds/2025-kv-3/report`, `samplan report hbi-stockholm "2025 kv 3"`):
 * a round's id is made from its title, so for most rounds it spells the period. When the id asked
 * for reads as a period, the words say whether any round follows that period up — naming the
 * rounds that do, or the periods that have rounds — instead of only that no round has the id.
 */
import { parseAnyPeriod } from '../../shared/normalize/parse-period.js';
import { periodWords } from '../../shared/i18n/period-label.js';
import { roundMessage } from '../../shared/i18n/round-messages.js';
import { roundIdOf, type RoundDef } from '../../shared/rounds/model.js';
import type { Localized } from '../../shared/schema/types.js';
import { numberText } from '../../shared/i18n/number-words.js';

/** How many rounds or periods a sentence names before it says how many more there are. */
const NAMED = 6;

/**
 * The period `ref` spells, as a code (`2025-kv-3`, `2025 kv 3`, `2025q3` → `2025Q3`; `helar-2025`,
 * the id `roundIdOf` makes of "Helår 2025", → `2025`), or null.
 */
export function periodOfRoundRef(ref: string): string | null {
  // An id spells å as a (`roundIdOf`): helår and halvår are put back for the period's words.
  const words = ref.replace(/[-_]+/g, ' ').replace(/\b(hel|halv)ar(et)?\b/gi, (_, stem: string, definite?: string) => `${stem}år${definite ?? ''}`);
  return parseAnyPeriod(ref) ?? parseAnyPeriod(words);
}

/** `a`, `a och b`, `a, b och c` (`and` in English), with `… och 3 till` past {@link NAMED}. */
function listed(items: readonly string[], and: string, more: (n: number) => string): string {
  const shown = items.slice(0, NAMED);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} ${and} ${more(rest)}`;
  return shown.length < 2 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} ${and} ${shown[shown.length - 1]}`;
}

/** A round as a sentence names it: its title and its id, which the doors take (`"2025 kv 2" (2025-kv-2)`). */
function named(r: RoundDef): string {
  return r.title === r.id ? r.id : `"${r.title}" (${r.id})`;
}

/**
 * The round `ref` names among `rounds` when it is not one's id as written: the id spelt otherwise,
 * in capitals, with spaces or underscores (`2025 KV 4`, `2025_kv_4` for `2025-kv-4`: the id
 * `roundIdOf` makes of it), else the one round whose id spells the same period in another way
 * (`2025q4`, `Q4 2025`, `kv4-2025` for `2025-kv-4`); `ambiguous` when the ids of several spell it,
 * null when none. A round whose id spells no period (`styrgrupp-mars`) is found by its id alone:
 * asked for by its period, the refusal names it ({@link missingRound}).
 */
export function roundOfRef(ref: string, rounds: Iterable<RoundDef>): { round: RoundDef } | { ambiguous: RoundDef[] } | null {
  const all = [...rounds];
  const id = roundIdOf(ref);
  const spelt = all.find((r) => r.id === id);
  if (spelt) return { round: spelt };
  const period = periodOfRoundRef(ref);
  if (!period) return null;
  const same = all.filter((r) => periodOfRoundRef(r.id) === period);
  if (same.length === 1) return { round: same[0] as RoundDef };
  return same.length > 1 ? { ambiguous: same.sort((a, b) => a.id.localeCompare(b.id)) } : null;
}

/** The words (404 `round-ambiguous`) for `ref`, which the ids of several of `rounds` spell: each named, and what to write. */
export function ambiguousRound(ref: string, rounds: readonly RoundDef[]): Localized {
  const list = { sv: listed(rounds.map(named), 'och', (n) => `${numberText(n, 'sv')} till`), en: listed(rounds.map(named), 'and', (n) => `${numberText(n, 'en')} more`) };
  return {
    sv: `"${ref}" kan vara flera uppföljningsomgångar: ${list.sv}. Skriv omgångens id.`,
    en: `"${ref}" could be several follow-up rounds: ${list.en}. Write the round's id.`,
  };
}

/**
 * The code and words of the refusal (404) for the round `ref`, which `rounds` (the workspace's
 * rounds) lacks: `round-period-none` when `ref` reads as a period no round follows up, naming the
 * periods that have rounds (newest first, each with its rounds' ids); `round-not-found` otherwise,
 * naming the rounds of the period `ref` spells when there are some.
 */
export function missingRound(ref: string, rounds: Iterable<RoundDef>): { code: string; localized: Localized } {
  const all = [...rounds];
  const period = periodOfRoundRef(ref);
  if (!period) return { code: 'round-not-found', localized: roundMessage('round-not-found', { round: ref }) };
  const words = { sv: periodWords(period, 'sv'), en: periodWords(period, 'en') };
  const same = all.filter((r) => r.period === period);
  if (same.length > 0) {
    const list = { sv: listed(same.map(named), 'och', (n) => `${numberText(n, 'sv')} till`), en: listed(same.map(named), 'and', (n) => `${numberText(n, 'en')} more`) };
    return {
      code: 'round-not-found',
      localized: {
        sv: `Det finns ingen uppföljningsomgång "${ref}". För ${words.sv} finns ${same.length === 1 ? 'omgången' : 'omgångarna'} ${list.sv}.`,
        en: `There is no follow-up round "${ref}". For ${words.en} there ${same.length === 1 ? 'is the round' : 'are the rounds'} ${list.en}.`,
      },
    };
  }
  // Newest period first, as the rounds are listed (`GET …/rounds`); each period with its rounds' ids.
  const byPeriod = new Map<string, string[]>();
  for (const r of [...all].sort((a, b) => b.period.localeCompare(a.period) || a.id.localeCompare(b.id))) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r.id]);
  const periods = (lang: 'sv' | 'en') => [...byPeriod].map(([p, ids]) => `${periodWords(p, lang)} (${ids.join(', ')})`);
  return {
    code: 'round-period-none',
    localized:
      byPeriod.size === 0
        ? { sv: `Det finns ingen uppföljningsomgång för ${words.sv}: arbetsytan har inga omgångar ännu.`, en: `There is no follow-up round for ${words.en}: the workspace has no rounds yet.` }
        : {
            sv: `Det finns ingen uppföljningsomgång för ${words.sv}. Omgångar finns för ${listed(periods('sv'), 'och', (n) => `${numberText(n, 'sv')} perioder till`)}.`,
            en: `There is no follow-up round for ${words.en}. There are rounds for ${listed(periods('en'), 'and', (n) => `${numberText(n, 'en')} more periods`)}.`,
          },
  };
}
