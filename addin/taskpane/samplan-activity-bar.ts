/**
 * `<samplan-activity-bar>`: the workbench's row of view switches (Explorer, Problems, People,
 * Comments, History, Follow-up, County roll-up, Indicators, Action plan, Year wheel, Members), a WAI-ARIA tab list: arrow keys move between views, Home/End jump, Enter or Space
 * (or simply focusing with arrows) selects. In a pane too narrow for every tab at
 * {@link MIN_TAB_PX} (an admin's in Excel's 320 px pane), the tabs that do not fit go into a
 * "Fler vyer" menu at the right end (`activity-overflow.ts`); the current view is always a tab.
 */
import { LitElement, css, html, unsafeCSS, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MIN_TAB_PX, splitTabs } from './activity-overflow.js';
import { actionPlanIcon, commentsIcon, explorerIcon, historyIcon, indicatorsIcon, membersIcon, moreIcon, peopleIcon, problemsIcon, rollupIcon, roundsIcon, yearWheelIcon } from './icons.js';
import { str, type Lang, type StringKey } from './strings.js';
import { baseStyles } from './theme.js';

/** The workbench's views. */
export const VIEWS = ['explorer', 'problems', 'people', 'comments', 'history', 'rounds', 'rollup', 'indicators', 'plan', 'year', 'members'] as const;

/** One of {@link VIEWS}. */
export type ViewId = (typeof VIEWS)[number];

const icons: Record<ViewId, () => TemplateResult> = {
  explorer: explorerIcon,
  problems: problemsIcon,
  people: peopleIcon,
  comments: commentsIcon,
  history: historyIcon,
  rounds: roundsIcon,
  rollup: rollupIcon,
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
        position: relative;
      }
      [role='menu'] {
        position: absolute;
        right: 0;
        top: 100%;
        z-index: 10;
        min-width: 160px;
        margin: 0;
        padding: 4px 0;
        background: var(--samplan-bg, white);
        border: 1px solid var(--samplan-border);
        box-shadow: 0 4px 12px rgba(0, 0, 0, 0.16);
      }
      [role='menuitem'] {
        all: unset;
        box-sizing: border-box;
        display: flex;
        align-items: center;
        gap: 8px;
        width: 100%;
        padding: 4px 10px;
        cursor: pointer;
        font-size: 13px;
      }
      [role='menuitem']:hover,
      [role='menuitem']:focus-visible {
        background: var(--samplan-hover);
      }
      [role='menuitem'] .badge {
        position: static;
        margin-left: auto;
      }
      #tab-more .dot {
        position: absolute;
        top: 4px;
        left: calc(50% + 8px);
        width: 7px;
        height: 7px;
        border-radius: 4px;
        background: var(--samplan-accent);
      }
      .bar {
        display: flex;
      }
      [role='tablist'] {
        display: flex;
        flex: 1;
        min-width: 0;
      }
      #tab-more {
        flex: 0 0 ${unsafeCSS(MIN_TAB_PX)}px;
        padding: 8px 0 6px;
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

  /**
   * The width the bar has, in px, kept by a ResizeObserver (null until measured: every tab is
   * shown). Set it by hand where nothing lays out (tests).
   */
  @property({ attribute: false }) availableWidth: number | null = null;
  @state() private menuOpen = false;
  private resize: ResizeObserver | null = null;
  private readonly closeOutside = (e: Event): void => {
    if (!e.composedPath().includes(this)) this.menuOpen = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') {
      this.resize = new ResizeObserver((entries) => {
        const width = entries[0]?.contentRect.width;
        if (width !== undefined && width > 0) this.availableWidth = width;
      });
      this.resize.observe(this);
    }
    document.addEventListener('pointerdown', this.closeOutside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    this.resize = null;
    document.removeEventListener('pointerdown', this.closeOutside);
  }

  private select(view: ViewId, focus = false): void {
    this.menuOpen = false;
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

  private toggleMenu(): void {
    this.menuOpen = !this.menuOpen;
    if (this.menuOpen) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[role="menuitem"]')?.focus());
  }

  private onMenuKey(event: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = items.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step !== undefined) {
      event.preventDefault();
      items[(at + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.menuOpen = false;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#tab-more')?.focus());
    }
    event.stopPropagation();
  }

  private renderMore(more: readonly ViewId[]) {
    if (more.length === 0) return null;
    const label = str('activity.more', this.lang);
    const flagged = more.some((v) => (this.badges[v] ?? 0) > 0);
    return html`<button
        id="tab-more"
        aria-haspopup="menu"
        aria-expanded=${this.menuOpen ? 'true' : 'false'}
        aria-controls="more-menu"
        title=${label}
        aria-label=${label}
        @click=${() => this.toggleMenu()}
        @keydown=${(e: KeyboardEvent) => e.stopPropagation()}
      >
        ${moreIcon()}${flagged ? html`<span class="dot"></span>` : null}
      </button>
      ${this.menuOpen
        ? html`<div role="menu" id="more-menu" aria-label=${label} @keydown=${this.onMenuKey}>
            ${more.map((view) => {
              const badge = this.badges[view] ?? 0;
              const name = str(`activity.${view}` as StringKey, this.lang);
              return html`<button role="menuitem" id=${`menu-${view}`} tabindex="-1" aria-label=${badge > 0 ? `${name}, ${badge}` : name} @click=${() => this.select(view, true)}>
                ${icons[view]()}<span>${name}</span>${badge > 0 ? html`<span class="badge">${badge > 99 ? '99+' : badge}</span>` : null}
              </button>`;
            })}
          </div>`
        : null}`;
  }

  override render() {
    const { shown, more } = splitTabs(this.views, this.view, this.availableWidth ?? 0, MIN_TAB_PX);
    return html`<div class="bar"><div role="tablist" class=${this.views.length > 6 ? 'compact' : ''} aria-label=${str('activity.label', this.lang)} @keydown=${this.onKey}>
      ${shown.map((view) => {
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
    </div>${this.renderMore(more)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-activity-bar': SamplanActivityBar;
  }
}
