/**
 * `<samplan-sign-in>`: "Sign in with work account" first (when the server offers it), and the
 * server address and access token form under "Advanced". It only collects and reports; the
 * workbench's session controller does the signing in and hands back an error to show.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SignInError } from './session-controller.js';
import { astr, signInErrorText } from './account-strings.js';
import { str, type Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** Detail of the `samplan-sign-in` event. */
export interface SignInDetail {
  serverUrl: string;
  token: string;
}

/**
 * Sign-in form. Fires `samplan-sign-in` with `{ serverUrl, token }` on submit.
 *
 * @example
 * html`<samplan-sign-in .lang=${'sv'} server-url="http://localhost:8787" @samplan-sign-in=${onSignIn}></samplan-sign-in>`
 */
/**
 * This page's origin when `serverUrl` names another one (a server the page, which its own server
 * served under `connect-src 'self'`, cannot reach), else null: also for an address that is no URL
 * and a page that is no http(s) page.
 */
export function otherOrigin(serverUrl: string): string | null {
  const page = globalThis.location?.origin;
  if (!page || !/^https?:/.test(page)) return null;
  try {
    return new URL(serverUrl.trim()).origin === page ? null : page;
  } catch {
    return null;
  }
}

@customElement('samplan-sign-in')
export class SamplanSignIn extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding: 16px;
        max-width: 420px;
      }
      h1 {
        font-size: 18px;
        font-weight: 600;
        margin: 0 0 4px;
      }
      p {
        margin: 0 0 16px;
        color: var(--samplan-muted);
      }
      label {
        display: block;
        font-weight: 600;
        margin: 12px 0 4px;
      }
      .field {
        display: block;
        width: 100%;
      }
      fluent-button {
        margin-top: 16px;
        width: 100%;
      }
      #account {
        margin-top: 8px;
      }
      details {
        margin-top: 20px;
      }
      summary {
        cursor: pointer;
        color: var(--samplan-muted);
      }
      [role='alert'] {
        margin-top: 12px;
        padding: 8px;
        border-left: 3px solid var(--samplan-error);
        background: #fdf3f4;
        color: var(--samplan-fg);
      }
      [role='status'] {
        padding: 8px;
        border-left: 3px solid var(--samplan-warning);
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: 'server-url' }) serverUrl = '';
  @property() error: SignInError | null = null;
  /** Why the pane was closed while in use (removed from the workspace, signed out elsewhere). */
  @property({ attribute: false }) notice: string | null = null;
  /** The server's words that the sign-out is saved but not yet confirmed by every server process (`SessionController.signedOutUnconfirmed`). */
  @property({ attribute: false }) unconfirmed: string | null = null;
  @property({ type: Boolean }) busy = false;
  /** The remembered sign-in is tried again by itself when the server answers (`SessionController.retrying`). */
  @property({ type: Boolean }) retrying = false;
  /** The server offers work-account sign-in: show its button first and the token under Advanced. */
  @property({ type: Boolean, attribute: 'account-sign-in' }) accountSignIn = false;
  @state() private token = '';

  private submit(event?: Event): void {
    event?.preventDefault();
    if (this.busy) return;
    this.dispatchEvent(
      new CustomEvent<SignInDetail>('samplan-sign-in', {
        detail: { serverUrl: this.serverUrl, token: this.token },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter') this.submit(event);
  }

  private account(): void {
    if (this.busy) return;
    this.dispatchEvent(new CustomEvent('samplan-account-sign-in', { bubbles: true, composed: true }));
  }

  override render() {
    const lang = this.lang;
    const retrying = this.retrying ? html`<p id="retrying">${str('signin.retrying', lang)}</p>` : null;
    const page = otherOrigin(this.serverUrl);
    // The page's content security policy lets it reach its own server only (`connect-src 'self'`):
    // another server's address fails as one that does not answer, which would send the person
    // checking a cable. Said where it is the likely cause.
    const elsewhere = this.error === 'unreachable' && page ? html`<p id="other-origin">${str('signin.otherOrigin', lang, { origin: page })}</p>` : null;
    const error = this.error
      ? html`<div role="alert" id="error">${signInErrorText(this.error, lang)}${elsewhere}${retrying}</div>`
      : this.notice
        ? html`<div role="alert" id="closed">${this.notice}</div>`
        : null;
    const unconfirmed = this.unconfirmed ? html`<p role="status" id="signed-out-unconfirmed">${this.unconfirmed}</p>` : null;
    if (!this.accountSignIn) return html`<h1>${str('signin.title', lang)}</h1>${unconfirmed}${this.tokenForm()}${error}`;
    return html`<h1>${str('signin.title', lang)}</h1>${unconfirmed}
      <p>${astr('account.intro', lang)}</p>
      <fluent-button appearance="accent" id="account" ?disabled=${this.busy} @click=${this.account}>
        ${this.busy ? str('signin.busy', lang) : astr('account.button', lang)}
      </fluent-button>
      ${error}
      <details id="advanced">
        <summary>${astr('account.advanced', lang)}</summary>
        ${this.tokenForm()}
      </details>`;
  }

  private tokenForm() {
    const lang = this.lang;
    return html`<form @submit=${this.submit} novalidate>
      <p>${str('signin.intro', lang)}</p>
      <label for="server">${str('signin.server', lang)}</label>
      <fluent-text-field
        class="field"
        id="server"
        type="url"
        autocomplete="url"
        .value=${this.serverUrl}
        @input=${(e: Event) => (this.serverUrl = (e.target as HTMLInputElement).value)}
        @keydown=${this.onKey}
      ></fluent-text-field>
      <label for="token">${str('signin.token', lang)}</label>
      <fluent-text-field
        class="field"
        id="token"
        type="password"
        autocomplete="current-password"
        .value=${this.token}
        @input=${(e: Event) => (this.token = (e.target as HTMLInputElement).value)}
        @keydown=${this.onKey}
      ></fluent-text-field>
      <fluent-button appearance=${this.accountSignIn ? 'neutral' : 'accent'} id="submit" ?disabled=${this.busy} @click=${this.submit}>
        ${this.busy ? str('signin.busy', lang) : str('signin.submit', lang)}
      </fluent-button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-sign-in': SamplanSignIn;
  }
}
