/**
 * `<samplan-indicators-view>`: the Indikatorer view of the workbench, where a manager expects the
 * indicators: "Hämta indikatortabell" at the top, a choice of unit (all units pooled, or one by
 * name), and `<samplan-indicator-list>` with each indicator's latest value, its standing against
 * the target and its trend chart. The live source is opened when the view is first shown (the
 * same one the pulled tables use); unit names follow the workspace's, renames included. A clinic's
 * values document the server cannot read (its stored history is damaged) is left out of the list
 * by the source; the view says so above it, naming the unit and the document, in the words of a
 * pulled table's third line, so the figures are not taken as whole.
 */
import { Task } from '@lit/task';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { baseStyles } from '../taskpane/theme.js';
import { word } from './indicator-strings.js';
import type { IndicatorTableSource } from './indicator-source.js';
import { IndicatorSourceController } from './indicator-source-controller.js';
import { unreadableValuesNames, unreadableValuesNote, type Lang } from './pulled-layout.js';
import type { UnitEntry, UnitNames } from './unit-names.js';
import './samplan-indicator-list.js';

/**
 * The view. Give it `open` (resolves the live source), `units` (the workspace's) and, for live
 * names, `names`. Fires `samplan-pull-indicators` when "Hämta indikatortabell" is chosen.
 *
 * @example
 * html`<samplan-indicators-view .lang=${'sv'} .open=${() => controller.source()} .units=${session.units}
 *   .names=${controller.names} @samplan-pull-indicators=${() => pull()}></samplan-indicators-view>`
 */
@customElement('samplan-indicators-view')
export class SamplanIndicatorsView extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 8px;
        align-items: center;
        padding: 8px 12px 6px;
        border-bottom: 1px solid var(--samplan-border);
      }
      h1 {
        font-size: 14px;
        margin: 0;
        flex: 1 1 auto;
      }
      label {
        display: flex;
        gap: 6px;
        align-items: center;
        flex: 1 1 100%;
        min-width: 0;
      }
      select {
        min-width: 0;
        max-width: 100%;
        flex: 1 1 auto;
      }
      p {
        margin: 8px 12px;
        color: var(--samplan-muted);
      }
      p.unreadable {
        color: var(--samplan-fg);
        border-left: 3px solid var(--samplan-warning);
        padding-left: 6px;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  /** Opens (once) and resolves the live indicator source; null: not signed in. */
  @property({ attribute: false }) open: (() => Promise<IndicatorTableSource>) | null = null;
  /** The workspace's units (for levels and names). */
  @property({ attribute: false }) units: readonly UnitEntry[] = [];
  /** Live unit names (a rename shows at once); `units`' names when unset. */
  @property({ attribute: false }) names: UnitNames | null = null;
  /** Whether "Hämta indikatortabell" is offered (the workbench says why when there is nothing to pull). */
  @property({ type: Boolean, attribute: 'can-pull' }) canPull = true;
  /** The unit chosen (null: all units pooled). */
  @state() unit: string | null = null;
  private unsubscribe: (() => void) | null = null;

  private readonly source = new Task(this, {
    task: async ([open]: readonly [(() => Promise<IndicatorTableSource>) | null]) => (open ? await open() : null),
    args: () => [this.open] as const,
  });

  constructor() {
    super();
    // The source tells its subscribers when it leaves a values document out: the note follows it.
    new IndicatorSourceController(this, () => this.source.value ?? null);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('names')) {
      this.unsubscribe?.();
      this.unsubscribe = this.names?.subscribe(() => this.requestUpdate()) ?? null;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.names && !this.unsubscribe) this.unsubscribe = this.names.subscribe(() => this.requestUpdate());
  }

  private nameOf(code: string): string {
    return this.names?.name(code) ?? this.units.find((u) => u.code === code)?.name ?? code;
  }

  override render() {
    const lang = this.lang;
    const unitList = this.units.map((u) => ({ code: u.code, name: this.nameOf(u.code), parent: u.parent ?? null }));
    const sorted = [...unitList].sort((a, b) => a.name.localeCompare(b.name, lang === 'sv' ? 'sv-SE' : 'en-GB'));
    return html`<header>
        <h1>${word('list.title', lang)}</h1>
        ${this.canPull
          ? html`<button id="pull-indicators" type="button" @click=${() => this.dispatchEvent(new CustomEvent('samplan-pull-indicators', { bubbles: true, composed: true }))}>
              ${word('pull.title', lang)}
            </button>`
          : null}
        <label
          >${word('view.unit', lang)}
          <select id="unit" @change=${(e: Event) => (this.unit = (e.target as HTMLSelectElement).value || null)}>
            <option value="" ?selected=${this.unit === null}>${word('view.allUnits', lang)}</option>
            ${sorted.map((u) => html`<option value=${u.code} ?selected=${this.unit === u.code}>${u.name}</option>`)}
          </select>
        </label>
      </header>
      ${this.source.render({
        pending: () => html`<p role="status">${word('pull.loading', lang)}</p>`,
        error: () => html`<p role="alert">${word('pull.failed', lang)}</p>`,
        complete: (source) =>
          source
            ? html`${this.unreadableNote(source)}<samplan-indicator-list .lang=${lang} .source=${source} .units=${this.unit ? [this.unit] : []} .unitList=${unitList}></samplan-indicator-list>`
            : html`<p>${word('list.empty', lang)}</p>`,
      })}`;
  }

  /** The note naming the values documents the source left out as unreadable; nothing when it read them all. */
  private unreadableNote(source: IndicatorTableSource) {
    const note = unreadableValuesNote(unreadableValuesNames(source.unreadable?.() ?? [], (code) => this.nameOf(code)), this.lang);
    return note === null ? null : html`<p id="unreadable" class="unreadable" role="status">${note}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-indicators-view': SamplanIndicatorsView;
  }
}
