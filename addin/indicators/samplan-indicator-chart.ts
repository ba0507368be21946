/**
 * `<samplan-indicator-chart>`: the small trend chart of one indicator in the pane — its values over
 * periods against the target line — drawn by the same `trendChartSvg` the server serves as
 * `chart.svg`, so the pane and the reports show the same picture.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { trendChartSvg, type TrendPoint } from '../../shared/indicators/chart-svg.js';
import { periodWords } from '../../shared/i18n/period-label.js';
import type { Direction } from '../../shared/indicators/compute.js';
import { word } from './indicator-strings.js';
import type { Lang } from './pulled-layout.js';

/**
 * One indicator's trend. `trendChartSvg` escapes every text it writes, so its markup is safe to
 * insert.
 *
 * @example
 * html`<samplan-indicator-chart label="FaR uppföljda" .points=${points} .target=${60}></samplan-indicator-chart>`
 */
@customElement('samplan-indicator-chart')
export class SamplanIndicatorChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    svg {
      display: block;
      max-width: 100%;
      height: auto;
    }
  `;

  @property() override lang: Lang = 'sv';
  /** Title drawn above the chart (and its accessible name). */
  @property() label = '';
  @property({ attribute: false }) points: readonly TrendPoint[] = [];
  @property({ attribute: false }) target: number | null = null;
  @property({ attribute: false }) direction: Direction | null = null;
  /** A line under the title: what was pooled, a per-unit target. */
  @property({ attribute: false }) note: string | null = null;
  /** The unit of measure at the y-axis; it sets the numbers' decimals, as in the list. */
  @property({ attribute: false }) axisUnit: string | null = null;
  /** Start the y-axis at zero (counts and percentages). */
  @property({ type: Boolean }) zeroBased = false;
  @property({ type: Number }) width = 280;
  @property({ type: Number }) height = 100;

  override render() {
    const markup = trendChartSvg({
      title: this.label,
      points: this.points,
      target: this.target,
      direction: this.direction,
      width: this.width,
      height: this.height,
      targetLabel: word('chart.target', this.lang),
      emptyLabel: word('chart.empty', this.lang),
      note: this.note,
      axisUnit: this.axisUnit,
      lang: this.lang,
      zeroBased: this.zeroBased,
      periodText: (p) => periodWords(p, this.lang),
    });
    return html`${unsafeHTML(markup)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-indicator-chart': SamplanIndicatorChart;
  }
}
