/**
 * `<samplan-rollup>`: the Länssammanställning (county roll-up) view. For a round or any period
 * chosen in words (a year, a half-year, a quarter, a month), the clinics' activities planned and
 * held with participants planned and reached, FaR prescriptions and follow-ups after about six
 * months, and each indicator per clinic against target with its status in colour and words —
 * names throughout, never codes. A clinic's name opens its activity plan. The view follows the
 * rounds' live stream (`GET …/events/rounds`), so a new round or a submission is fetched again.
 * Figures come from the server's roll-up (`shared/rounds/rollup.ts`): sums, never means of
 * ratios, missing shown as "–"; counts compared with their target pro rata over the year to date.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ACTIVITY_TYPES } from '../../shared/catalog/activity-types.js';
import { numberText } from '../../shared/i18n/number-words.js';
import { periodWords } from '../../shared/i18n/period-label.js';
import { REPORT_WORDS } from '../../shared/i18n/report-words.js';
import { choiceOf, choiceValue, periodOptions, type RollupChoice, type RollupView } from './rollup-data.js';
import { lstr, reachedWords } from './rollup-strings.js';
import { roundsFailureText, type RoundInfo, type RoundsClient } from './rounds-client.js';
import { RoundsLiveController } from './rounds-live-controller.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** Opens a unit's document; resolves false when the unit has none. */
export type UnitOpener = (unit: string) => Promise<boolean>;

type IndicatorRow = RollupView['indicators'][number];

/** County roll-up view; set `client`, `units` (code and name) and `openUnit`. */
@customElement('samplan-rollup')
export class SamplanRollup extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: block; box-sizing: border-box; padding: 8px 12px; container-type: inline-size; font-size: 12px; }
      label.pick { display: flex; gap: 6px; align-items: center; margin-bottom: 8px; }
      select { font: inherit; min-width: 0; flex: 1; }
      h2 { font-size: 13px; margin: 12px 0 4px; }
      h3 { font-size: 12px; margin: 10px 0 2px; }
      /*
       * The table fits the pane and words stay whole: an automatic layout gives each column at
       * least its longest word ("Uppmärksamhetsvecka:", "Skärholmenhälsan"; a fixed layout cut
       * them inside at 320 px) and wraps between words; the widths are the shares it aims for.
       * overflow-wrap: break-word (not anywhere) breaks only a word wider than the whole table.
       */
      table { border-collapse: collapse; width: 100%; table-layout: auto; }
      th:first-child, td:first-child { width: 38%; }
      #rollup-activities th:first-child, #rollup-activities td:first-child { width: 50%; }
      #rollup-activities th:last-child { width: 22%; }
      td, th { overflow-wrap: break-word; }
      thead th { font-size: 11px; }
      th, td { border-bottom: 1px solid var(--samplan-border); padding: 3px 4px; text-align: left; vertical-align: top; }
      th { font-weight: 600; }
      td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
      tr.type td { color: var(--samplan-muted); }
      tr.type td:first-child { padding-left: 8px; }
      tr.total td, tr.total th { font-weight: 600; }
      button.unit { all: unset; cursor: pointer; color: var(--samplan-accent); text-decoration: underline; overflow-wrap: break-word; }
      button.unit:focus-visible { outline: 2px solid var(--samplan-accent); }
      .st { display: inline-block; padding: 0 6px; border-radius: 8px; color: #fff; white-space: nowrap; }
      .st-uppnatt { background: #107c10; }
      .st-pa-vag { background: #8a5300; }
      .st-ej-pa-vag { background: #c42b1c; }
      small { display: block; color: var(--samplan-muted); }
      .rule { color: var(--samplan-muted); margin: 6px 0 0; }
      @container (max-width: 400px) {
        :host { padding: 6px 6px; }
        th, td { padding: 3px 2px; }
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) client: RoundsClient | null = null;
  @property({ attribute: false }) units: readonly { code: string; name: string }[] = [];
  @property({ attribute: false }) openUnit: UnitOpener = async () => false;

  @state() private rounds: RoundInfo[] | null = null;
  @state() private choice: RollupChoice | null = null;
  @state() private data: RollupView | null = null;
  @state() private error: string | null = null;
  private loadedFor: RoundsClient | null = null;
  private loading = 0;
  /** A round defined, a submission or an approval elsewhere fetches the roll-up again. */
  readonly live = new RoundsLiveController(this, { client: () => this.client, changed: () => this.load() });

  override updated(): void {
    if (this.client && this.client !== this.loadedFor) {
      this.loadedFor = this.client;
      void this.load();
    }
  }

  /** Fetch the rounds and the chosen roll-up again (the newest round when nothing is chosen). */
  async load(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const ticket = ++this.loading;
    try {
      const rounds = await client.rounds();
      const choice = this.choice ?? (rounds[0] ? { round: rounds[0].id } : { period: String(new Date().getFullYear()) });
      const data = await client.rollup(choice);
      if (ticket !== this.loading) return;
      this.rounds = rounds;
      this.choice = choice;
      this.data = data;
      this.error = null;
    } catch (e) {
      if (ticket === this.loading) this.error = this.words(e);
    }
  }

  private words(e: unknown): string {
    return roundsFailureText(e, this.lang);
  }

  private pick(value: string): void {
    const choice = choiceOf(value);
    if (!choice) return;
    this.choice = choice;
    this.data = null;
    void this.load();
  }

  /** The answer's own name of the unit first; the workspace's units for an older server's answer without `unitNames`. */
  private unitName = (code: string | null): string =>
    code === null
      ? lstr('rollup.county', this.lang)
      : ((this.data?.unitNames && Object.hasOwn(this.data.unitNames, code) ? this.data.unitNames[code] : undefined) ?? this.units.find((u) => u.code === code)?.name ?? code);

  /** The activity type's name; a break is allowed after each "/" so "Hälsosamtal/hälsoinformation" wraps between words. */
  private typeName(type: string): string {
    return (ACTIVITY_TYPES.find((t) => t.value === type)?.label[this.lang] ?? type).replace(/\//g, '/\u200B');
  }

  /** A figure to one decimal, as `numberText` writes it: a small value that is not 0 never reads "0" (`0,04`), −0 is 0. */
  private num(n: number | null | undefined): string {
    return n === null || n === undefined ? '–' : numberText(n, this.lang, { max: 1 });
  }

  private async open(unit: string): Promise<void> {
    if (!(await this.openUnit(unit))) this.error = lstr('rollup.noDocument', this.lang, { unit: this.unitName(unit) });
  }

  private unitCell(code: string | null) {
    if (code === null) return html`<th scope="row">${this.unitName(null)}</th>`;
    return html`<th scope="row"><button class="unit" data-unit=${code} title=${lstr('rollup.open', this.lang)} @click=${() => this.open(code)}>${this.unitName(code)}</button></th>`;
  }

  override render() {
    const lang = this.lang;
    if (!this.client) return html`<p class="empty">${lstr('rollup.signIn', lang)}</p>`;
    const error = this.error ? html`<p class="error" role="alert" id="rollup-error">${this.error}</p>` : null;
    if (!this.rounds) return html`${error}<p class="empty">${this.error ? '' : lstr('rollup.loading', lang)}</p>`;
    return html`${this.renderPicker()}${error}${this.data ? this.renderData(this.data) : html`<p class="empty">${lstr('rollup.loading', lang)}</p>`}`;
  }

  private renderPicker() {
    const lang = this.lang;
    const rounds = this.rounds ?? [];
    const years = rounds.map((r) => Number(r.period.slice(0, 4))).filter((y) => Number.isInteger(y));
    if (this.choice && 'period' in this.choice) years.push(Number(this.choice.period.slice(0, 4)));
    if (years.length === 0) years.push(new Date().getFullYear());
    const current = this.choice ? choiceValue(this.choice) : '';
    return html`<label class="pick">${lstr('rollup.show', lang)}
      <select id="rollup-choice" @change=${(e: Event) => this.pick((e.target as HTMLSelectElement).value)}>
        ${rounds.length > 0
          ? html`<optgroup label=${lstr('rollup.rounds', lang)}>
              ${rounds.map((r) => html`<option value=${`round:${r.id}`} ?selected=${current === `round:${r.id}`}>${r.title ?? periodWords(r.period, lang)}${r.interim === true ? ` (${REPORT_WORDS.interimLabel[lang]})` : ''}</option>`)}
            </optgroup>`
          : null}
        ${periodOptions(years, lang).map(
          (g) => html`<optgroup label=${lstr('rollup.periods', lang, { year: g.year })}>
            ${g.options.map((o) => html`<option value=${o.value} ?selected=${current === o.value}>${o.label}</option>`)}
          </optgroup>`,
        )}
      </select>
    </label>`;
  }

  private renderData(d: RollupView) {
    return html`<div id="rollup" data-period=${d.period}>${this.renderInterim()}${this.renderActivities(d)}${this.renderFar(d)}${this.renderIndicators(d)}</div>`;
  }

  /** An interim round's figures are of part of its period: said above them, as the styrgrupp report says it. */
  private renderInterim() {
    const choice = this.choice;
    const round = choice && 'round' in choice ? this.rounds?.find((r) => r.id === choice.round) : undefined;
    return round?.interim === true ? html`<p class="interim" id="rollup-interim"><strong>${REPORT_WORDS.interimNote[this.lang]}</strong></p>` : null;
  }

  private renderActivities(d: RollupView) {
    const lang = this.lang;
    const byUnit = new Map<string, RollupView['activities']>();
    for (const a of d.activities) byUnit.set(a.unit, [...(byUnit.get(a.unit) ?? []), a]);
    const sum = (list: RollupView['activities'], f: (a: RollupView['activities'][number]) => number | null) =>
      list.reduce<number | null>((s, a) => (f(a) === null ? s : (s ?? 0) + (f(a) as number)), null);
    const pair = (list: RollupView['activities']) => `${this.num(sum(list, (a) => a.participantsPlanned))} / ${this.num(sum(list, (a) => a.participantsReached))}`;
    return html`<h2>${lstr('rollup.activities', lang)}</h2>
      ${d.activities.length === 0
        ? html`<p class="empty">${lstr(d.round?.activities === false ? 'rollup.activitiesNotAsked' : 'rollup.noActivities', lang)}</p>`
        : html`<table id="rollup-activities">
            <thead><tr><th>${lstr('rollup.unit', lang)}</th><th class="n">${lstr('rollup.planned', lang)}</th><th class="n">${lstr('rollup.held', lang)}</th><th class="n">${lstr('rollup.participants', lang)}</th></tr></thead>
            <tbody>
              ${[...byUnit].map(
                ([unit, list]) => html`<tr data-unit=${unit}>${this.unitCell(unit)}<td class="n">${sum(list, (a) => a.planned)}</td><td class="n">${sum(list, (a) => a.held)}</td><td class="n">${pair(list)}</td></tr>
                  ${list.map((a) => html`<tr class="type"><td>${this.typeName(a.type)}</td><td class="n">${a.planned}</td><td class="n">${a.held}</td><td class="n">${pair([a])}</td></tr>`)}`,
              )}
              <tr class="total">${this.unitCell(null)}<td class="n">${sum(d.activities, (a) => a.planned)}</td><td class="n">${sum(d.activities, (a) => a.held)}</td><td class="n">${pair(d.activities)}</td></tr>
            </tbody>
          </table>`}`;
  }

  private renderFar(d: RollupView) {
    const lang = this.lang;
    const rows = d.far.filter((r) => r.unit === null || r.prescribed !== null || r.followUpBase !== null);
    if (rows.every((r) => r.prescribed === null && r.followUpBase === null)) return null;
    return html`<h2>${lstr('rollup.far', lang)}</h2>
      <table id="rollup-far">
        <thead><tr><th>${lstr('rollup.unit', lang)}</th><th class="n">${lstr('rollup.prescribed', lang)}</th><th class="n">${lstr('rollup.followedUp', lang)}</th><th class="n">${lstr('rollup.share', lang)}</th></tr></thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr class=${r.unit === null ? 'total' : ''}>${this.unitCell(r.unit)}<td class="n">${this.num(r.prescribed)}</td><td class="n">${this.num(r.followedUp)} / ${this.num(r.followUpBase)}</td><td class="n">${r.followUpShare === null ? '–' : `${this.num(r.followUpShare)} %`}</td></tr>`,
          )}
        </tbody>
      </table>`;
  }

  private renderIndicators(d: RollupView) {
    const lang = this.lang;
    const ids = [...new Set(d.indicators.map((r) => r.indicator))];
    return html`<h2>${lstr('rollup.indicators', lang)}</h2>
      ${ids.length === 0
        ? html`<p class="empty">${lstr('rollup.noIndicators', lang)}</p>`
        : ids.map((id) => {
            const rows = d.indicators.filter((r) => r.indicator === id);
            const name = d.names[id]?.name ?? id;
            return html`<h3>${name}</h3>
              <table class="indicator" data-indicator=${id}>
                <thead><tr><th>${lstr('rollup.unit', lang)}</th><th class="n">${lstr('rollup.value', lang)}</th><th>${lstr('rollup.against', lang)}</th><th>${lstr('rollup.status', lang)}</th></tr></thead>
                <tbody>${rows.map((r) => this.renderIndicatorRow(r))}</tbody>
              </table>`;
          })}
      <p class="rule">${lstr('rollup.rule', lang)}</p>`;
  }

  private renderIndicatorRow(r: IndicatorRow) {
    const lang = this.lang;
    const target = r.targetCompared ?? r.target;
    const compared = r.compared ?? r.value;
    let against = '–';
    if (target !== null && compared !== null && compared !== undefined) {
      against = compared !== r.value ? lstr('rollup.ytd', lang, { compared: this.num(compared), target: this.num(target) }) : lstr('rollup.plain', lang, { target: this.num(target) });
    } else if (target !== null) against = lstr('rollup.plain', lang, { target: this.num(target) });
    const status = r.status ? html`<span class="st st-${r.status}">${lstr(`status.${r.status}`, lang)}</span>` : html`<span>${r.value === null ? lstr('rollup.missing', lang) : '–'}</span>`;
    const words = r.unitsReached ? reachedWords(r.unitsReached, lang) : null;
    const reached = words ? html`<small>${words}</small>` : null;
    return html`<tr class=${r.unit === null ? 'total' : ''} data-unit=${r.unit ?? ''}>${this.unitCell(r.unit)}<td class="n">${this.num(r.value)}</td><td>${against}</td><td>${status}${reached}</td></tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-rollup': SamplanRollup;
  }
}
