/**
 * `<samplan-year-wheel>`: the Årshjul view. The year at a glance: the activity plans' rows (by
 * type and clinic) and the follow-up rounds' due dates, drawn as the styrgrupp report's wheel
 * (the same layout, `shared/rounds/year-wheel.ts`) and listed month by month below it. The wheel
 * is for the eye and the mouse (a click chooses a month); the list is the same content for the
 * keyboard and screen readers: each month a disclosure, each activity a button that selects its
 * row in the sheet. Filters narrow to one activity type and one unit.
 */
import { LitElement, css, html, svg } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { ACTIVITY_TYPES } from '../../shared/catalog/activity-types.js';
import { typeColour, type CalendarActivity, type CalendarMonth } from '../../shared/rounds/year-calendar.js';
import { DUE_COLOUR, dueMarkPath, wheelLayout } from '../../shared/rounds/year-wheel.js';
import { pstr } from './plan-strings.js';
import { RoundsError, type RoundsClient } from './rounds-client.js';
import type { RowShower } from './samplan-action-plan.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** `months` with only the activities of `type` and `unit` (null: all). */
export function filterMonths(months: readonly CalendarMonth[], type: string | null, unit: string | null): CalendarMonth[] {
  return months.map((m) => ({ ...m, activities: m.activities.filter((a) => (type === null || a.type === type) && (unit === null || a.unit === unit)) }));
}

const monthName = (month: number, lang: Lang) => new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
/** "3 aktiviteter, 1 sista dag" for a month. */
const counted = (m: CalendarMonth, lang: Lang): string =>
  `${m.activities.length === 1 ? pstr('year.activity', lang) : pstr('year.activities', lang, { n: m.activities.length })}, ${m.due.length === 1 ? pstr('year.oneDue', lang) : pstr('year.dues', lang, { n: m.due.length })}`;
/** A due date's diamond beside text: an SVG shape, as on the wheel (fonts may lack the "◆" glyph). */
const dueMark = () => html`<svg class="due-mark" width="10" height="10" viewBox="0 0 12 12" aria-hidden="true">${svg`<path d=${dueMarkPath(6, 6, 6)} fill=${DUE_COLOUR}></path>`}</svg>`;
const typeLabel = (type: string, lang: Lang) => ACTIVITY_TYPES.find((t) => t.value === type)?.label[lang] ?? type;

/** The Årshjul view; set `client`, `units` and `showRow`; `year` defaults to this year. */
@customElement('samplan-year-wheel')
export class SamplanYearWheel extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: block; padding: 8px 12px; }
      .bar { display: flex; align-items: center; gap: 6px; }
      .bar h3 { flex: 1; text-align: center; font-size: 14px; margin: 0; }
      .filters { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; margin: 6px 0; }
      .filters label { display: grid; gap: 2px; font-size: 12px; min-width: 0; }
      select { font: inherit; font-size: 12px; width: 100%; min-width: 0; }
      svg.wheel { display: block; width: 100%; max-width: 360px; height: auto; margin: 0 auto; }
      svg.wheel path { cursor: pointer; }
      svg.wheel path.chosen { stroke: var(--samplan-accent); stroke-width: 3; }
      .hint { color: var(--samplan-muted); font-size: 11px; text-align: center; margin: 2px 0 6px; }
      details { border-bottom: 1px solid var(--samplan-border); }
      details.chosen > summary { background: var(--samplan-selected); }
      summary { cursor: pointer; padding: 4px 2px; }
      summary:focus-visible, button.act:focus-visible { outline: 2px solid var(--samplan-accent); }
      summary .n { color: var(--samplan-muted); font-size: 12px; }
      ul { list-style: none; margin: 0 0 6px; padding: 0; }
      button.act { all: unset; box-sizing: border-box; display: flex; gap: 6px; width: 100%; cursor: pointer; padding: 3px 4px; border-radius: 3px; overflow-wrap: break-word; }
      /* A date is not cut at its hyphens (2026-04-02); words break only when wider than the line. */
      .date { white-space: nowrap; }
      button.act:hover { background: var(--samplan-hover); }
      .dot { flex: none; width: 10px; height: 10px; border-radius: 5px; margin-top: 4px; }
      .meta { display: block; color: var(--samplan-muted); font-size: 12px; }
      li.due { color: #c50f1f; padding: 3px 4px; }
      .error { color: var(--samplan-error); }
      ul.legend { display: flex; flex-wrap: wrap; gap: 2px 10px; font-size: 11px; color: var(--samplan-muted); margin: 4px 0; }
      ul.legend li { display: flex; gap: 4px; align-items: flex-start; }
      ul.legend .dot { margin-top: 2px; }
      svg.due-mark { flex: none; margin-top: 3px; }
      li.due svg.due-mark { margin: 0 2px 0 0; vertical-align: -1px; }
      .empty-month { color: var(--samplan-muted); font-size: 12px; margin: 2px 4px 6px; }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) client: RoundsClient | null = null;
  @property({ attribute: false }) units: readonly { code: string; name: string }[] = [];
  @property({ attribute: false }) showRow: RowShower | null = null;
  @property({ type: Number }) year = new Date().getFullYear();

  @state() private months: CalendarMonth[] | null = null;
  @state() private type: string | null = null;
  @state() private unit: string | null = null;
  @state() private chosen = new Date().getMonth() + 1;
  @state() private error: string | null = null;
  private loaded: { client: RoundsClient; year: number } | null = null;

  override updated(): void {
    if (this.client && (this.client !== this.loaded?.client || this.year !== this.loaded.year)) {
      this.loaded = { client: this.client, year: this.year };
      void this.reload();
    }
  }

  /** Fetches the year's months again. */
  async reload(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const year = this.year;
    try {
      const months = await client.calendar(year);
      if (year !== this.year) return;
      this.months = months;
      this.error = null;
    } catch (e) {
      this.error = e instanceof RoundsError ? e.text(this.lang) : String(e);
    }
  }

  private choose(month: number, focus: boolean): void {
    this.chosen = month;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`details[data-month="${month}"] summary`)?.focus());
  }

  private async show(a: CalendarActivity): Promise<void> {
    if (!this.showRow) return;
    this.error = (await this.showRow(a.doc, a.rowId).catch(() => false)) ? null : pstr('plan.rowNotShown', this.lang);
  }

  override render() {
    const lang = this.lang;
    if (!this.client) return html`<p class="empty">${pstr('year.signIn', lang)}</p>`;
    const err = this.error ? html`<p class="error" role="alert" id="year-error">${this.error}</p>` : null;
    const bar = html`<div class="bar">
      <button id="prev-year" aria-label=${pstr('year.prev', lang)} title=${pstr('year.prev', lang)} @click=${() => (this.year -= 1)}>‹</button>
      <h3 id="year-title">${pstr('year.title', lang, { year: this.year })}</h3>
      <button id="next-year" aria-label=${pstr('year.next', lang)} title=${pstr('year.next', lang)} @click=${() => (this.year += 1)}>›</button>
    </div>`;
    if (!this.months) return html`${bar}${err}<p class="empty">${this.error ? '' : pstr('year.loading', lang)}</p>`;
    const all = this.months;
    const months = filterMonths(all, this.type, this.unit);
    const types = [...new Set(all.flatMap((m) => m.activities.map((a) => a.type)))];
    const unitCodes = [...new Set(all.flatMap((m) => m.activities.map((a) => a.unit)))];
    const named = new Map(this.units.map((u) => [u.code, u.name]));
    const pick = (id: string, label: string, values: string[], name: (v: string) => string, set: (v: string | null) => void) =>
      html`<label>${label}<select id=${id} @change=${(e: Event) => set((e.target as HTMLSelectElement).value || null)}>
        <option value="">${pstr('year.all', lang)}</option>
        ${values.map((v) => html`<option value=${v}>${name(v)}</option>`)}
      </select></label>`;
    return html`${bar}${err}
      <div class="filters">
        ${pick('type-filter', pstr('year.type', lang), types, (t) => typeLabel(t, lang), (v) => (this.type = v))}
        ${pick('unit-filter', pstr('year.unit', lang), unitCodes, (u) => named.get(u) ?? u, (v) => (this.unit = v))}
      </div>
      ${this.renderWheel(months)}
      <ul class="legend" aria-label=${pstr('year.legend', lang)}>
        ${types.map((t) => html`<li><span class="dot" style=${styleMap({ background: typeColour(t) })}></span>${typeLabel(t, lang)}</li>`)}
        <li>${dueMark()}${pstr('year.dueMark', lang)}</li>
      </ul>
      <p class="hint" aria-hidden="true">${pstr('year.wheelHint', lang)}</p>
      <div role="list" aria-label=${pstr('year.months', lang)}>${months.map((m) => this.renderMonth(m, named))}</div>`;
  }

  /** The report's wheel, drawn from the same layout; hidden from screen readers (the list says it all). */
  private renderWheel(months: CalendarMonth[]) {
    const { size, centre, segments } = wheelLayout(months, { lang: this.lang });
    return svg`<svg class="wheel" viewBox="0 0 ${size} ${size}" aria-hidden="true" font-family="Segoe UI, sans-serif">
      ${segments.map(
        (s) => svg`<g data-month=${s.month} @click=${() => this.choose(s.month, true)}>
          <path d=${s.path} fill=${s.fill} stroke="#fff" class=${s.month === this.chosen ? 'chosen' : ''}></path>
          <text x=${s.label.x} y=${s.label.y} font-size="11" text-anchor="middle" fill="#333" pointer-events="none">${s.label.text}</text>
          ${s.dots.map((d) => svg`<circle cx=${d.x} cy=${d.y} r=${d.r} fill=${d.colour} pointer-events="none"></circle>`)}
          ${s.due.map((d) => svg`<path class="due-mark" d=${dueMarkPath(d.x, d.y)} fill=${DUE_COLOUR} pointer-events="none"></path>`)}
        </g>`,
      )}
      <text x=${centre} y=${centre + 6} font-size="18" font-weight="600" text-anchor="middle" fill="#333">${this.year}</text>
    </svg>`;
  }

  private renderMonth(m: CalendarMonth, named: Map<string, string>) {
    const lang = this.lang;
    const chosen = m.month === this.chosen;
    return html`<details role="listitem" data-month=${m.month} class=${chosen ? 'chosen' : ''} ?open=${chosen} @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && (this.chosen = m.month)}>
      <summary>${monthName(m.month, lang)} <span class="n">${counted(m, lang)}</span></summary>
      ${m.activities.length === 0 && m.due.length === 0 ? html`<p class="empty-month">${pstr('year.emptyMonth', lang)}</p>` : null}
      <ul>
        ${m.due.map((d) => html`<li class="due" data-round=${d.round}>${dueMark()} ${pstr('year.due', lang, { title: d.title, date: d.dueDate })}</li>`)}
        ${m.activities.map(
          (a) => html`<li>
            <button class="act" data-doc=${a.doc} data-row=${a.rowId} @click=${() => void this.show(a)}>
              <span class="dot" style=${styleMap({ background: typeColour(a.type) })}></span>
              <span>${a.title || typeLabel(a.type, lang)} <span class="meta">${typeLabel(a.type, lang)} · ${named.get(a.unit) ?? a.unit} · ${a.start === a.end ? html`<span class="date">${a.start}</span>` : html`<span class="date">${a.start}</span> – <span class="date">${a.end}</span>`}</span></span>
            </button>
          </li>`,
        )}
      </ul>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-year-wheel': SamplanYearWheel;
  }
}
