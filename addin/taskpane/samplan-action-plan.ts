/**
 * `<samplan-action-plan>`: the Handlingsplan view. The county's action plan on its template: the
 * rows grouped under the four perspectives of health-promoting care (seed 003: individ/patient,
 * befolkning, medarbetare, styrning och ledning; rows without one last), each row a button that
 * selects it in the sheet; below, the county's self-assessment (`<samplan-maturity>`).
 * Reads through {@link RoundsClient}; the rows are the plan document's rows as the server has
 * them, fetched again when the view is shown.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PERSPECTIVES } from '../../shared/catalog/perspectives.js';
import { PLAN_STATUSES } from '../../shared/schema/kinds/common.js';
import type { Role } from '../../shared/protocol/roles.js';
import { pstr } from './plan-strings.js';
import { RoundsError, type PlanInfo, type RoundsClient } from './rounds-client.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';
import './samplan-maturity.js';

/** Selects a row of a document in the sheet (opening the document first); false when it could not. */
export type RowShower = (doc: string, rowId: string) => Promise<boolean>;

/** A plan row as the view shows it. */
export interface PlanRow {
  id: string;
  measure: string;
  unit: string;
  perspective: string | null;
  start: string | null;
  end: string | null;
  status: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** A row from the server's JSON as a {@link PlanRow}. */
export function planRowOf(row: { id: string; [column: string]: unknown }): PlanRow {
  return { id: row.id, measure: text(row.measure) ?? '', unit: text(row.unit) ?? '', perspective: text(row.perspective), start: text(row.startDate), end: text(row.endDate), status: text(row.status) };
}

/**
 * The rows grouped under the four perspectives in the seed's order, each group in start-date
 * order; a last group (`key` null) holds rows with no or an unknown perspective, when there are any.
 */
export function groupByPerspective(rows: readonly PlanRow[]): { key: string | null; rows: PlanRow[] }[] {
  const known = new Set<string>(PERSPECTIVES.map((p) => p.value));
  const byStart = (a: PlanRow, b: PlanRow) => (a.start ?? '9999').localeCompare(b.start ?? '9999') || a.measure.localeCompare(b.measure, 'sv');
  const groups: { key: string | null; rows: PlanRow[] }[] = PERSPECTIVES.map((p) => ({ key: p.value, rows: rows.filter((r) => r.perspective === p.value).sort(byStart) }));
  const rest = rows.filter((r) => r.perspective === null || !known.has(r.perspective)).sort(byStart);
  if (rest.length > 0) groups.push({ key: null, rows: rest });
  return groups;
}

/** The Handlingsplan view; set `client`, `units`, `memberRole` and `showRow`. */
@customElement('samplan-action-plan')
export class SamplanActionPlan extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: block; padding: 8px 12px; }
      label.pick { display: grid; gap: 2px; margin-bottom: 8px; }
      select { font: inherit; max-width: 100%; }
      h3 { font-size: 13px; margin: 12px 0 4px; }
      details { border-bottom: 1px solid var(--samplan-border); padding: 4px 0; }
      summary { cursor: pointer; font-weight: 600; padding: 2px 0; }
      summary:focus-visible, button.measure:focus-visible { outline: 2px solid var(--samplan-accent); }
      summary .n { color: var(--samplan-muted); font-weight: normal; }
      ul { list-style: none; margin: 4px 0; padding: 0; }
      li { margin: 0; }
      button.measure { all: unset; box-sizing: border-box; display: block; width: 100%; cursor: pointer; padding: 4px 6px; border-radius: 3px; overflow-wrap: anywhere; }
      button.measure:hover { background: var(--samplan-hover); }
      .meta { display: block; color: var(--samplan-muted); font-size: 12px; }
      .group-empty { color: var(--samplan-muted); font-size: 12px; margin: 4px 6px; }
      .error { color: var(--samplan-error); }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) client: RoundsClient | null = null;
  @property({ attribute: false }) units: readonly { code: string; name: string }[] = [];
  @property({ attribute: false }) memberRole: Role | null = null;
  @property({ attribute: false }) showRow: RowShower | null = null;

  @state() private plans: PlanInfo[] | null = null;
  @state() private planId: string | null = null;
  @state() private rows: PlanRow[] = [];
  @state() private error: string | null = null;
  private loadedFor: RoundsClient | null = null;

  override updated(): void {
    if (this.client && this.client !== this.loadedFor) {
      this.loadedFor = this.client;
      void this.reload();
    }
  }

  /** Fetches the plans and the chosen plan's rows again. */
  async reload(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const plans = await client.actionPlans();
      const planId = plans.some((p) => p.id === this.planId) ? this.planId : (plans[0]?.id ?? null);
      this.rows = planId ? (await client.rows(planId)).map(planRowOf) : [];
      this.plans = plans;
      this.planId = planId;
      this.error = null;
    } catch (e) {
      this.error = e instanceof RoundsError ? e.text(this.lang) : String(e);
    }
  }

  private async show(row: PlanRow): Promise<void> {
    if (!this.planId || !this.showRow) return;
    this.error = (await this.showRow(this.planId, row.id).catch(() => false)) ? null : pstr('plan.rowNotShown', this.lang);
  }

  override render() {
    const lang = this.lang;
    if (!this.client) return html`<p class="empty">${pstr('plan.signIn', lang)}</p>`;
    const err = this.error ? html`<p class="error" role="alert" id="plan-error">${this.error}</p>` : null;
    if (!this.plans) return html`${err}<p class="empty">${this.error ? '' : pstr('plan.loading', lang)}</p>`;
    return html`${err}${this.plans.length === 0 ? html`<p class="empty" id="no-plan">${pstr('plan.none', lang)}</p>` : this.renderPlan(this.plans)}
      <samplan-maturity .lang=${lang} .client=${this.client} .canPlace=${this.memberRole === 'coordinator' || this.memberRole === 'admin'}></samplan-maturity>`;
  }

  private renderPlan(plans: PlanInfo[]) {
    const lang = this.lang;
    const named = new Map(this.units.map((u) => [u.code, u.name]));
    const picker =
      plans.length > 1
        ? html`<label class="pick">${pstr('plan.choose', lang)}
            <select id="plan" @change=${(e: Event) => ((this.planId = (e.target as HTMLSelectElement).value), void this.reload())}>
              ${plans.map((p) => html`<option value=${p.id} ?selected=${p.id === this.planId}>${p.title}</option>`)}
            </select>
          </label>`
        : html`<h3>${plans[0]?.title}</h3>`;
    return html`${picker}
      <div role="list" aria-label=${pstr('plan.perspectives', lang)}>
        ${groupByPerspective(this.rows).map((g) => {
          const label = g.key === null ? pstr('plan.noPerspective', lang) : (PERSPECTIVES.find((p) => p.value === g.key)?.label[lang] ?? g.key);
          return html`<details open role="listitem" data-perspective=${g.key ?? ''}>
            <summary>${label} <span class="n">(${pstr('plan.count', lang, { n: g.rows.length })})</span></summary>
            ${g.rows.length === 0
              ? html`<p class="group-empty">${pstr('plan.emptyGroup', lang)}</p>`
              : html`<ul>
                  ${g.rows.map((r) => html`<li>
                    <button class="measure" data-row=${r.id} @click=${() => void this.show(r)}>
                      ${r.measure}
                      <span class="meta">${[named.get(r.unit) ?? r.unit, dates(r), PLAN_STATUSES.find((s) => s.value === r.status)?.label[lang]].filter(Boolean).join(' · ')}</span>
                    </button>
                  </li>`)}
                </ul>`}
          </details>`;
        })}
      </div>`;
  }
}

const dates = (r: PlanRow): string => (r.start && r.end && r.end !== r.start ? `${r.start} – ${r.end}` : (r.start ?? ''));

declare global {
  interface HTMLElementTagNameMap {
    'samplan-action-plan': SamplanActionPlan;
  }
}
