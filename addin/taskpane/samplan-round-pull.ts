/**
 * `<samplan-round-pull>`: "Hämta uppföljningstabell" for follow-up rounds, in the Follow-up view and
 * the Explorer. The manager picks the table (Fullständighet or Länssammanställning) and the round,
 * and gets a read-only Excel table on its own sheet that stays live (`round-pulls.ts`). Loading and
 * failures are said in words; the tables already pulled are listed with when they were last
 * updated.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ZodError } from 'zod';
import type { ExcelRun } from '../excel/sheet/types.js';
import { formatTime } from '../indicators/pulled-layout.js';
import { PulledSheetLocked } from '../indicators/pulled-writer.js';
import { roundWords, type RoundTableKind } from '../indicators/round-table-layout.js';
import { type RoundInfo, type RoundsClient } from './rounds-client.js';
import { failureWords } from './notice.js';
import { pulledWords, rstr } from './rounds-strings.js';
import { roundPullsFor, type RoundPulls } from './round-pulls.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** The chooser; set `client`, `run` (Excel's, null outside Excel), `units` and optionally `rounds`. */
@customElement('samplan-round-pull')
export class SamplanRoundPull extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      details { border: 1px solid var(--samplan-border); border-radius: 4px; padding: 4px 8px; margin: 0 0 8px; }
      summary { cursor: pointer; font-weight: 600; }
      .row { display: flex; flex-wrap: wrap; gap: 6px; align-items: end; margin: 6px 0; }
      label { display: grid; gap: 2px; min-width: 0; flex: 1 1 8em; }
      select { font: inherit; min-width: 0; max-width: 100%; }
      .status { margin: 4px 0; }
      .error { color: var(--samplan-error); }
      ul { margin: 4px 0; padding-left: 1.2em; color: var(--samplan-muted); }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) client: RoundsClient | null = null;
  @property({ attribute: false }) run: ExcelRun | null = null;
  @property({ attribute: false }) units: readonly { code: string; name: string }[] = [];
  /** The rounds to offer; fetched through `client` when not given. */
  @property({ attribute: false }) rounds: RoundInfo[] | null = null;
  /** Start opened. */
  @property({ type: Boolean }) open = false;

  @state() private fetched: RoundInfo[] | null = null;
  @state() private kind: RoundTableKind = 'completeness';
  @state() private round = '';
  @state() private busy = false;
  @state() private message: { text: string; error: boolean } | null = null;
  @state() private revision = 0;
  private fetchedFor: RoundsClient | null = null;
  private watched: RoundPulls | null = null;
  private stopWatching: (() => void) | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
    this.stopWatching = null;
    this.watched = null;
  }

  override updated(): void {
    const client = this.client;
    if (client && !this.rounds && client !== this.fetchedFor) {
      this.fetchedFor = client;
      void client.rounds().then(
        (r) => (this.fetched = r),
        (e: unknown) => (this.message = { text: this.reason(e), error: true }),
      );
    }
    const pulls = client ? roundPullsFor(client) : null;
    if (pulls !== this.watched) {
      this.stopWatching?.();
      this.watched = pulls;
      this.stopWatching = pulls ? pulls.onChange(() => this.revision++) : null;
    }
  }

  private get choices(): RoundInfo[] {
    return this.rounds ?? this.fetched ?? [];
  }

  private roundWords(r: RoundInfo): string {
    return roundWords(r, this.lang);
  }

  /** Why it failed: the server's or the pane's words (`failureWords`), never an error's English. */
  private reason(e: unknown): string {
    if (e instanceof ZodError) return rstr('pull.badAnswer', this.lang);
    return failureWords(e, this.lang).replace(/\.$/, '');
  }

  private async pull(): Promise<void> {
    const client = this.client;
    const run = this.run;
    const round = this.choices.find((r) => r.id === (this.round || this.choices[0]?.id));
    if (!client || !run || !round) return;
    const lang = this.lang;
    const table = rstr(this.kind === 'completeness' ? 'pull.completeness' : 'pull.rollup', lang);
    this.busy = true;
    this.message = { text: rstr('pull.loading', lang, { table, round: this.roundWords(round) }), error: false };
    let sheet = '';
    try {
      const pulled = await roundPullsFor(client).pull(run, this.kind, round.id, {
        lang,
        unitNames: new Map(this.units.map((u) => [u.code, u.name])),
        // A password on the sheet is not tried again on a timer: its own words say what to do.
        onError: (e) => (this.message = { text: e instanceof PulledSheetLocked ? e.words[this.lang] : rstr('pull.updateFailed', this.lang, { sheet, reason: this.reason(e) }), error: true }),
        onStopped: (reason) => (this.message = { text: rstr('pull.stopped', lang, { sheet, reason }), error: true }),
        // Off: what is typed there will not stay; on again: the table is written anew from Samplan.
        onProtection: (name, on) => (this.message = on ? { text: rstr('pull.protectedAgain', this.lang, { sheet: name }), error: false } : { text: rstr('pull.unprotected', this.lang, { sheet: name }), error: true }),
      });
      sheet = pulled.sheetName;
      this.message =
        pulled.stopped === null
          ? { text: pulledWords(pulled.sheetName, pulled.rowCount, lang), error: false }
          : { text: rstr('pull.stopped', lang, { sheet, reason: pulled.stopped }), error: true };
    } catch (e) {
      this.message = { text: rstr('pull.failed', lang, { reason: this.reason(e) }), error: true };
    } finally {
      this.busy = false;
    }
  }

  /**
   * The form opens where its summary is, which may be at the foot of the pane's view (in the
   * Explorer, below a county's documents): once open it is scrolled into view, as little as needed
   * (`block: 'nearest'`), so the person sees the form without looking for it.
   */
  private toggled(e: Event): void {
    const details = e.currentTarget as HTMLDetailsElement;
    if (details.open) details.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const lang = this.lang;
    if (!this.client) return null;
    const rounds = this.choices;
    const live = roundPullsFor(this.client).tables;
    void this.revision;
    return html`<details ?open=${this.open} @toggle=${this.toggled}>
      <summary>${rstr('pull.title', lang)}</summary>
      ${!this.run
        ? html`<p class="status">${rstr('pull.noExcel', lang)}</p>`
        : rounds.length === 0 && (this.rounds || this.fetched)
          ? html`<p class="status">${rstr('pull.noRounds', lang)}</p>`
          : html`<div class="row">
              <label
                >${rstr('pull.table', lang)}
                <select id="round-table" @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as RoundTableKind)}>
                  <option value="completeness" ?selected=${this.kind === 'completeness'}>${rstr('pull.completeness', lang)}</option>
                  <option value="rollup" ?selected=${this.kind === 'rollup'}>${rstr('pull.rollup', lang)}</option>
                </select>
              </label>
              <label
                >${rstr('pull.round', lang)}
                <select id="round-choice" @change=${(e: Event) => (this.round = (e.target as HTMLSelectElement).value)}>
                  ${rounds.map((r) => html`<option value=${r.id} ?selected=${r.id === this.round}>${this.roundWords(r)}</option>`)}
                </select>
              </label>
              <button id="pull-round" ?disabled=${this.busy || rounds.length === 0} @click=${() => this.pull()}>${rstr('pull.go', lang)}</button>
            </div>`}
      ${this.message ? html`<p class="status ${this.message.error ? 'error' : ''}" role=${this.message.error ? 'alert' : 'status'} id="pull-status">${this.message.text}</p>` : null}
      ${live.length > 0 ? html`<ul id="pulled">${live.map((t) => html`<li>${rstr('pull.live', lang, { sheet: t.sheetName, time: formatTime(t.lastUpdated) })}</li>`)}</ul>` : null}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-round-pull': SamplanRoundPull;
  }
}
