/**
 * `<samplan-maturity>`: the county's self-assessment in one follow-up round, on the four-step
 * scale of SKR's follow-up (seed 002): the question "Prövas och införs hälsofrämjande och
 * förebyggande angreppssätt i större skala i länet?" and its four steps in the seed's words, as a
 * radio group. A coordinator or admin places the county with an optional comment (the server
 * checks the role again); everyone sees the current step and the history of placements (step,
 * who, when, comment), newest first.
 */
import { LitElement, css, html } from 'lit';
import { swedishTime } from '../../shared/i18n/swedish-time.js';
import { customElement, property, state } from 'lit/decorators.js';
import { MATURITY_LEVELS } from '../../shared/catalog/maturity.js';
import { REPORT_WORDS } from '../../shared/i18n/report-words.js';
import type { Placement } from '../../shared/rounds/model.js';
import { failureWords } from './notice.js';
import { pstr } from './plan-strings.js';
import { type RoundInfo, type RoundsClient } from './rounds-client.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** The self-assessment; set `client` and `canPlace`. */
@customElement('samplan-maturity')
export class SamplanMaturity extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: block; margin-top: 12px; border-top: 2px solid var(--samplan-border); padding-top: 8px; }
      h3 { font-size: 13px; margin: 4px 0; }
      label.pick { display: grid; gap: 2px; margin: 6px 0; }
      select, textarea { font: inherit; max-width: 100%; }
      textarea { width: 100%; min-height: 3em; }
      fieldset { border: 1px solid var(--samplan-border); border-radius: 4px; margin: 6px 0; padding: 6px 8px; }
      legend { font-style: italic; padding: 0 4px; }
      .step { display: flex; gap: 6px; align-items: flex-start; padding: 3px 2px; border-radius: 3px; }
      .step.current { background: var(--samplan-selected); font-weight: 600; }
      .step input { margin-top: 3px; flex: none; }
      .actions { display: flex; gap: 8px; align-items: center; margin: 6px 0; flex-wrap: wrap; }
      ol.history { margin: 4px 0; padding-left: 18px; font-size: 12px; }
      ol.history li { margin-bottom: 4px; }
      .who { color: var(--samplan-muted); }
      .error { color: var(--samplan-error); }
      .ok { color: #107c10; }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) client: RoundsClient | null = null;
  /** May the reader place the county (coordinators and admins)? */
  @property({ attribute: false }) canPlace = false;

  @state() private rounds: RoundInfo[] | null = null;
  @state() private round: string | null = null;
  @state() private placements: Placement[] = [];
  @state() private names: Record<string, string> = {};
  @state() private level: string | null = null;
  @state() private comment = '';
  @state() private message: { text: string; ok: boolean } | null = null;
  @state() private busy = false;
  private loadedFor: RoundsClient | null = null;

  override updated(): void {
    if (this.client && this.client !== this.loadedFor) {
      this.loadedFor = this.client;
      void this.load();
    }
  }

  private say(e: unknown): void {
    this.message = { text: failureWords(e, this.lang), ok: false };
  }

  private async load(round?: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const rounds = this.rounds ?? (await client.rounds());
      const id = round ?? this.round ?? rounds[0]?.id ?? null;
      const info = id ? await client.maturity(id) : { maturity: [], names: {} };
      this.rounds = rounds;
      this.round = id;
      this.placements = info.maturity;
      this.names = info.names;
      this.level = info.maturity.at(-1)?.level ?? null;
    } catch (e) {
      this.say(e);
    }
  }

  private async save(): Promise<void> {
    if (!this.client || !this.round) return;
    if (!this.level) return void (this.message = { text: pstr('maturity.pick', this.lang), ok: false });
    this.busy = true;
    try {
      await this.client.place(this.round, this.level, this.comment.trim());
      this.comment = '';
      await this.load(this.round);
      this.message = { text: pstr('maturity.saved', this.lang), ok: true };
    } catch (e) {
      this.say(e);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const lang = this.lang;
    const head = html`<h3>${REPORT_WORDS.maturitySection[lang]}</h3>`;
    if (!this.rounds) return html`${head}${this.renderMessage()}`;
    if (this.rounds.length === 0) return html`${head}<p class="empty">${pstr('maturity.noRounds', lang)}</p>`;
    const current = this.placements.at(-1)?.level ?? null;
    return html`${head}
      <label class="pick">${pstr('maturity.round', lang)}
        <select id="maturity-round" @change=${(e: Event) => ((this.message = null), void this.load((e.target as HTMLSelectElement).value))}>
          ${this.rounds.map((r) => html`<option value=${r.id} ?selected=${r.id === this.round}>${r.title ?? r.id}</option>`)}
        </select>
      </label>
      <fieldset id="scale" ?disabled=${!this.canPlace || this.busy}>
        <legend>${REPORT_WORDS.maturityQuestion[lang]}</legend>
        ${MATURITY_LEVELS.map(
          (m) => html`<label class="step ${m.value === current ? 'current' : ''}" data-level=${m.value}>
            <input type="radio" name="level" .value=${m.value} .checked=${this.level === m.value} @change=${() => (this.level = m.value)} />
            <span>${m.label[lang]}</span>
          </label>`,
        )}
      </fieldset>
      ${this.canPlace
        ? html`<label class="pick">${pstr('maturity.comment', lang)}
              <textarea id="maturity-comment" maxlength="2000" .value=${this.comment} @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
            </label>
            <div class="actions"><button id="place" ?disabled=${this.busy} @click=${() => void this.save()}>${pstr('maturity.save', lang)}</button></div>`
        : html`<p class="empty">${pstr('maturity.readOnly', lang)}</p>`}
      ${this.renderMessage()}
      <h3>${pstr('maturity.history', lang)}</h3>
      ${this.placements.length === 0
        ? html`<p class="empty" id="no-placement">${pstr('maturity.noHistory', lang)}</p>`
        : html`<ol class="history" reversed>
            ${[...this.placements].reverse().map(
              (p) => html`<li>
                <strong>${MATURITY_LEVELS.find((m) => m.value === p.level)?.label[lang] ?? p.level}</strong>
                <span class="who">· ${this.names[p.by] ?? p.by} · ${swedishTime(p.at)}</span>
                ${p.comment ? html`<div>${p.comment}</div>` : null}
              </li>`,
            )}
          </ol>`}`;
  }

  private renderMessage() {
    const m = this.message;
    return m ? html`<p class=${m.ok ? 'ok' : 'error'} role=${m.ok ? 'status' : 'alert'} id="maturity-message">${m.text}</p>` : null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-maturity': SamplanMaturity;
  }
}
