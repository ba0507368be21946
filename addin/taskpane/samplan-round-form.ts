/**
 * `<samplan-round-form>`: "Ny uppföljningsomgång" in the Follow-up view, for coordinators and
 * admins. A title, the period chosen in words ("2025 kv 2", "mars 2025", "2025 halvår 1",
 * "2025"), the last day to report, per unit level the indicators each level reports (chosen from
 * the workspace's catalog by name; level 1 is the region, level 2 the units below it — see
 * `shared/rounds/levels.ts`), and whether the activities' outcome columns (genomförd/inställd,
 * deltagare nådda) are reported. Missing answers are named in words before anything is sent;
 * the server's refusal (an id taken, a role) is shown in words too. A due date inside the period
 * is the server's question, not a refusal (`round-due-in-period`): its words are shown with
 * "Lägg upp som delavstämning", which sends the round again as interim; changing the period or
 * the date takes the question away. Fires `samplan-round-defined` with the new round's id.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unitLevels } from '../../shared/rounds/levels.js';
import { roundIdOf } from '../../shared/rounds/model.js';
import { periodOptions } from './rollup-data.js';
import { RoundsError, type RoundDefInput, type RoundsClient } from './rounds-client.js';
import { chosenWords, fstr } from './round-form-strings.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';
import { trimName } from '../../shared/validate/text-fault.js';
import { refusedIndex, refusedText } from './refused-text.js';

/** The quarter of `d` as a period code (`2025Q2`). */
const quarterOf = (d: Date) => `${d.getFullYear()}Q${Math.floor(d.getMonth() / 3) + 1}`;

/** The round form; see the file comment. */
@customElement('samplan-round-form')
export class SamplanRoundForm extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      form { display: grid; gap: 6px; padding: 6px 0; border-bottom: 1px solid var(--samplan-border); }
      label { display: grid; gap: 2px; }
      input[type='text'], input[type='date'], select { font: inherit; width: 100%; box-sizing: border-box; }
      fieldset { border: 1px solid var(--samplan-border); padding: 4px 6px; margin: 0; }
      legend { font-weight: 600; }
      details { margin: 2px 0; }
      .ind { display: flex; gap: 4px; align-items: flex-start; font-size: 12px; }
      .check { display: flex; gap: 4px; align-items: flex-start; }
      .actions { display: flex; gap: 6px; flex-wrap: wrap; }
      small { color: var(--samplan-muted); }
      .warning p { color: var(--samplan-warning); margin: 0 0 4px; }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) client: RoundsClient | null = null;
  @property({ attribute: false }) units: readonly { code: string; name: string; parent?: string | null }[] = [];
  /** Today, for the default period (the current quarter); a property so tests can fix it. */
  @property({ attribute: false }) today: Date = new Date();

  @state() private open = false;
  @state() private catalog: { id: string; name: string }[] | null = null;
  @state() private roundTitle = '';
  @state() private period = '';
  @state() private dueDate = '';
  @state() private activities = true;
  @state() private chosen = new Map<number, Set<string>>();
  @state() private error: string | null = null;
  /** The title sent and where the character the server refused is in it, shown beside the refusal. */
  @state() private refused: { title: string; index: number } | null = null;
  @state() private busy = false;
  /** The server asked to confirm a due date inside the period (`round-due-in-period`): its words. */
  @state() private dueInPeriod: { sv: string; en: string } | null = null;

  private async start(): Promise<void> {
    this.open = true;
    this.error = null;
    this.period ||= quarterOf(this.today);
    if (!this.catalog && this.client) {
      try {
        this.catalog = await this.client.catalog();
      } catch (e) {
        this.error = e instanceof RoundsError ? e.text(this.lang) : String(e);
      }
    }
  }

  /** The unit levels of the workspace with a name to show: "Nivå 1: Region Stockholm". */
  private levels(): { level: number; label: string; count: number }[] {
    const levels = unitLevels(this.units.map((u) => ({ code: u.code, parent: u.parent ?? null })));
    const byLevel = new Map<number, string[]>();
    for (const u of this.units) byLevel.set(levels.get(u.code) ?? 1, [...(byLevel.get(levels.get(u.code) ?? 1) ?? []), u.name]);
    return [...byLevel]
      .sort(([a], [b]) => a - b)
      .map(([level, names]) => ({ level, count: names.length, label: fstr(names.length === 1 ? 'form.levelOne' : 'form.levelMany', this.lang, { level, name: names[0] ?? '', more: names.length - 1 }) }));
  }

  private toggle(level: number, id: string, on: boolean): void {
    const next = new Map(this.chosen);
    const set = new Set(next.get(level) ?? []);
    if (on) set.add(id);
    else set.delete(id);
    next.set(level, set);
    this.chosen = next;
  }

  /** The body to send, or the sentence saying what is missing. */
  private body(): RoundDefInput | string {
    const lang = this.lang;
    const title = trimName(this.roundTitle);
    if (!title) return fstr('form.needTitle', lang);
    const id = roundIdOf(title);
    if (!id) return fstr('form.needTitle', lang);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.dueDate)) return fstr('form.needDue', lang);
    const levels = [...this.chosen].filter(([, set]) => set.size > 0).map(([level, set]) => ({ level, indicators: (this.catalog ?? []).map((c) => c.id).filter((c) => set.has(c)) }));
    if (levels.length === 0 && !this.activities) return fstr('form.needSomething', lang);
    return { id, title, period: this.period, dueDate: this.dueDate, indicators: [], activities: this.activities, ...(levels.length > 0 ? { levels } : {}) };
  }

  /** Sends the round; `interim` confirms a due date inside the period, which the server asked about. */
  private async submit(e: Event | null, interim = false): Promise<void> {
    e?.preventDefault();
    const checked = this.body();
    if (typeof checked === 'string') {
      this.error = checked;
      return;
    }
    if (!this.client) return;
    const body = interim ? { ...checked, interim: true } : checked;
    this.busy = true;
    this.error = null;
    this.refused = null;
    this.dueInPeriod = null;
    try {
      await this.client.define(body);
      this.open = false;
      this.roundTitle = '';
      this.dueDate = '';
      this.chosen = new Map();
      this.dispatchEvent(new CustomEvent<string>('samplan-round-defined', { detail: body.id, bubbles: true, composed: true }));
    } catch (err) {
      if (err instanceof RoundsError && err.code === 'round-due-in-period') {
        this.dueInPeriod = err.localized;
        return;
      }
      this.error = err instanceof RoundsError ? err.text(this.lang) : String(err);
      const index = refusedIndex(err);
      this.refused = index === null ? null : { title: body.title, index };
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const lang = this.lang;
    if (!this.open) return html`<div class="actions"><button id="new-round" @click=${() => this.start()}>${fstr('form.new', lang)}</button></div>`;
    const year = this.today.getFullYear();
    return html`<form id="round-form" @submit=${this.submit} novalidate>
      <label>${fstr('form.title', lang)}
        <input id="round-title" type="text" maxlength="200" .value=${this.roundTitle} placeholder=${fstr('form.titleExample', lang)} @input=${(e: Event) => (this.roundTitle = (e.target as HTMLInputElement).value)} />
      </label>
      <label>${fstr('form.period', lang)}
        <select id="round-period" @change=${(e: Event) => ((this.period = (e.target as HTMLSelectElement).value), (this.dueInPeriod = null))}>
          ${periodOptions([year - 1, year, year + 1], lang).map(
            (g) => html`<optgroup label=${String(g.year)}>
              ${g.options.map((o) => html`<option value=${o.value.slice(7)} ?selected=${o.value.slice(7) === this.period}>${o.label}</option>`)}
            </optgroup>`,
          )}
        </select>
      </label>
      <label>${fstr('form.due', lang)}
        <input id="round-due" type="date" .value=${this.dueDate} @input=${(e: Event) => ((this.dueDate = (e.target as HTMLInputElement).value), (this.dueInPeriod = null))} />
      </label>
      <fieldset>
        <legend>${fstr('form.indicators', lang)}</legend>
        ${this.catalog === null
          ? html`<small>${fstr('form.loadingCatalog', lang)}</small>`
          : this.catalog.length === 0
            ? html`<small>${fstr('form.noCatalog', lang)}</small>`
            : this.levels().map(
                (l) => html`<details ?open=${l.level === 2} data-level=${l.level}>
                  <summary>${l.label} <small>(${chosenWords(this.chosen.get(l.level)?.size ?? 0, lang)})</small></summary>
                  ${(this.catalog ?? []).map(
                    (c) => html`<label class="ind"><input type="checkbox" data-indicator=${c.id} .checked=${this.chosen.get(l.level)?.has(c.id) ?? false} @change=${(e: Event) => this.toggle(l.level, c.id, (e.target as HTMLInputElement).checked)} />${c.name}</label>`,
                  )}
                </details>`,
              )}
      </fieldset>
      <label class="check"><input id="round-activities" type="checkbox" .checked=${this.activities} @change=${(e: Event) => (this.activities = (e.target as HTMLInputElement).checked)} />${fstr('form.activities', lang)}</label>
      <small id="round-units-rule">${fstr('form.units', lang)}</small>
      ${this.error ? html`<p class="error" role="alert" id="round-form-error">${this.error}</p>` : null}
      ${this.dueInPeriod
        ? html`<div class="warning" role="alertdialog" aria-live="polite" id="round-due-in-period">
            <p>${this.dueInPeriod[lang]}</p>
            <div class="actions">
              <button type="button" id="round-save-interim" ?disabled=${this.busy} @click=${() => this.submit(null, true)}>${fstr('form.saveInterim', lang)}</button>
            </div>
          </div>`
        : null}
      ${this.error && this.refused ? refusedText(this.refused.title, this.refused.index) : null}
      <div class="actions">
        <button id="round-save" type="submit" ?disabled=${this.busy}>${fstr('form.save', lang)}</button>
        <button type="button" @click=${() => (this.open = false)}>${fstr('form.cancel', lang)}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-round-form': SamplanRoundForm;
  }
}
