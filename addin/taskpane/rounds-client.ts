/**
 * The Follow-up view's calls to `/v1/workspaces/:ws/rounds/...` with the pane's session or token:
 * the rounds, each round's completeness (per unit: status, values present / expected, overdue),
 * the transitions (`submit`, `approve`, `return`, `reopen`) and the styrgrupp report's HTML.
 * A refusal comes back as {@link RoundsError} carrying the server's sentence in Swedish and
 * English (`details.message`), so the view shows it in the reader's language.
 */
import { z } from 'zod';
import { ROUND_STATUSES, type RoundAction } from '../../shared/rounds/model.js';
import { watchRounds, type RoundsWatch } from './rounds-live.js';
import type { Lang } from './strings.js';

const roundSchema = z.looseObject({ id: z.string(), title: z.string().optional(), period: z.string(), dueDate: z.string() });
const unitSchema = z.looseObject({
  unit: z.string(),
  status: z.enum(ROUND_STATUSES),
  overdue: z.boolean(),
  reason: z.string().nullable(),
  expected: z.number(),
  present: z.number(),
});

/** A round as listed: id, title, period (`2025Q2`…), due date (ISO day). */
export type RoundInfo = z.infer<typeof roundSchema>;
/** One unit's place in one round. */
export type UnitRoundInfo = z.infer<typeof unitSchema>;

/** A refused or failed call: the server's code and its sentence in both languages. */
export class RoundsError extends Error {
  constructor(
    readonly code: string,
    readonly localized: { sv: string; en: string },
  ) {
    super(localized.en);
    this.name = 'RoundsError';
  }

  /** The sentence in `lang`. */
  text(lang: Lang): string {
    return this.localized[lang];
  }
}

/** Calls for one workspace with one credential. */
export class RoundsClient {
  constructor(
    private readonly serverUrl: string,
    private readonly token: string,
    private readonly workspace: string,
    private readonly fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  ) {}

  private async call(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.serverUrl}/v1/workspaces/${encodeURIComponent(this.workspace)}/rounds${path}`, {
        method: init.method ?? 'GET',
        headers: { authorization: `Bearer ${this.token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new RoundsError('unreachable', { sv: `Servern svarar inte (${why}).`, en: `The server does not answer (${why}).` });
    }
    if (res.ok) return res;
    const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: { message?: { sv?: string; en?: string } } } } | null;
    const en = json?.error?.details?.message?.en ?? json?.error?.message ?? `${res.status} ${res.statusText}`;
    const sv = json?.error?.details?.message?.sv ?? en;
    throw new RoundsError(json?.error?.code ?? `http-${res.status}`, { sv, en });
  }

  /** The workspace's rounds, newest period first. */
  async rounds(): Promise<RoundInfo[]> {
    return z.object({ rounds: z.array(roundSchema) }).parse(await (await this.call('')).json()).rounds;
  }

  /** Per unit of `round`: status, reason, values present / expected, overdue. */
  async completeness(round: string): Promise<UnitRoundInfo[]> {
    return z.object({ units: z.array(unitSchema) }).parse(await (await this.call(`/${encodeURIComponent(round)}/completeness`)).json()).units;
  }

  /** Move `unit` in `round`; `reason` is required by the server for `return` and `reopen`. */
  async transition(round: string, unit: string, action: RoundAction, reason?: string): Promise<void> {
    await this.call(`/${encodeURIComponent(round)}/units/${encodeURIComponent(unit)}/${action}`, { method: 'POST', body: reason ? { reason } : {} });
  }

  /** Hold the workspace's live rounds stream (release it when done). */
  watch(): RoundsWatch {
    return watchRounds(this.serverUrl, this.token, this.workspace, this.fetchImpl);
  }

  /** The styrgrupp report of `round` (the county) as printable HTML, in `lang`. */
  async report(round: string, lang: Lang): Promise<string> {
    return (await this.call(`/${encodeURIComponent(round)}/report${lang === 'en' ? '?lang=en' : ''}`)).text();
  }
}
