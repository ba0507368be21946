/**
 * `<samplan-activity-bar>`: the workbench's row of view switches (Explorer, Problems, People,
 * Comments, History, Follow-up, Indicators, Action plan, Year wheel, Members), a WAI-ARIA tab list: arrow keys move between views, Home/End jump, Enter or Space
 * (or simply focusing with arrows) selects.
 */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { actionPlanIcon, commentsIcon, explorerIcon, historyIcon, indicatorsIcon, membersIcon, peopleIcon, problemsIcon, roundsIcon, yearWheelIcon } from './icons.js';
import { str, type Lang, type StringKey } from './strings.js';
import { baseStyles } from './theme.js';

/** The workbench's views. */
export const VIEWS = ['explorer', 'problems', 'people', 'comments', 'history', 'rounds', 'indicators', 'plan', 'year', 'members'] as const;

/** One of {@link VIEWS}. */
export type ViewId = (typeof VIEWS)[number];

const icons: Record<ViewId, () => TemplateResult> = {
  explorer: explorerIcon,
  problems: problemsIcon,
  people: peopleIcon,
  comments: commentsIcon,
  history: historyIcon,
  rounds: roundsIcon,
  indicators: indicatorsIcon,
  plan: actionPlanIcon,
  year: yearWheelIcon,
  members: membersIcon,
};

/**
 * View switcher. Fires `samplan-view` with the chosen {@link ViewId}.
 *
 * @example
 * html`<samplan-activity-bar .view=${'explorer'} .badges=${{ problems: 3 }}></samplan-activity-bar>`
 */
@customElement('samplan-activity-bar')
export class SamplanActivityBar extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        background: var(--samplan-side);
        border-bottom: 1px solid var(--samplan-border);
      }
      :host {
        container-type: inline-size;
      }
      [role='tablist'] {
        display: flex;
      }
      /* Many views in a narrow pane: icons only (the name stays the tab's accessible name and tooltip). */
      @container (max-width: 640px) {
        .compact .label {
          display: none;
        }
        .compact button {
          padding: 8px 2px 6px;
        }
      }
      button {
        all: unset;
        position: relative;
        flex: 1;
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 2px;
        padding: 6px 2px 4px;
        color: var(--samplan-muted);
        cursor: pointer;
        border-bottom: 2px solid transparent;
        font-size: 11px;
        min-width: 0;
      }
      button:hover {
        color: var(--samplan-fg);
      }
      button[aria-selected='true'] {
        color: var(--samplan-fg);
        border-bottom-color: var(--samplan-accent);
      }
      button:focus-visible {
        outline: 2px solid var(--samplan-accent);
        outline-offset: -2px;
      }
      .label {
        max-width: 100%;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .badge {
        position: absolute;
        top: 2px;
        left: calc(50% + 6px);
        min-width: 16px;
        padding: 0 4px;
        border-radius: 8px;
        background: var(--samplan-accent);
        color: white;
        font-size: 10px;
        line-height: 16px;
        text-align: center;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property() view: ViewId = 'explorer';
  /** Counts shown on the icons (e.g. problems). */
  @property({ attribute: false }) badges: Partial<Record<ViewId, number>> = {};
  /** The views offered; Members is added by the workbench for admins and coordinators only. */
  @property({ attribute: false }) views: readonly ViewId[] = VIEWS.filter((v) => v !== 'members');

  private select(view: ViewId, focus = false): void {
    if (view !== this.view) {
      this.dispatchEvent(new CustomEvent<ViewId>('samplan-view', { detail: view, bubbles: true, composed: true }));
    }
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${view}`)?.focus());
  }

  private onKey(event: KeyboardEvent): void {
    const views = this.views;
    const at = views.indexOf(this.view);
    const moves: Record<string, number> = {
      ArrowRight: at + 1,
      ArrowDown: at + 1,
      ArrowLeft: at - 1,
      ArrowUp: at - 1,
      Home: 0,
      End: views.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.select(views[(next + views.length) % views.length] as ViewId, true);
  }

  override render() {
    return html`<div role="tablist" class=${this.views.length > 6 ? 'compact' : ''} aria-label=${str('activity.label', this.lang)} @keydown=${this.onKey}>
      ${this.views.map((view) => {
        const selected = view === this.view;
        const badge = this.badges[view] ?? 0;
        const label = str(`activity.${view}` as StringKey, this.lang);
        return html`<button
          role="tab"
          id=${`tab-${view}`}
          aria-selected=${selected ? 'true' : 'false'}
          aria-controls="view"
          tabindex=${selected ? 0 : -1}
          title=${label}
          aria-label=${badge > 0 ? `${label}, ${badge}` : label}
          @click=${() => this.select(view)}
        >
          ${icons[view]()}<span class="label">${label}</span>
          ${badge > 0 ? html`<span class="badge" aria-label=${`${badge}`}>${badge > 99 ? '99+' : badge}</span>` : null}
        </button>`;
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-activity-bar': SamplanActivityBar;
  }
}
