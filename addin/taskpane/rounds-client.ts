/**
 * The Follow-up view's calls to `/v1/workspaces/:ws/rounds/...` with the pane's session or token:
 * the rounds, each round's completeness (per unit: status, values present / expected, overdue),
 * the transitions (`submit`, `approve`, `return`, `reopen`), the styrgrupp report's HTML, the
 * county's maturity placements (read and place), the årshjul's months (`/calendar/:year`) and the
 * action plans' rows, and the data of a pulled completeness or roll-up table.
 * A refusal comes back as {@link RoundsError} carrying the server's sentence in Swedish and
 * English (`details.message`), so the view shows it in the reader's language.
 */
import { z } from 'zod';
import { closedRoundSchema, placementSchema, ROUND_STATUSES, type RoundAction, type RoundClosureAction, type roundDefSchema } from '../../shared/rounds/model.js';
import { UNIT_READINGS } from '../../shared/rounds/unreadable.js';
import type { CalendarMonth } from '../../shared/rounds/year-calendar.js';
import type { RoundTableData, RoundTableKind } from '../indicators/round-table-layout.js';
import { watchRounds, type RoundsWatch } from './rounds-live.js';
import { rollupViewSchema, type RollupChoice, type RollupView } from './rollup-data.js';
import { errorText, type Lang } from './strings.js';
import { refusalWordsOf } from './refusal-words.js';
import { SaidError } from '../../shared/i18n/said-error.js';

const roundSchema = z.looseObject({ id: z.string(), title: z.string().optional(), period: z.string(), dueDate: z.string(), interim: z.boolean().optional() });
const closedSchema = z.object({ by: z.string(), at: z.string(), reason: z.string().nullable().default(null) });
const unitSchema = z.looseObject({
  unit: z.string(),
  status: z.enum(ROUND_STATUSES),
  overdue: z.boolean(),
  reason: z.string().nullable(),
  expected: z.number(),
  present: z.number(),
  /** Rows still to fill, per document. */
  missing: z.array(z.object({ doc: z.string(), kind: z.string(), title: z.string(), rowIds: z.array(z.string()) })).default([]),
  values: z.looseObject({ missingIndicators: z.array(z.string()) }).optional(),
  /** Errors left in the rows the round covers, and per document where (absent from an older server). */
  problems: z.number().default(0),
  problemDocs: z.array(z.object({ doc: z.string(), title: z.string(), errors: z.number() })).default([]),
  /** `olasbar` when a document of the unit could not be read (its stored history is damaged), with the server's words for each; absent from an older server. */
  reading: z.enum(UNIT_READINGS).default('lasbar'),
  unreadable: z.array(z.object({ doc: z.string(), title: z.string(), message: z.object({ sv: z.string(), en: z.string() }) })).default([]),
});
/** A move's answer: a submit or approve with errors left says so (`warning.message`). */
const transitionAnswerSchema = z.looseObject({ warning: z.looseObject({ message: z.object({ sv: z.string(), en: z.string() }) }).optional() });

const namesSchema = z.record(z.string(), z.object({ name: z.string(), unitOfMeasure: z.string().nullable() })).default({});
/** The round of a pulled table's answer; `interim` for a delavstämning, which the table says it is. */
const tableRoundSchema = z.looseObject({ id: z.string(), title: z.string(), period: z.string(), interim: z.boolean().optional() });
const figure = z.number().nullable();
/** Unit code → name as the answer gives it (absent from a server before `unitNames` existed). */
const unitNamesSchema = z.record(z.string(), z.string()).optional();
const completenessTableSchema = z.object({
  round: tableRoundSchema,
  names: namesSchema,
  unitNames: unitNamesSchema,
  /** The round is closed: by whom, when and why (absent from a server before closing existed; `reason` null when none was given). */
  closed: closedSchema.nullable().default(null),
  units: z.array(
    z.looseObject({
      unit: z.string(),
      status: z.enum(ROUND_STATUSES),
      overdue: z.boolean(),
      reason: z.string().nullable(),
      expected: z.number(),
      present: z.number(),
      values: z.object({ expected: z.number(), present: z.number(), missingIndicators: z.array(z.string()) }),
      activities: z.object({ expected: z.number(), present: z.number() }),
      problems: z.number(),
      warnings: z.number().optional(),
      lastChange: z.object({ at: z.string(), by: z.string() }).nullable(),
      lastEdit: z.object({ at: z.string() }).nullable().optional(),
      reading: z.enum(UNIT_READINGS).optional(),
    }),
  ),
});
const rollupTableSchema = z.object({
  round: tableRoundSchema,
  names: namesSchema,
  unitNames: unitNamesSchema,
  indicators: z.array(
    z.looseObject({
      indicator: z.string(),
      unit: z.string().nullable(),
      value: figure,
      numerator: figure,
      denominator: figure,
      target: figure,
      compared: figure.optional(),
      targetCompared: figure.optional(),
      status: z.enum(['uppnatt', 'pa-vag', 'ej-pa-vag']).nullable(),
      unitsReached: z.object({ reached: z.number(), withValue: z.number() }).optional(),
    }),
  ),
});

const calendarSchema = z.object({
  year: z.number(),
  months: z.array(
    z.object({
      month: z.number(),
      activities: z.array(z.object({ doc: z.string(), rowId: z.string(), unit: z.string(), title: z.string(), type: z.string(), start: z.string(), end: z.string() })),
      due: z.array(z.object({ round: z.string(), title: z.string(), dueDate: z.string() })),
    }),
  ),
});
const maturitySchema = z.object({ maturity: z.array(placementSchema), names: z.record(z.string(), z.string()).default({}) });
const docsSchema = z.object({ documents: z.array(z.looseObject({ id: z.string().optional(), doc: z.string().optional(), kind: z.string(), title: z.string(), ownerUnit: z.string().optional(), archivedAt: z.string().nullable().optional() })) });
const rowsSchema = z.object({ rows: z.array(z.looseObject({ id: z.string() })) });

/** The county's placements in a round, oldest first, and the names of who placed them. */
export type MaturityInfo = z.infer<typeof maturitySchema>;
/** An action-plan document: id and title. */
export interface PlanInfo {
  id: string;
  title: string;
}

/** A round as the form defines it (the body of `POST …/rounds`). */
export type RoundDefInput = z.input<typeof roundDefSchema>;

/** A round as listed: id, title, period (`2025Q2`…), due date (ISO day), `interim` for a delavstämning; `closed` when the whole round is closed (who, when). */
export type RoundInfo = z.infer<typeof roundSchema> & { closed?: z.infer<typeof closedSchema> | null | undefined };
/** One unit's place in one round. */
export type UnitRoundInfo = z.infer<typeof unitSchema>;

/**
 * A refused or failed call: the server's code, its sentence in both languages, and the HTTP status
 * (null when the server was not reached).
 */
export class RoundsError extends SaidError {
  constructor(
    readonly code: string,
    readonly localized: { sv: string; en: string },
    readonly status: number | null = null,
    /** The server's `details` (where a refused character is: `details.index`). */
    readonly details: unknown = null,
  ) {
    super(localized);
    this.name = 'RoundsError';
  }

  /** The sentence in `lang`. */
  text(lang: Lang): string {
    return this.localized[lang];
  }
}

/**
 * The sentence for a failed rounds call in `lang`: a refusal's own words ({@link RoundsError});
 * anything else (an answer of the wrong shape, which zod refuses with its English issue list) as
 * the pane's sentence for a fault of the server, never that English.
 */
export function roundsFailureText(e: unknown, lang: Lang): string {
  return e instanceof RoundsError ? e.text(lang) : errorText('server', lang);
}

/** Calls for one workspace with one credential. */
export class RoundsClient {
  constructor(
    private readonly serverUrl: string,
    private readonly token: string,
    /** The workspace the calls go to. */
    readonly workspace: string,
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  /** `path` is below `/rounds`; `under` names another collection of the workspace. */
  private async call(path: string, init: { method?: string; body?: unknown } = {}, under = 'rounds'): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.serverUrl}/v1/workspaces/${encodeURIComponent(this.workspace)}/${under}${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${this.token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    } catch {
      // The browser's reason (`Failed to fetch`) is English and says nothing more to a person: the pane's words.
      throw new RoundsError('unreachable', { sv: errorText('unreachable', 'sv'), en: errorText('unreachable', 'en') });
    }
    if (res.ok) return res;
    const json = (await res.json().catch(() => null)) as { error?: { code?: string; details?: unknown } } | null;
    // The one mapping of the server's codes: its words, else the pane's sentence for the status or code, never a proxy's English.
    const call = { code: json?.error?.code ?? `http-${res.status}`, status: res.status, details: json?.error?.details ?? null };
    throw new RoundsError(call.code, { sv: refusalWordsOf(call, 'sv'), en: refusalWordsOf(call, 'en') }, res.status, call.details);
  }

  /** The workspace's rounds, newest period first. */
  async rounds(): Promise<RoundInfo[]> {
    const answer = z.object({ rounds: z.array(roundSchema), closed: z.array(closedRoundSchema).default([]) }).parse(await (await this.call('')).json());
    const closed = new Map(answer.closed.map((c) => [c.round, { by: c.by, at: c.at, reason: c.reason }]));
    return answer.rounds.map((r) => ({ ...r, closed: closed.get(r.id) ?? null }));
  }

  /** Per unit of `round`: status, reason, values present / expected, overdue. */
  async completeness(round: string): Promise<UnitRoundInfo[]> {
    return z.object({ units: z.array(unitSchema) }).parse(await (await this.call(`/${encodeURIComponent(round)}/completeness`)).json()).units;
  }

  /**
   * The data of a pulled table of `round`: its completeness per unit, or the county roll-up of its
   * indicators, with the indicators' names. A malformed answer throws (zod) rather than show wrong figures.
   */
  async table(kind: RoundTableKind, round: string): Promise<RoundTableData> {
    const path = `/${encodeURIComponent(round)}/${kind === 'completeness' ? 'completeness' : 'rollup'}`;
    const json: unknown = await (await this.call(path)).json();
    if (kind === 'completeness') return { kind, ...completenessTableSchema.parse(json) };
    return { kind, ...rollupTableSchema.parse(json) };
  }

  /** The county roll-up of a round, or of any period (`2025`, `2025S1`, `2025Q2`, `202503`), for the Länssammanställning view. */
  async rollup(choice: RollupChoice): Promise<RollupView> {
    const res = 'round' in choice ? await this.call(`/${encodeURIComponent(choice.round)}/rollup`) : await this.call(`?period=${encodeURIComponent(choice.period)}`, {}, 'rollup');
    return rollupViewSchema.parse(await res.json());
  }

  /** Define a round (coordinators and admins); a refusal (taken id, bad period, role) comes back in words. */
  async define(def: RoundDefInput): Promise<void> {
    await this.call('', { method: 'POST', body: def });
  }

  /** The workspace's indicator catalog, id and name, in catalog order (empty without a catalog). */
  async catalog(): Promise<{ id: string; name: string }[]> {
    const { documents } = docsSchema.parse(await (await this.call('', {}, 'documents')).json());
    const out: { id: string; name: string }[] = [];
    for (const d of documents.filter((x) => x.kind === 'indicator-catalog' && !x.archivedAt)) {
      for (const r of await this.rows(d.id ?? d.doc ?? '')) {
        const id = typeof r.id === 'string' ? r.id : null;
        if (id && !out.some((o) => o.id === id)) out.push({ id, name: typeof r.name === 'string' && r.name ? r.name : id });
      }
    }
    return out;
  }

  /**
   * Move `unit` in `round`; `reason` is required by the server for `return` and `reopen`. Gives
   * the server's warning when the move was made with errors left in the unit's rows, else null.
   */
  async transition(round: string, unit: string, action: RoundAction, reason?: string): Promise<{ sv: string; en: string } | null> {
    const res = await this.call(`/${encodeURIComponent(round)}/units/${encodeURIComponent(unit)}/${action}`, { method: 'POST', body: reason ? { reason } : {} });
    const answer = transitionAnswerSchema.safeParse(await res.json().catch(() => null));
    return answer.success ? (answer.data.warning?.message ?? null) : null;
  }

  /** Close the whole `round` (`close`: no unit submits or changes its figures after) or reopen it (`reopen`), with an optional `reason` kept in its history; coordinators and admins. */
  async closure(round: string, action: RoundClosureAction, reason?: string): Promise<void> {
    await this.call(`/${encodeURIComponent(round)}/${action}`, { method: 'POST', body: reason?.trim() ? { reason } : {} });
  }

  /** Hold the workspace's live rounds stream (release it when done). */
  watch(): RoundsWatch {
    return watchRounds(this.serverUrl, this.token, this.workspace, this.fetchImpl);
  }

  /** The styrgrupp report of `round` (the county) as printable HTML, in `lang`. */
  async report(round: string, lang: Lang): Promise<string> {
    return (await this.call(`/${encodeURIComponent(round)}/report${lang === 'en' ? '?lang=en' : ''}`)).text();
  }

  /** The county's maturity placements in `round` (oldest first) with the placers' names. */
  async maturity(round: string): Promise<MaturityInfo> {
    return maturitySchema.parse(await (await this.call(`/${encodeURIComponent(round)}`)).json());
  }

  /** Place the county at `level` ('1'…'4') in `round` (coordinators and admins); the new list. */
  async place(round: string, level: string, comment: string): Promise<void> {
    await this.call(`/${encodeURIComponent(round)}/maturity`, { method: 'POST', body: comment ? { level, comment } : { level } });
  }

  /** The årshjul of `year`: twelve months of activities and rounds due; `unit` narrows to one clinic. */
  async calendar(year: number, unit?: string): Promise<CalendarMonth[]> {
    const q = unit ? `?unit=${encodeURIComponent(unit)}` : '';
    return calendarSchema.parse(await (await this.call(`/${year}${q}`, {}, 'calendar')).json()).months;
  }

  /** The workspace's action plans that are not archived. */
  async actionPlans(): Promise<PlanInfo[]> {
    const { documents } = docsSchema.parse(await (await this.call('', {}, 'documents')).json());
    return documents.filter((d) => d.kind === 'action-plan' && !d.archivedAt).map((d) => ({ id: d.id ?? d.doc ?? '', title: d.title }));
  }

  /** The rows of document `doc` (id and cell values). */
  async rows(doc: string): Promise<{ id: string; [column: string]: unknown }[]> {
    return rowsSchema.parse(await (await this.call(`/${encodeURIComponent(doc)}/rows`, {}, 'documents')).json()).rows;
  }
}
