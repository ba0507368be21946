/**
 * Rounds as the API and the CLI use them: define a round, move a unit through submit → approve
 * (or return) → reopen, place the county on the maturity scale. Every change is checked by the
 * shared rules (`shared/rounds/transitions.ts`), passes the personnummer guard for its texts,
 * is stored through {@link RoundsStore}, and leaves an audit line saying who did what when
 * (`round-submit`, `round-approve`, `round-return`, `round-reopen`, `round-create`,
 * `round-maturity`, `round-close`, `round-reopen-closed`; the detail names round, unit and
 * statuses, never the reason's text). A closed round takes no unit's transition (409
 * `round-closed`) until it is reopened.
 */
import type { Localized } from '../../shared/schema/types.js';
import { parsePeriod, periodFirstDay, periodLastDay } from '../../shared/catalog/period.js';
import { ROLE_WORDS, ROUND_ACTION_WORDS, roundMessage, roundWords } from '../../shared/i18n/round-messages.js';
import { periodWords } from '../../shared/i18n/period-label.js';
import type { Placement, RoundAction, RoundClosure, RoundClosureAction, RoundDef, RoundStatus, UnitRound } from '../../shared/rounds/model.js';
import { decideClosure } from '../../shared/rounds/closure.js';
import { reportingUnitsOf, roundIndicators, type OwnedDoc } from '../../shared/rounds/levels.js';
import { decideTransition, type RoundActor } from '../../shared/rounds/transitions.js';
import { assertStorableText } from '../storage/record-text.js';
import type { AuditRecord, Storage, UnitRecord } from '../storage/storage.js';
import { ambiguousRound, missingRound, roundOfRef } from './missing-round.js';
import { RoundsBusyError, unitKey, type RoundsState, type RoundsStore, type RoundsWrite } from './rounds-store.js';

/**
 * A refusal with an HTTP status, a sentence in both languages and, for some, `details` the API
 * adds to its answer's (`round-due-in-period`: `{ confirm: 'interim' }`, the field that confirms).
 */
export class RoundError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    readonly localized: Localized,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(localized.en);
  }
}

/** Who acts, as the service needs it. */
export interface RoundPrincipal extends RoundActor {
  workspace: string;
  memberId: string;
}

/**
 * The units that report in a round (`reportingUnitsOf`, `shared/rounds/levels.ts`): its list, or
 * every active unit below the top and of the levels it names; `docs` are the workspace's document
 * records (archived ones too), `state` the rounds' state, whose stored statuses keep a unit that
 * has ended since. A round without an id (a period roll-up of no round) keeps none.
 */
export function reportingUnits(def: Pick<RoundDef, 'units' | 'levels'> & { id?: string }, units: readonly UnitRecord[], docs: readonly OwnedDoc[], state?: Pick<RoundsState, 'units'>): string[] {
  const kept = new Set<string>();
  if (state && def.id !== undefined) for (const u of state.units.values()) if (u.round === def.id) kept.add(u.unit);
  return reportingUnitsOf(def, units, docs, kept);
}

/** A unit's name for a sentence; its code when the workspace has no such unit (the code is all there is). */
export function unitNameOf(units: readonly UnitRecord[], code: string): string {
  return units.find((u) => u.code === code)?.name ?? code;
}

/**
 * The round `id` names: by its id, or by the id spelt otherwise (`2025 KV 4`, `2025q4` for
 * `2025-kv-4`: `roundOfRef`). Callers key what they read and write by the answer's `id`, never
 * by `id` as asked. Else a 404 with words (`missing-round.ts`): `round-ambiguous` naming the
 * rounds it could be, `round-not-found`, or `round-period-none` when `id` reads as a period no
 * round follows up, naming the periods that have rounds.
 */
export function requireRound(state: RoundsState, id: string): RoundDef {
  const def = state.rounds.get(id);
  if (def) return def;
  const found = roundOfRef(id, state.rounds.values());
  if (found && 'round' in found) return found.round;
  if (found) throw new RoundError(404, 'round-ambiguous', ambiguousRound(id, found.ambiguous));
  const missing = missingRound(id, state.rounds.values());
  throw new RoundError(404, missing.code, missing.localized);
}

/**
 * Checks a round's due date against its period. Before the period begins it is refused (400
 * `round-due-before-period`): a year typed one too low at the turn of the year (`2025-01-20` for
 * 2025 kv 4, due in January 2026) made every clinic overdue the moment the round was defined, and
 * put its due date on last year's wheel. Inside the period (on or before its last day) it is held
 * back until the coordinator confirms the round as interim (`interim`; 409 `round-due-in-period`,
 * `details.confirm: 'interim'`): a styrgrupp follows up what was done (seed 004: "uppföljning av
 * genomförd verksamhet"), so `2025-11-15` for 2025 kv 4 is mostly a slip that asks clinics to report
 * a quarter before it ends, yet a halvtidsreflektion (seed 002) or an avstämning during a
 * programme (seed 004) is meant so. A round confirmed as interim whose due date is after the period
 * is refused (400 `round-interim-after-period`): it is no interim round.
 */
function assertDueFitsPeriod(def: RoundDef): void {
  const period = parsePeriod(def.period);
  if (!period) return;
  const first = periodFirstDay(period);
  const words = { sv: periodWords(def.period, 'sv'), en: periodWords(def.period, 'en') };
  if (def.dueDate < first) {
    throw new RoundError(400, 'round-due-before-period', {
      sv: `Sista dagen ${def.dueDate} ligger före perioden ${words.sv}, som börjar ${first}: en omgång följer upp en period som har börjat. Kontrollera året.`,
      en: `The due date ${def.dueDate} is before the period ${words.en}, which begins ${first}: a round follows up a period that has begun. Check the year.`,
    });
  }
  const last = periodLastDay(period);
  // Interim says the round is asked before its period ends; after the last day it is not, and a
  // round stored so would be called a delavstämning (`rounds define`'s line, the list) wrongly.
  if (def.dueDate > last && def.interim === true) {
    throw new RoundError(400, 'round-interim-after-period', {
      sv: `Sista dagen ${def.dueDate} ligger efter perioden ${words.sv}, som slutar ${last}: omgången följer upp hela perioden och är ingen delavstämning. Lägg upp den utan att bekräfta delavstämning, eller välj en dag inom perioden.`,
      en: `The due date ${def.dueDate} is after the period ${words.en}, which ends ${last}: the round follows up the whole period and is no interim round. Define it without confirming it as interim, or choose a day inside the period.`,
    });
  }
  if (def.dueDate > last || def.interim === true) return;
  throw new RoundError(
    409,
    'round-due-in-period',
    {
      sv: `Sista dagen ${def.dueDate} ligger inom perioden ${words.sv}, som slutar ${last}: enheterna skulle rapportera innan perioden är slut. Är omgången en delavstämning, bekräfta det; annars välj en dag efter ${last}.`,
      en: `The due date ${def.dueDate} is inside the period ${words.en}, which ends ${last}: the units would report before the period ends. If the round is an interim follow-up, confirm it; otherwise choose a day after ${last}.`,
    },
    { confirm: 'interim' },
  );
}

/** The rounds service; see the file comment. */
export class RoundsService {
  constructor(
    readonly store: RoundsStore,
    private readonly storage: Storage,
    private readonly clock: () => Date,
  ) {}

  /**
   * Define a new round (coordinators and admins). `resolve`, when given, turns the checked
   * definition into the one stored (the REST route's indicators by name, `round-indicators.ts`);
   * it runs after the role and personnummer checks and may throw its own refusal. A round with no
   * indicator and without activities is refused (400 `round-asks-nothing`).
   */
  async create(p: RoundPrincipal, given: RoundDef, resolve?: (def: RoundDef) => Promise<RoundDef>): Promise<RoundDef> {
    let def = given;
    if (p.role !== 'admin' && p.role !== 'coordinator') {
      throw new RoundError(403, 'round-role', {
        sv: `Din roll (${ROLE_WORDS[p.role].sv}) får inte lägga upp uppföljningsomgångar. Samordnare och administratörer gör det.`,
        en: `Your role (${ROLE_WORDS[p.role].en}) may not define follow-up rounds. Coordinators and admins do.`,
      });
    }
    // The title first: the id is often made from it (`roundIdOf`, the CLI's and the pane's default), and the sentence names what was typed.
    assertStorableText('round', { title: def.title, id: def.id, units: def.units, indicators: roundIndicators(def) });
    // A round asking for nothing would list every clinic as not started and, after its due date,
    // overdue for 0 values: nothing anyone could do would change that.
    if (roundIndicators(def).length === 0 && !def.activities) {
      throw new RoundError(400, 'round-asks-nothing', {
        sv: 'Omgången frågar inte efter något: ange minst en indikator, eller låt den följa upp aktiviteterna.',
        en: 'The round asks for nothing: name at least one indicator, or let it follow up the activities.',
      });
    }
    assertDueFitsPeriod(def);
    if (resolve) def = await resolve(def);
    const at = this.clock().toISOString();
    const created = await this.change(p.workspace, p.memberId, (state) => {
      if (state.rounds.has(def.id)) throw new RoundError(409, 'round-exists', roundMessage('round-exists', { round: def.id }));
      return { write: { rounds: { [def.id]: def } }, result: def, audit: line(p, 'round-create', `round=${def.id} period=${def.period}`, at) };
    });
    return created;
  }

  /** The stored state of a unit in a round, or null when nothing was done yet. */
  stored(state: RoundsState, round: string, unit: string): UnitRound | null {
    return state.units.get(unitKey(round, unit)) ?? null;
  }

  /**
   * Move `unit` in `round` (its id, or the id spelt otherwise: {@link requireRound}) by `action`. `derived` is the status the data gives when nothing is
   * stored (ej påbörjad or pågår). `owned` are the workspace's documents as the round's data read
   * them (`RoundData.owned`, with the units their rows report for), which tell an ended unit;
   * without it the document records are read, which tell only owners. Throws {@link RoundError}
   * (403 role, 409 status, 400 reason, 404 round or unit) with words.
   */
  async transition(
    p: RoundPrincipal,
    input: { round: string; unit: string; action: RoundAction; reason?: string | undefined; derived?: RoundStatus; owned?: readonly OwnedDoc[] },
  ): Promise<UnitRound> {
    const { unit, action } = input;
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    if (reason) assertStorableText('round', { reason }, { multiline: true });
    const [units, docs] = await Promise.all([this.storage.listUnits(p.workspace), input.owned ?? this.storage.listDocs(p.workspace)]);
    const at = this.clock().toISOString();
    const result = await this.change(p.workspace, p.memberId, (state) => {
      const def = requireRound(state, input.round);
      const round = def.id;
      const unitName = unitNameOf(units, unit);
      if (!reportingUnits(def, units, docs, state).includes(unit)) throw new RoundError(404, 'round-unit', roundMessage('round-unit', { unit: unitName, round: roundWords(def) }));
      if (state.closures.get(round)?.closed) {
        throw new RoundError(409, 'round-closed', roundMessage('round-closed', { round: roundWords(def), action: ROUND_ACTION_WORDS[action], unit: unitName }));
      }
      const prev = this.stored(state, round, unit);
      const from = prev?.status ?? input.derived ?? 'ej-paborjad';
      const decision = decideTransition({ actor: p, action, unit, unitName, roundName: roundWords(def), current: from, reason });
      if (!decision.ok) throw new RoundError(decision.status, decision.code, decision.message);
      const next: UnitRound = {
        round,
        unit,
        status: decision.to,
        reason: action === 'return' || action === 'reopen' ? reason : null,
        history: [...(prev?.history ?? []), { action, from, to: decision.to, by: p.memberId, at, reason }],
      };
      const audit = line(p, `round-${action}`, `round=${round} unit=${unit} ${from}->${next.status}`, at);
      return { write: { units: { [unitKey(round, unit)]: next } }, result: next, audit };
    });
    return result;
  }

  /**
   * Close the round `asked` names ({@link requireRound}) (`close`: no unit submits or changes its figures in it after) or reopen it
   * (`reopen`, the undo); coordinators and admins. `why`, optional, is kept (trimmed, at most
   * 2,000 characters, no personnummer: 422) as the closure's `reason` and in its history. Throws {@link RoundError} (404 round, 403 role,
   * 409 already so) with words. Audit `round-close` / `round-reopen-closed`.
   */
  async setClosed(p: RoundPrincipal, asked: string, action: RoundClosureAction, why?: string): Promise<RoundClosure> {
    const reason = why?.trim() ? why.trim() : null;
    if (reason) assertStorableText('round', { reason }, { multiline: true });
    const at = this.clock().toISOString();
    const result = await this.change(p.workspace, p.memberId, (state) => {
      const def = requireRound(state, asked);
      const round = def.id;
      const prev = state.closures.get(round);
      const decision = decideClosure({ actor: p, action, roundName: roundWords(def), closed: prev?.closed === true });
      if (!decision.ok) throw new RoundError(decision.status, decision.code, decision.message);
      const history = [...(prev?.history ?? []), { action, by: p.memberId, at, reason }];
      const next: RoundClosure = { round, closed: decision.closed, by: p.memberId, at, reason, history };
      // The reason's words stay in the round's history: an audit detail holds only what the server composes (`audit-detail.ts`).
      const audit = line(p, action === 'close' ? 'round-close' : 'round-reopen-closed', `round=${round}${reason ? ' reason=given' : ''}`, at);
      return { write: { closures: { [round]: next } }, result: next, audit };
    });
    return result;
  }

  /** Place the county on the maturity scale in a round (coordinators and admins); keeps every placement. */
  async place(p: RoundPrincipal, asked: string, level: Placement['level'], comment: string | undefined): Promise<Placement[]> {
    if (p.role !== 'admin' && p.role !== 'coordinator') {
      throw new RoundError(403, 'round-role', {
        sv: `Din roll (${ROLE_WORDS[p.role].sv}) får inte ange länets mognadsnivå. Samordnare och administratörer gör det.`,
        en: `Your role (${ROLE_WORDS[p.role].en}) may not place the county on the maturity scale. Coordinators and admins do.`,
      });
    }
    const text = comment?.trim() ? comment.trim() : null;
    if (text) assertStorableText('round', { comment: text }, { multiline: true });
    const at = this.clock().toISOString();
    const list = await this.change(p.workspace, p.memberId, (state) => {
      const round = requireRound(state, asked).id;
      const next = [...(state.maturity.get(round) ?? []), { level, comment: text, by: p.memberId, at }];
      return { write: { maturity: { [round]: next } }, result: next, audit: line(p, 'round-maturity', `round=${round} level=${level}`, at) };
    });
    return list;
  }

  /** {@link RoundsStore.change}, with other processes' writes winning every try refused as 409 `round-busy` in words. */
  private async change<T>(
    workspace: string,
    memberId: string,
    decide: (state: RoundsState) => { write: RoundsWrite; result: T; audit: readonly AuditRecord[] },
  ): Promise<T> {
    try {
      return await this.store.change(workspace, memberId, decide);
    } catch (e) {
      if (!(e instanceof RoundsBusyError)) throw e;
      throw new RoundError(409, 'round-busy', {
        sv: 'Omgångarna ändrades av andra hela tiden medan din ändring gjordes, så den sparades inte. Försök igen om en stund.',
        en: 'The rounds were changed by others all the while your change was made, so it was not saved. Try again in a moment.',
      });
    }
  }
}

/** The audit line of a change by `p`, stored in the change's own write (`RoundsStore.change`). */
function line(p: RoundPrincipal, action: string, detail: string, at: string): AuditRecord[] {
  return [{ at, workspace: p.workspace, doc: null, memberId: p.memberId, action, bytes: 0, detail }];
}
