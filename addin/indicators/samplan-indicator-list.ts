/**
 * `<samplan-indicator-list>`: every indicator of the catalog with its latest value, where it stands
 * against the target — an icon and a word, never colour alone — and its small trend chart. Live:
 * it re-renders when the source's documents change.
 */
import { LitElement, css, html, svg, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { periodWords } from '../../shared/i18n/period-label.js';
import type { Kon, TargetStatus } from '../../shared/indicators/compute.js';
import { indicatorLabel } from '../../shared/indicators/indicator-name.js';
import { indicatorNumbers } from '../../shared/indicators/round.js';
import { baseStyles } from '../taskpane/theme.js';
import { word } from './indicator-strings.js';
import type { IndicatorTableSource } from './indicator-source.js';
import { IndicatorSourceController } from './indicator-source-controller.js';
import { depthsOf } from '../../shared/indicators/chart-series.js';
import { chartNote, chartTitle } from '../../shared/indicators/chart-words.js';
import { indicatorSummaries, type IndicatorSummary } from './indicator-summary.js';
import { TARGET_STATUS_WORDS, type Lang } from './pulled-layout.js';
import './samplan-indicator-chart.js';

const STATUS_ICONS: Record<TargetStatus, TemplateResult> = {
  uppnatt: html`<svg viewBox="0 0 16 16" aria-hidden="true">${svg`<circle cx="8" cy="8" r="7" fill="#107c10"/><path d="M4.5 8.2l2.3 2.3 4.7-4.8" stroke="white" stroke-width="1.6" fill="none"/>`}</svg>`,
  'pa-vag': html`<svg viewBox="0 0 16 16" aria-hidden="true">${svg`<circle cx="8" cy="8" r="7" fill="#9d5d00"/><path d="M4 8h7M8.5 5l3 3-3 3" stroke="white" stroke-width="1.6" fill="none"/>`}</svg>`,
  'ej-pa-vag': html`<svg viewBox="0 0 16 16" aria-hidden="true">${svg`<circle cx="8" cy="8" r="7" fill="#c42b1c"/><path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="white" stroke-width="1.6"/>`}</svg>`,
};

/**
 * The list. Give it a `source` (live) or ready `summaries`; `units` and `kon` narrow what is pooled.
 *
 * @example
 * html`<samplan-indicator-list .source=${docIndicatorSource([catalog], [values])} .units=${['vc-rinkeby']}></samplan-indicator-list>`
 */
@customElement('samplan-indicator-list')
export class SamplanIndicatorList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        padding: 6px 12px 8px;
        border-bottom: 1px solid var(--samplan-border);
      }
      .name {
        font-weight: 600;
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: 2px 12px;
        color: var(--samplan-muted);
        margin: 2px 0 4px;
      }
      .status {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        color: var(--samplan-fg);
      }
      .status svg {
        width: 14px;
        height: 14px;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  /** A live source; ignored when `summaries` is set. */
  @property({ attribute: false }) source: IndicatorTableSource | null = null;
  /** Ready-made lines (tests, or a server-side summary). */
  @property({ attribute: false }) summaries: readonly IndicatorSummary[] | null = null;
  /** Units to pool (all when empty; then one level only, the highest that reported). */
  @property({ attribute: false }) units: readonly string[] = [];
  /** The workspace's units, for their names and levels. */
  @property({ attribute: false }) unitList: readonly { code: string; name: string; parent: string | null }[] = [];
  @property() kon: Kon = 'T';

  constructor() {
    super();
    new IndicatorSourceController(this, () => (this.summaries ? null : this.source));
  }

  private lines(): readonly IndicatorSummary[] {
    if (this.summaries) return this.summaries;
    if (!this.source) return [];
    return indicatorSummaries(this.source.definitions(), this.source.current(), { units: this.units, kon: this.kon, depthOf: depthsOf(this.unitList) });
  }

  private unitName(code: string): string {
    return this.unitList.find((u) => u.code === code)?.name ?? code;
  }

  override render() {
    const lines = this.lines();
    if (lines.length === 0) return html`<p class="empty">${word('list.empty', this.lang)}</p>`;
    return html`<ul aria-label=${word('list.title', this.lang)}>
      ${lines.map((s) => this.line(s))}
    </ul>`;
  }

  private line(s: IndicatorSummary): TemplateResult {
    const lang = this.lang;
    const unit = s.unitOfMeasure ? ` ${s.unitOfMeasure}` : '';
    const numbers = indicatorNumbers(s.unitOfMeasure, lang);
    const latest = s.latest ? `${word('list.latest', lang)} ${periodWords(s.latest.period, lang)}: ${numbers.value(s.latest.value)}${unit}` : word('list.noValue', lang);
    const name = indicatorLabel(s.id, s.name, lang);
    const target = s.target === null ? word('list.noTarget', lang) : `${word('list.target', lang)}: ${numbers.target(s.target)}${unit}`;
    return html`<li data-indicator=${s.id}>
      <div class="name">${name}</div>
      <div class="facts">
        <span class="latest">${latest}</span>
        <span class="target">${target}</span>
        ${s.status ? html`<span class="status" data-status=${s.status}>${STATUS_ICONS[s.status]}${TARGET_STATUS_WORDS[s.status][lang]}</span>` : null}
      </div>
      <samplan-indicator-chart
        .lang=${lang}
        label=${chartTitle({ name }, this.units.length === 1 ? this.unitName(this.units[0] ?? '') : null)}
        .note=${this.units.length === 1 ? null : chartNote(s.series, s, lang, (c) => this.unitName(c))}
        .axisUnit=${s.unitOfMeasure}
        .zeroBased=${s.measure !== 'level'}
        .points=${s.points}
        .target=${s.target}
        .direction=${s.direction}
      ></samplan-indicator-chart>
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-indicator-list': SamplanIndicatorList;
  }
}
