/**
 * `<samplan-rounds>`: the Follow-up view. A grid of units × rounds; each cell gives the unit's
 * status in colour and in words, values present / expected and "försenad" when the due date has
 * passed unsubmitted. Choosing a cell offers the moves the reader's role allows (editor: "Skicka
 * in" for its own units; coordinator: "Godkänn" / "Skicka tillbaka" with a reason; admin also
 * "Öppna för ändring" with a reason). The server decides; its refusal is shown in words. A coordinator or
 * admin closes a whole round ("Stäng omgången", after a confirmation: no unit submits or changes
 * its figures in it after) and reopens it (the undo); a closed round says "Stängd" and offers its
 * units no moves. Each round has
 * a "Styrgruppsrapport" button opening the report in a new window. "Hämta uppföljningstabell"
 * pulls the completeness or the county roll-up of a round into the workbook, live.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RoundAction, RoundClosureAction } from '../../shared/rounds/model.js';
import { mayCloseRounds } from '../../shared/rounds/closure.js';
import { problemsLeftWords } from '../../shared/i18n/round-problems-words.js';
import { UNIT_READING_WORDS } from '../../shared/i18n/unreadable-words.js';
import type { Role } from '../../shared/protocol/roles.js';
import { roundsFailureText, type RoundInfo, type RoundsClient, type UnitRoundInfo } from './rounds-client.js';
import { rstr, statusWord, valuesWords } from './rounds-strings.js';
import { RoundsLiveController } from './rounds-live-controller.js';
import type { ExcelRun } from '../excel/sheet/types.js';
import './samplan-round-pull.js';
import './samplan-round-form.js';
import type { MissingRequest } from './missing-rows.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** Which moves `role` (holding `myUnits`) may offer for a unit in `status`. */
export function allowedActions(role: Role | null, myUnits: readonly string[], cell: UnitRoundInfo): RoundAction[] {
  const out: RoundAction[] = [];
  const lead = role === 'coordinator' || role === 'admin';
  const open = cell.status === 'ej-paborjad' || cell.status === 'pagar' || cell.status === 'atersand';
  if (open && (lead || (role === 'editor' && myUnits.includes(cell.unit)))) out.push('submit');
  if (lead && cell.status === 'inskickad') out.push('approve', 'return');
  if (role === 'admin' && cell.status === 'godkand') out.push('reopen');
  return out;
}

const ACTION_WORD = { submit: 'rounds.submit', approve: 'rounds.approve', return: 'rounds.return', reopen: 'rounds.reopen' } as const;
const needsReason = (a: RoundAction) => a === 'return' || a === 'reopen';

/** Opens report HTML in a new window (a blob URL, since the report needs the pane's credential). */
export type ReportOpener = (html: string) => boolean;
const openInWindow: ReportOpener = (page) => {
  const url = URL.createObjectURL(new Blob([page], { type: 'text/html' }));
  return window.open(url, '_blank') !== null;
};

/** Follow-up view; set `client`, `units` (code and name), `memberRole` and `myUnits`. */
/** What a unit still has to report in a round, as the completeness answer gives it. */
function missingRequest(round: { id: string; title?: string | undefined }, c: UnitRoundInfo): MissingRequest {
  return { round: { id: round.id, title: round.title ?? round.id }, unit: c.unit, docs: c.missing, missingIndicators: c.values?.missingIndicators ?? [] };
}

@customElement('samplan-rounds')
export class SamplanRounds extends LitElement {
  static override styles = [
    baseStyles,
    css`
      /*
       * The view fills the pane and the grid scrolls inside it, both ways: the round names stay
       * on top and the unit names on the left, and the sideways scrollbar is always in view.
       */
      :host { display: flex; flex-direction: column; box-sizing: border-box; height: 100%; padding: 8px 12px; container-type: inline-size; }
      .grid { flex: 1 1 auto; min-height: 10em; overflow: auto; }
      .notice, .problems-left { color: var(--samplan-warning); }
      table { border-collapse: separate; border-spacing: 0; width: 100%; font-size: 12px; }
      th, td { border-bottom: 1px solid var(--samplan-border); padding: 4px; text-align: left; vertical-align: top; }
      th small { display: block; color: var(--samplan-muted); font-weight: normal; }
      td button.cell { all: unset; cursor: pointer; display: block; border-radius: 3px; padding: 2px 4px; }
      td button.cell:focus-visible { outline: 2px solid var(--samplan-accent); }
      td button.cell[aria-pressed='true'] { background: var(--samplan-selected); }
      .st { display: inline-block; padding: 0 6px; border-radius: 8px; color: #fff; white-space: nowrap; }
      .st-ej-paborjad { background: #616161; }
      .st-pagar { background: #0f6cbd; }
      .st-inskickad { background: #8a5300; }
      .st-godkand { background: #107c10; }
      .st-atersand { background: #c42b1c; }
      .count { display: block; color: var(--samplan-muted); }
      .overdue, .unreadable { display: block; color: var(--samplan-error); font-weight: 600; }
      .detail { flex: none; margin-bottom: 8px; padding: 6px 0; border-bottom: 1px solid var(--samplan-border); display: grid; gap: 6px; }
      .actions { display: flex; flex-wrap: wrap; gap: 6px; }
      .report { margin-top: 2px; font-size: 11px; white-space: normal; text-align: left; hyphens: manual; }
      tbody th { font-weight: 600; min-width: 6em; }
      thead th { position: sticky; top: 0; z-index: 1; background: var(--samplan-bg); }
      /* The unit names stay in view when the grid scrolls sideways to a round. */
      tbody th, thead th:first-child { position: sticky; left: 0; z-index: 1; background: var(--samplan-bg); box-shadow: inset -1px 0 0 var(--samplan-border); }
      thead th:first-child { z-index: 2; }
      .date { white-space: nowrap; }
      /* A narrow pane (320 px): tighter cells, names and dates wrap, so two rounds fit beside the units. */
      @container (max-width: 400px) {
        .grid { margin: 0 -6px; }
        th, td { padding: 3px 2px; }
        td button.cell { padding: 2px; }
        /* A unit's name wraps at 8.5em between words; a longer word ("Skärholmenhälsan") widens the column rather than being cut. */
        tbody th { min-width: 0; width: 8.5em; overflow-wrap: break-word; }
        th small { white-space: normal; }
        .report { padding: 1px 4px; }
      }
      @container (min-width: 401px) {
        th small { white-space: nowrap; }
      }
      textarea { font: inherit; width: 100%; box-sizing: border-box; }
      .closed { display: block; color: var(--samplan-error); font-weight: 600; }
      .interim { display: block; font-weight: 600; }
      .closure { margin-top: 2px; font-size: 11px; white-space: normal; text-align: left; }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) client: RoundsClient | null = null;
  @property({ attribute: false }) units: readonly { code: string; name: string; parent?: string | null }[] = [];
  @property({ attribute: false }) memberRole: Role | null = null;
  @property({ attribute: false }) myUnits: readonly string[] = [];
  @property({ attribute: false }) openReport: ReportOpener = openInWindow;
  /** Excel's `run`, for "Hämta uppföljningstabell" (null outside Excel). */
  @property({ attribute: false }) run: ExcelRun | null = null;

  @state() private rounds: RoundInfo[] | null = null;
  @state() private cells = new Map<string, UnitRoundInfo[]>();
  @state() private selected: { round: string; unit: string } | null = null;
  @state() private asking: RoundAction | null = null;
  @state() private reason = '';
  @state() private error: string | null = null;
  /** The server's word on the last move (errors left at a submit or approval). */
  @state() private notice: string | null = null;
  @state() private busy = false;
  /** The round-level move waiting for its confirmation. */
  @state() private closing: { round: string; action: RoundClosureAction } | null = null;
  /** The reason typed in the closing question (optional; kept in the round's history). */
  @state() private closingReason = '';
  private loadedFor: RoundsClient | null = null;
  /** Another person's transition redraws the view. */
  readonly live = new RoundsLiveController(this, { client: () => this.client, changed: () => this.reload() });

  override updated(): void {
    if (this.client && this.client !== this.loadedFor) {
      this.loadedFor = this.client;
      void this.reload();
    }
  }

  /** Fetches the rounds and each round's completeness again. */
  async reload(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const rounds = await client.rounds();
      const cells = new Map(await Promise.all(rounds.map(async (r) => [r.id, await client.completeness(r.id)] as const)));
      this.rounds = rounds;
      this.cells = cells;
    } catch (e) {
      this.error = this.words(e);
    }
  }

  private words(e: unknown): string {
    return roundsFailureText(e, this.lang);
  }

  private cell(round: string, unit: string): UnitRoundInfo | undefined {
    return this.cells.get(round)?.find((c) => c.unit === unit);
  }

  private async act(action: RoundAction): Promise<void> {
    const at = this.selected;
    if (!at || !this.client) return;
    if (needsReason(action) && this.asking !== action) {
      this.asking = action;
      this.reason = '';
      this.error = null;
      return;
    }
    if (needsReason(action) && !this.reason.trim()) {
      this.error = rstr('rounds.needReason', this.lang);
      return;
    }
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      const warned = await this.client.transition(at.round, at.unit, action, needsReason(action) ? this.reason.trim() : undefined);
      this.notice = warned ? warned[this.lang] : null;
      this.asking = null;
      await this.reload();
    } catch (e) {
      this.error = this.words(e);
    } finally {
      this.busy = false;
    }
  }

  /** Closes or reopens a whole round: the first click asks, the confirmation does it. */
  private async closure(round: string, action: RoundClosureAction, confirmed = false): Promise<void> {
    if (!this.client) return;
    if (!confirmed) {
      this.closing = { round, action };
      this.closingReason = '';
      this.asking = null;
      this.error = null;
      return;
    }
    this.busy = true;
    this.error = null;
    try {
      await this.client.closure(round, action, this.closingReason);
      this.closing = null;
      await this.reload();
    } catch (e) {
      this.error = this.words(e);
    } finally {
      this.busy = false;
    }
  }

  private async report(round: string): Promise<void> {
    if (!this.client) return;
    try {
      if (!this.openReport(await this.client.report(round, this.lang))) this.error = rstr('rounds.popupBlocked', this.lang);
    } catch (e) {
      this.error = this.words(e);
    }
  }

  override render() {
    const lang = this.lang;
    if (!this.client) return html`<p class="empty">${rstr('rounds.signIn', lang)}</p>`;
    if (!this.rounds) return html`${this.renderError()}<p class="empty">${this.error ? '' : rstr('rounds.loading', lang)}</p>`;
    const lead = this.memberRole === 'coordinator' || this.memberRole === 'admin';
    const form = lead ? html`<samplan-round-form .lang=${lang} .client=${this.client} .units=${this.units} @samplan-round-defined=${() => this.reload()}></samplan-round-form>` : null;
    if (this.rounds.length === 0) return html`${form}<p class="empty">${rstr('rounds.empty', lang)}</p>`;
    const rounds = this.rounds;
    const named = new Map(this.units.map((u) => [u.code, u.name]));
    const unitCodes = [...new Set(rounds.flatMap((r) => (this.cells.get(r.id) ?? []).map((c) => c.unit)))];
    // The chosen cell's moves and any refusal come first, so they are seen without scrolling.
    return html`${form}${this.renderClosing()}${this.renderDetail(named)} ${this.renderError()}
      <samplan-round-pull .lang=${lang} .client=${this.client} .run=${this.run} .units=${this.units} .rounds=${rounds}></samplan-round-pull>
      <div class="grid">
        <table>
          <thead>
            <tr>
              <th scope="col">${rstr('rounds.unit', lang)}</th>
              ${rounds.map(
                (r) => html`<th scope="col" data-round=${r.id}>
                  ${r.title ?? r.id}<small>${this.due(r.dueDate)}</small>
                  ${r.interim === true ? html`<span class="interim" title=${rstr('rounds.interimWhy', lang)}>${rstr('rounds.interim', lang)}</span>` : null}
                  ${r.closed ? html`<span class="closed" title=${r.closed.reason ?? ''}>${rstr('rounds.closed', lang)}</span>` : null}
                  <button class="report" @click=${() => this.report(r.id)}>${rstr('rounds.report', lang)}</button>
                  ${mayCloseRounds(this.memberRole) ? this.closureButton(r) : null}
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${unitCodes.map(
              (unit) => html`<tr data-unit=${unit}>
                <th scope="row">${named.get(unit) ?? unit}</th>
                ${rounds.map((r) => this.renderCell(r.id, unit))}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  private closureButton(r: RoundInfo) {
    const action: RoundClosureAction = r.closed ? 'reopen' : 'close';
    return html`<button class="closure" data-closure=${action} ?disabled=${this.busy} @click=${() => this.closure(r.id, action)}>
      ${rstr(action === 'close' ? 'rounds.close' : 'rounds.reopenRound', this.lang)}
    </button>`;
  }

  /** The question before a round is closed or reopened, with its two answers. */
  private renderClosing() {
    const at = this.closing;
    if (!at) return null;
    const lang = this.lang;
    const title = this.rounds?.find((r) => r.id === at.round)?.title ?? at.round;
    const word = at.action === 'close' ? 'rounds.close' : 'rounds.reopenRound';
    return html`<div class="detail" role="alertdialog" aria-live="polite" id="closing">
      <div>${rstr(at.action === 'close' ? 'rounds.closeAsk' : 'rounds.reopenAsk', lang, { round: title })}</div>
      <label>${rstr('rounds.closureReason', lang)}
        <textarea id="closure-reason" .value=${this.closingReason} @input=${(e: Event) => (this.closingReason = (e.target as HTMLTextAreaElement).value)}></textarea>
      </label>
      <div class="actions">
        <button id="confirm-closure" ?disabled=${this.busy} @click=${() => this.closure(at.round, at.action, true)}>${rstr(word, lang)}</button>
        <button id="cancel-closure" @click=${() => (this.closing = null)}>${rstr('rounds.cancel', lang)}</button>
      </div>
    </div>`;
  }

  /** "sista dag 2026-01-20", the date kept on one line when the words wrap. */
  private due(date: string) {
    const [before = '', after = ''] = rstr('rounds.due', this.lang, { date: '\u0000' }).split('\u0000');
    return html`${before}<span class="date">${date}</span>${after}`;
  }

  private renderCell(round: string, unit: string) {
    const c = this.cell(round, unit);
    if (!c) return html`<td></td>`;
    const chosen = this.selected?.round === round && this.selected.unit === unit;
    return html`<td data-round=${round}>
      <button class="cell" aria-pressed=${chosen ? 'true' : 'false'} @click=${() => this.choose(round, unit)}>
        <span class="st st-${c.status}">${statusWord(c.status, this.lang)}</span>
        <span class="count">${valuesWords(c.present, c.expected, this.lang)}</span>
        ${c.overdue ? html`<span class="overdue">${rstr('rounds.overdue', this.lang)}</span>` : null}
        ${c.reading === 'olasbar' ? html`<span class="unreadable">${UNIT_READING_WORDS.olasbar[this.lang]}</span>` : null}
      </button>
    </td>`;
  }

  private choose(round: string, unit: string): void {
    this.selected = { round, unit };
    this.asking = null;
    this.error = null;
  }

  private renderDetail(named: Map<string, string>) {
    const at = this.selected;
    const c = at && this.cell(at.round, at.unit);
    if (!at || !c) return null;
    const lang = this.lang;
    const closed = this.rounds?.find((r) => r.id === at.round)?.closed ?? null;
    const actions = closed ? [] : allowedActions(this.memberRole, this.myUnits, c);
    return html`<div class="detail" aria-live="polite">
      <div><strong>${named.get(c.unit) ?? c.unit}</strong> · ${this.rounds?.find((r) => r.id === at.round)?.title ?? at.round} · ${statusWord(c.status, lang)}</div>
      ${closed ? html`<div class="closed-note">${rstr('rounds.closedNote', lang, { at: closed.at.slice(0, 10) })}</div>` : null}
      ${closed?.reason ? html`<div class="closed-note reason" id="closed-why">${rstr('rounds.closedWhy', lang, { reason: closed.reason })}</div>` : null}
      ${c.status === 'atersand' && c.reason ? html`<div class="reason">${rstr('rounds.returned', lang, { reason: c.reason })}</div>` : null}
      ${c.unreadable.map((d) => html`<div class="problems-left unreadable-doc">${d.message[lang]}</div>`)}
      ${this.renderMissing(at.round, c)}
      ${(actions.includes('submit') || actions.includes('approve')) && c.problems > 0
        ? html`<div class="problems-left" id="problems-left">${problemsLeftWords(named.get(c.unit) ?? c.unit, c.problems, c.problemDocs, 'before')[lang]}</div>`
        : null}
      ${this.asking
        ? html`<label>${rstr('rounds.reason', lang)}
              <textarea id="reason" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
            </label>
            <div class="actions">
              <button id="confirm" ?disabled=${this.busy} @click=${() => this.act(this.asking as RoundAction)}>${rstr(ACTION_WORD[this.asking], lang)}</button>
              <button id="cancel" @click=${() => (this.asking = null)}>${rstr('rounds.cancel', lang)}</button>
            </div>`
        : html`<div class="actions">
            ${actions.map((a) => html`<button class="action" data-action=${a} ?disabled=${this.busy} @click=${() => this.act(a)}>${rstr(ACTION_WORD[a], lang)}</button>`)}
          </div>`}
    </div>`;
  }

  /** "Visa det som saknas (3)": asks the workbench to open the unit's documents at the missing rows. */
  private renderMissing(round: string, c: UnitRoundInfo) {
    const request = missingRequest(this.rounds?.find((r) => r.id === round) ?? { id: round }, c);
    const count = request.docs.reduce((n, d) => n + d.rowIds.length, 0) + request.missingIndicators.length;
    if (count === 0) return null;
    const show = () => this.dispatchEvent(new CustomEvent<MissingRequest>('samplan-show-missing', { detail: request, bubbles: true, composed: true }));
    return html`<div class="actions"><button id="show-missing" @click=${show}>${rstr('rounds.showMissing', this.lang, { count })}</button></div>`;
  }

  private renderError() {
    const notice = this.notice ? html`<p class="notice" role="status" id="rounds-notice">${this.notice}</p>` : null;
    return this.error ? html`${notice}<p class="error" role="alert" id="rounds-error">${this.error}</p>` : notice;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-rounds': SamplanRounds;
  }
}
