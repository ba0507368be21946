/**
 * `<samplan-pull-dialog>`: the "Pull indicator table" chooser. Lists the catalog's indicators and
 * the units, periods and kön that have values, in words (indicator names as `indicatorLabel`
 * gives them, unit names from the workspace, periods as `shared/i18n/period-label` writes them;
 * the codes are the checkboxes' values only), starts from `pullChoices`' default, and fires
 * `samplan-pull` with the filter (and the ticked selection) when the manager pulls.
 */
import { Task } from '@lit/task';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { periodWords } from '../../shared/i18n/period-label.js';
import { indicatorLabel } from '../../shared/indicators/indicator-name.js';
import type { IndicatorFilter } from '../../shared/indicators/table.js';
import { baseStyles } from '../taskpane/theme.js';
import { word } from './indicator-strings.js';
import { filterOf, selectionComplete, type PullChoices, type PullSelection } from './pull-choices.js';
import type { Lang } from './pulled-layout.js';

/** Detail of the `samplan-pull` event. */
export interface PullRequest {
  filter: IndicatorFilter;
  selection: PullSelection;
}

type Group = keyof PullSelection;

/**
 * The chooser. Give it `choices`, or `loadChoices` to fetch them (its states are rendered).
 * Fires `samplan-pull` (`PullRequest`) and `samplan-cancel`.
 *
 * @example
 * html`<samplan-pull-dialog .choices=${pullChoices(source.definitions(), source.current())}
 *   @samplan-pull=${(e: CustomEvent<PullRequest>) => pull(e.detail.filter)}></samplan-pull-dialog>`
 */
@customElement('samplan-pull-dialog')
export class SamplanPullDialog extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding: 8px 12px;
      }
      h1 {
        font-size: 14px;
        margin: 4px 0 6px;
      }
      p {
        margin: 0 0 8px;
        color: var(--samplan-muted);
      }
      fieldset {
        border: 1px solid var(--samplan-border);
        margin: 0 0 8px;
        padding: 4px 8px 6px;
        max-height: 160px;
        overflow: auto;
      }
      legend {
        font-weight: 600;
      }
      label {
        display: flex;
        gap: 6px;
        align-items: baseline;
        padding: 1px 0;
      }
      .bulk {
        display: flex;
        gap: 8px;
        margin-bottom: 2px;
      }
      .actions {
        display: flex;
        gap: 8px;
        align-items: center;
      }
      .hint {
        color: var(--samplan-error);
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  /** What can be chosen; when set, `loadChoices` is not used. */
  @property({ attribute: false }) choices: PullChoices | null = null;
  /** Fetches the choices when `choices` is not given. */
  @property({ attribute: false }) loadChoices: (() => Promise<PullChoices>) | null = null;
  // A plain field: it is set from the loaded choices during render, which must not re-trigger it.
  private selection: PullSelection | null = null;
  private selectionFor: PullChoices | null = null;

  private readonly loader = new Task(this, {
    task: async ([choices, load]: readonly [PullChoices | null, (() => Promise<PullChoices>) | null]) => choices ?? (load ? await load() : null),
    args: () => [this.choices, this.loadChoices] as const,
  });

  /** The current selection (the defaults until the manager changes something). */
  get current(): PullSelection | null {
    return this.selection;
  }

  override render() {
    return html`<h1>${word('pull.title', this.lang)}</h1>
      <p>${word('pull.intro', this.lang)}</p>
      ${this.loader.render({
        pending: () => html`<p role="status">${word('pull.loading', this.lang)}</p>`,
        error: () => html`<p class="hint" role="alert">${word('pull.failed', this.lang)}</p>`,
        complete: (choices) => (choices ? this.form(choices) : html`<p>${word('pull.empty', this.lang)}</p>`),
      })}`;
  }

  private form(choices: PullChoices): TemplateResult {
    if (this.selectionFor !== choices || !this.selection) {
      this.selectionFor = choices;
      this.selection = structuredClone(choices.defaults);
    }
    const selection = this.selection;
    const complete = selectionComplete(choices, selection);
    const lang = this.lang;
    const unitName = (code: string) => choices.unitNames?.get(code) ?? code;
    const byName = (items: [string, string][]) => items.sort(([, a], [, b]) => a.localeCompare(b, lang === 'sv' ? 'sv-SE' : 'en-GB'));
    return html`${this.group('indicators', 'pull.indicators', choices.indicators.map((i) => [i.id, indicatorLabel(i.id, i.name, lang)]))}
      ${this.group('units', 'pull.units', byName(choices.units.map((u) => [u, unitName(u)])))}
      ${this.group('periods', 'pull.periods', choices.periods.map((p) => [p, periodWords(p, lang)]))}
      ${this.group('kon', 'pull.kon', choices.kon.map((k) => [k, word(`kon.${k}` as 'kon.T', lang)]))}
      <div class="actions">
        <button id="pull" type="button" ?disabled=${!complete} @click=${() => this.pull(choices)}>${word('pull.submit', this.lang)}</button>
        <button id="cancel" type="button" @click=${() => this.fire('samplan-cancel', null)}>${word('pull.cancel', this.lang)}</button>
        ${complete ? nothing : html`<span class="hint" role="status">${word('pull.incomplete', this.lang)}</span>`}
      </div>`;
  }

  private group(group: Group, title: 'pull.indicators' | 'pull.units' | 'pull.periods' | 'pull.kon', items: [string, string][]): TemplateResult {
    const picked = new Set<string>((this.selection?.[group] ?? []) as string[]);
    const all = items.map(([value]) => value);
    return html`<fieldset id=${group}>
      <legend>${word(title, this.lang)}</legend>
      <div class="bulk">
        <button type="button" class="all" @click=${() => this.set(group, all)}>${word('pull.all', this.lang)}</button>
        <button type="button" class="none" @click=${() => this.set(group, [])}>${word('pull.none', this.lang)}</button>
      </div>
      ${items.map(
        ([value, label]) =>
          html`<label><input type="checkbox" .value=${value} .checked=${picked.has(value)} @change=${(e: Event) => this.toggle(group, value, (e.target as HTMLInputElement).checked)} />${label}</label>`,
      )}
    </fieldset>`;
  }

  private set(group: Group, values: string[]): void {
    if (!this.selection) return;
    this.selection = { ...this.selection, [group]: values };
    this.requestUpdate();
  }

  private toggle(group: Group, value: string, on: boolean): void {
    if (!this.selection) return;
    const now = (this.selection[group] as string[]).filter((v) => v !== value);
    this.set(group, on ? [...now, value] : now);
  }

  private pull(choices: PullChoices): void {
    if (!this.selection || !selectionComplete(choices, this.selection)) return;
    const detail: PullRequest = { filter: filterOf(choices, this.selection), selection: this.selection };
    this.fire('samplan-pull', detail);
  }

  private fire(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-pull-dialog': SamplanPullDialog;
  }
}
