/**
 * `<samplan-api-tokens>`: API tokens for machines (Power Query, scripts, the CLI), part of the
 * Members view. Create one for a member with a label and an expiry in days; the secret is shown
 * once with a copy button; list the active ones and revoke them (connections using a revoked
 * token close at once). Sign-in sessions are not listed here: they end by themselves.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { astr } from './account-strings.js';
import { refusalText, type MemberInfo, type MembersClient, type TokenListing } from './members-client.js';
import type { RightsUnconfirmed } from '../../shared/protocol/rights-answers.js';
import type { Lang } from './strings.js';
import { baseStyles, formStyles } from './theme.js';
import { trimName } from '../../shared/validate/text-fault.js';
import { refusedIndex, refusedText } from './refused-text.js';

/**
 * Token part of the Members view.
 *
 * @example
 * html`<samplan-api-tokens .client=${client} .members=${members}></samplan-api-tokens>`
 */
@customElement('samplan-api-tokens')
export class SamplanApiTokens extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 16px 0 6px;
      }
      .secret {
        margin: 8px 0;
        padding: 8px;
        background: #fff4ce;
        display: grid;
        gap: 6px;
      }
      code {
        word-break: break-all;
        user-select: all;
      }
      li {
        padding: 4px 0;
      }
      li span {
        flex: 1;
        min-width: 0;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) client: MembersClient | null = null;
  @property({ attribute: false }) members: MemberInfo[] = [];
  @state() tokens: TokenListing[] = [];
  @state() private shown: string | null = null;
  @state() private copied = false;
  @state() private error: string | null = null;
  /** The label sent and where the character the server refused is in it, shown beside the refusal. */
  @state() private refused: { label: string; index: number } | null = null;
  /** The server's words when a revocation was not confirmed by every server process (shown until the next one). */
  @state() private unconfirmed: RightsUnconfirmed | null = null;
  @state() private memberId = '';
  @state() private label = '';
  @state() private days = 365;

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('client')) void this.reload();
    // A refusal or an unconfirmed revocation is drawn above the list, which may be scrolled far
    // below it (its Återkalla buttons): bring it into sight, or the click seems to do nothing.
    if ((changed.has('error') && this.error !== null) || (changed.has('unconfirmed') && this.unconfirmed !== null)) {
      this.renderRoot.querySelector('#tokens-error, #tokens-unconfirmed')?.scrollIntoView({ block: 'nearest' });
    }
  }

  private async reload(): Promise<void> {
    if (!this.client) return;
    try {
      const now = Date.now();
      this.tokens = (await this.client.tokens()).filter(
        (t) => t.kind !== 'session' && t.revokedAt === null && (t.expiresAt === null || Date.parse(t.expiresAt) > now),
      );
    } catch (err) {
      this.error = refusalText(err, this.lang);
    }
  }

  private async create(event: Event): Promise<void> {
    event.preventDefault();
    const memberId = this.memberId || this.members[0]?.id;
    if (!this.client || !memberId) return;
    const label = trimName(this.label);
    this.refused = null;
    try {
      const { token } = await this.client.createToken(memberId, label, this.days > 0 ? this.days : null);
      this.shown = token;
      this.copied = false;
      this.error = null;
      this.label = '';
      await this.reload();
    } catch (err) {
      this.error = refusalText(err, this.lang);
      const index = refusedIndex(err);
      this.refused = index === null ? null : { label, index };
    }
  }

  private async revoke(id: string): Promise<void> {
    try {
      this.unconfirmed = null;
      this.unconfirmed = (await this.client?.revokeToken(id)) ?? null;
      await this.reload();
    } catch (err) {
      this.error = refusalText(err, this.lang);
    }
  }

  private async copy(): Promise<void> {
    if (!this.shown) return;
    await globalThis.navigator?.clipboard?.writeText(this.shown).catch(() => undefined);
    this.copied = true;
  }

  override render() {
    const lang = this.lang;
    const date = (iso: string) => new Date(iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'sv-SE');
    return html`<h2>${astr('members.tokens', lang)}</h2>
      <form id="token-form" @submit=${this.create}>
        <label>${astr('members.tokenFor', lang)}
          <select id="token-member" @change=${(e: Event) => (this.memberId = (e.target as HTMLSelectElement).value)}>
            ${this.members.map((m) => html`<option value=${m.id} ?selected=${m.id === this.memberId}>${m.name}</option>`)}
          </select>
        </label>
        <label>${astr('members.tokenLabel', lang)}
          <input id="token-label" maxlength="200" .value=${this.label} @input=${(e: Event) => (this.label = (e.target as HTMLInputElement).value)} />
        </label>
        <label>${astr('members.tokenDays', lang)}
          <input id="token-days" type="number" min="1" max="3650" .value=${String(this.days)} @input=${(e: Event) => (this.days = Number((e.target as HTMLInputElement).value))} />
        </label>
        <div><fluent-button id="create-token" appearance="neutral" @click=${this.create}>${astr('members.createToken', lang)}</fluent-button></div>
      </form>
      ${this.shown
        ? html`<div class="secret" id="new-token" role="status">
            <span>${astr('members.tokenOnce', lang)}</span>
            <code>${this.shown}</code>
            <div><fluent-button id="copy-token" @click=${this.copy}>${this.copied ? astr('members.copied', lang) : astr('members.copy', lang)}</fluent-button></div>
          </div>`
        : null}
      ${this.error ? html`<div role="alert" id="tokens-error">${this.error}</div>` : null}
      ${this.error && this.refused ? refusedText(this.refused.label, this.refused.index) : null}
      ${this.unconfirmed ? html`<div role="status" id="tokens-unconfirmed">${this.unconfirmed[this.lang]}</div>` : null}
      ${this.tokens.length === 0
        ? html`<p class="muted">${astr('members.none', lang)}</p>`
        : html`<ul id="tokens">
            ${this.tokens.map(
              (t) => html`<li data-token=${t.id}>
                <span>${t.label || t.id}<br /><span class="muted">${t.memberId} · ${t.expiresAt ? astr('members.expires', lang, { date: date(t.expiresAt) }) : astr('members.never', lang)}</span></span>
                <fluent-button appearance="stealth" @click=${() => void this.revoke(t.id)}>${astr('members.revoke', lang)}</fluent-button>
              </li>`,
            )}
          </ul>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-api-tokens': SamplanApiTokens;
  }
}
