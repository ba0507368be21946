/**
 * `<samplan-sign-in>`: the server address and access token form. It only collects and reports;
 * the workbench's session controller does the signing in and hands back an error to show.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SignInError } from './session-controller.js';
import { errorText, str, type Lang } from './strings.js';
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
      [role='alert'] {
        margin-top: 12px;
        padding: 8px;
        border-left: 3px solid var(--samplan-error);
        background: #fdf3f4;
        color: var(--samplan-fg);
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: 'server-url' }) serverUrl = '';
  @property() error: SignInError | null = null;
  @property({ type: Boolean }) busy = false;
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

  override render() {
    const lang = this.lang;
    return html`<form @submit=${this.submit} novalidate>
      <h1>${str('signin.title', lang)}</h1>
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
      <fluent-button appearance="accent" id="submit" ?disabled=${this.busy} @click=${this.submit}>
        ${this.busy ? str('signin.busy', lang) : str('signin.submit', lang)}
      </fluent-button>
      ${this.error ? html`<div role="alert" id="error">${errorText(this.error, lang)}</div>` : null}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-sign-in': SamplanSignIn;
  }
}
