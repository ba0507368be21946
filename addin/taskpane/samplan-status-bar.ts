/**
 * `<samplan-status-bar>`: the workbench's bottom line: connection state, changes not yet
 * synced, the problems count (a button to the Problems view) and who is signed in with which role.
 * When the connection stopped (the server refused a change or the sign-in), it says why in
 * words, that the changes are kept, and offers "Försök igen". While a dropped connection is
 * retried on its own, it says why and counts down to the next attempt ("Servern startar om —
 * försöker igen om 8 s"), the whole sentence in the tooltip.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Role } from './api-client.js';
import { cloudIcon, errorIcon, personIcon } from './icons.js';
import type { SyncState } from './ports.js';
import { str, type Lang, type StringKey } from './strings.js';
import { baseStyles } from './theme.js';

const dotColors: Record<SyncState['status'], string> = {
  online: '#107c10',
  connecting: '#9d5d00',
  reconnecting: '#9d5d00',
  offline: '#616161',
  refused: '#c42b1c',
};

/**
 * Status line. Fires `samplan-view` with `'problems'` when the problems count is activated, and
 * `samplan-retry` when "Försök igen" is, `samplan-unowned-copy` (detail: mine) with the answer about a
 * copy with no owner and `samplan-unowned-again` when "Fråga igen" is.
 *
 * @example
 * html`<samplan-status-bar .sync=${state} .problems=${3} user="Anna" role="editor"></samplan-status-bar>`
 */
@customElement('samplan-status-bar')
export class SamplanStatusBar extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 2px 10px;
        padding: 2px 8px;
        background: var(--samplan-accent);
        color: white;
        font-size: 12px;
        min-height: 24px;
      }
      .item {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        white-space: nowrap;
      }
      .item svg {
        width: 14px;
        height: 14px;
      }
      .dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        border: 1px solid white;
      }
      button {
        all: unset;
        cursor: pointer;
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      button:focus-visible {
        outline: 2px solid white;
      }
      button svg circle,
      button svg path {
        stroke: white;
      }
      .user,
      .retrying,
      .refusal {
        white-space: normal;
        min-width: 0;
      }
      #retry {
        text-decoration: underline;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  /** The active document's connection, or null with nothing open. */
  @property({ attribute: false }) sync: SyncState | null = null;
  @property({ type: Number }) problems = 0;
  @property() user = '';
  @property({ attribute: false }) userRole: Role | null = null;
  /** Re-renders every second while a countdown to the next attempt is shown. */
  private ticker: ReturnType<typeof setInterval> | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.tick(false);
  }

  protected override updated(): void {
    this.tick(this.retrying() !== null);
  }

  private tick(on: boolean): void {
    if (on && this.ticker === null) this.ticker = setInterval(() => this.requestUpdate(), 1000);
    if (!on && this.ticker !== null) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }

  /** The retry to count down to, while the connection is down and retried on its own. */
  private retrying(): NonNullable<SyncState['retry']> | null {
    const sync = this.sync;
    if (!sync?.retry || sync.status === 'online' || sync.status === 'refused') return null;
    return sync.retry;
  }

  override render() {
    const lang = this.lang;
    const sync = this.sync;
    const retry = this.retrying();
    const seconds = retry ? Math.ceil((retry.at - Date.now()) / 1000) : 0;
    const retryText = retry ? (seconds > 0 ? str('status.retryIn', lang, { cause: retry.cause, seconds }) : str('status.retryNow', lang, { cause: retry.cause })) : '';
    return html`<span class="item" id="connection" role="status" aria-live="polite" title=${retry ? `${retry.message} ${retryText}` : ''}>
        ${cloudIcon()}
        ${sync
          ? html`<span class="dot" style=${`background:${dotColors[sync.status]}`}></span>${str(`status.${sync.status}` as StringKey, lang)}`
          : str('status.idle', lang)}
      </span>
      ${retry ? html`<span class="item retrying" id="retrying" title=${`${retry.message} ${retryText}`}>${retryText}</span>` : null}
      ${sync && sync.pending > 0 ? html`<span class="item" id="pending">${str('status.pending', lang, { count: sync.pending })}</span>` : null}
      ${sync?.status === 'refused' ? this.renderRefusal(sync, lang) : null}
      ${sync?.offlineStore ? html`<span class=${sync.offlineStoreRestored ? 'item' : 'item refusal'} id="offline-store" role="alert">${sync.offlineStore}</span>` : null}
      ${sync?.otherAccountCopy ? html`<span class="item" id="other-account-copy" role="status">${str('status.otherAccountCopy', lang)}</span>` : null}
      ${sync?.unownedCopy ? this.renderUnowned(lang) : null}
      ${sync?.unownedLeft ? this.renderUnownedLeft(sync, lang) : null}
      <button
        class="item"
        id="problems"
        @click=${() => this.dispatchEvent(new CustomEvent('samplan-view', { detail: 'problems', bubbles: true, composed: true }))}
      >
        ${errorIcon('')}${str('status.problems', lang, { count: this.problems })}
      </button>
      ${this.user
        ? html`<span class="item user" id="user">${personIcon()}${this.user}${this.userRole ? html` · ${str(`role.${this.userRole}` as StringKey, lang)}` : null}</span>`
        : null}`;
  }

  /** The question about a copy kept before copies had owners; the answer goes up as `samplan-unowned-copy` (detail: mine). */
  private renderUnowned(lang: Lang) {
    const answer = (mine: boolean) => () => this.dispatchEvent(new CustomEvent('samplan-unowned-copy', { detail: mine, bubbles: true, composed: true }));
    return html`<span class="item" id="unowned-copy" role="alert">${str('status.unownedCopy', lang)}</span>
      <button class="item" id="unowned-mine" @click=${answer(true)}>${str('status.unownedMine', lang)}</button>
      <button class="item" id="unowned-not-mine" @click=${answer(false)}>${str('status.unownedNotMine', lang)}</button>`;
  }

  /**
   * The edits of that copy kept apart after a "no" (now or remembered), and where the answer is
   * kept; "Fråga igen" goes up as `samplan-unowned-again`.
   */
  private renderUnownedLeft(sync: SyncState, lang: Lang) {
    const again = () => this.dispatchEvent(new CustomEvent('samplan-unowned-again', { bubbles: true, composed: true }));
    const words = sync.unownedLeftInWorkbookOnly ? 'status.unownedLeftWorkbook' : 'status.unownedLeft';
    return html`<span class="item" id="unowned-left" role="status">${str(words, lang)}</span>
      <button class="item" id="unowned-ask-again" @click=${again}>${str('status.unownedAskAgain', lang)}</button>`;
  }

  private renderRefusal(sync: SyncState, lang: Lang) {
    return html`<span class="item refusal" id="refusal" role="alert">${sync.refusal ?? ''} ${str('status.kept', lang)}</span>
      <button
        class="item"
        id="retry"
        @click=${() => this.dispatchEvent(new CustomEvent('samplan-retry', { bubbles: true, composed: true }))}
      >
        ${str('status.retry', lang)}
      </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-status-bar': SamplanStatusBar;
  }
}
