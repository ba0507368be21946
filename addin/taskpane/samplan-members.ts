/**
 * `<samplan-members>`: the Members view for admins and coordinators. Invite a colleague by e-mail
 * or UPN with a role and units (the same form changes a member picked from the list), remove a
 * member (their open connections close at once), and make API tokens for Power Query and scripts
 * in `<samplan-api-tokens>`. Every change goes to the server, which checks it (a coordinator never
 * touches an admin; no personnummer in any name) and writes the audit; a refusal is shown here.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { astr, type AccountKey } from './account-strings.js';
import { refusalText, type MembersClient, type MemberInfo } from './members-client.js';
import type { UnitInfo } from './api-client.js';
import './samplan-api-tokens.js';
import type { Lang } from './strings.js';
import { baseStyles, formStyles } from './theme.js';

const ROLES = ['viewer', 'editor', 'coordinator', 'admin'] as const;
const EMPTY: MemberInfo = { id: '', name: '', role: 'editor', units: [] };

/**
 * Members view.
 *
 * @example
 * html`<samplan-members .client=${new MembersClient(url, token, ws)} .units=${units} my-role="coordinator"></samplan-members>`
 */
@customElement('samplan-members')
export class SamplanMembers extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host {
        display: block;
        padding: 8px 12px;
      }
      h2 {
        margin: 12px 0 6px;
      }
      .buttons {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
      }
      li {
        padding: 6px 0;
        border-bottom: 1px solid var(--samplan-border, #e1e1e1);
      }
      .who {
        flex: 1;
        min-width: 0;
        cursor: pointer;
        background: none;
        border: 0;
        text-align: left;
        font: inherit;
        padding: 0;
      }
      .who span {
        display: block;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) client: MembersClient | null = null;
  @property({ attribute: false }) units: UnitInfo[] = [];
  /** The signed-in member's role: a coordinator is not offered `admin`. */
  @property({ attribute: 'my-role' }) myRole = 'viewer';
  @property({ attribute: 'my-id' }) myId = '';
  @state() members: MemberInfo[] = [];
  @state() private draft: MemberInfo = { ...EMPTY };
  @state() private error: string | null = null;
  @state() private busy = false;

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('client')) void this.reload();
  }

  /** Read the member list again. */
  async reload(): Promise<void> {
    if (!this.client) return;
    try {
      this.members = await this.client.members();
      this.error = null;
    } catch (err) {
      this.error = refusalText(err, this.lang);
    }
  }

  private async act(run: () => Promise<void>): Promise<void> {
    if (this.busy || !this.client) return;
    this.busy = true;
    try {
      await run();
      this.error = null;
      await this.reload();
    } catch (err) {
      this.error = refusalText(err, this.lang);
    } finally {
      this.busy = false;
    }
  }

  private save(event: Event): void {
    event.preventDefault();
    const d = this.draft;
    void this.act(async () => {
      await this.client!.putMember({ ...d, id: d.id.trim(), name: d.name.trim() || d.id.trim() });
      this.draft = { ...EMPTY };
    });
  }

  private removeMember(member: MemberInfo): void {
    if (!globalThis.confirm?.(astr('members.confirmRemove', this.lang, { name: member.name }))) return;
    void this.act(() => this.client!.removeMember(member.id));
  }

  private set<K extends keyof MemberInfo>(key: K, value: MemberInfo[K]): void {
    this.draft = { ...this.draft, [key]: value };
  }

  private roleName(role: string): string {
    return astr(`role.${role}` as AccountKey, this.lang);
  }

  override render() {
    const lang = this.lang;
    const known = this.members.some((m) => m.id === this.draft.id.trim().toLowerCase());
    const roles = ROLES.filter((r) => r !== 'admin' || this.myRole === 'admin');
    return html`<h2>${known ? astr('members.save', lang) : astr('members.invite', lang)}</h2>
      <form id="invite" @submit=${this.save}>
        <label>${astr('members.email', lang)}
          <input id="member-id" type="email" required autocomplete="off" .value=${this.draft.id} @input=${(e: Event) => this.set('id', (e.target as HTMLInputElement).value)} />
        </label>
        <label>${astr('members.name', lang)}
          <input id="member-name" .value=${this.draft.name} @input=${(e: Event) => this.set('name', (e.target as HTMLInputElement).value)} />
        </label>
        <label>${astr('members.role', lang)}
          <select id="member-role" .value=${this.draft.role} @change=${(e: Event) => this.set('role', (e.target as HTMLSelectElement).value as MemberInfo['role'])}>
            ${roles.map((r) => html`<option value=${r} ?selected=${r === this.draft.role}>${this.roleName(r)}</option>`)}
          </select>
        </label>
        <label>${astr('members.units', lang)}
          <select id="member-units" multiple size="4" @change=${(e: Event) => this.set('units', [...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value))}>
            ${this.units.map((u) => html`<option value=${u.code} ?selected=${this.draft.units.includes(u.code)}>${u.name}</option>`)}
          </select>
        </label>
        <div class="buttons">
          <fluent-button appearance="accent" id="save" type="submit" ?disabled=${this.busy} @click=${this.save}>
            ${known ? astr('members.save', lang) : astr('members.invite', lang)}
          </fluent-button>
        </div>
      </form>
      ${this.error ? html`<div role="alert" id="members-error">${this.error}</div>` : null}
      <h2>${astr('members.title', lang)} (${this.members.length})</h2>
      <ul id="members">
        ${this.members.map(
          (m) => html`<li data-member=${m.id}>
            <button class="who" title=${m.id} @click=${() => (this.draft = { ...m, units: [...m.units] })}>
              <span>${m.name}</span>
              <span class="muted">${this.roleName(m.role)}${m.units.length ? ` · ${m.units.join(', ')}` : ''} · ${m.id}</span>
            </button>
            ${m.id !== this.myId && (m.role !== 'admin' || this.myRole === 'admin')
              ? html`<fluent-button class="remove" appearance="stealth" ?disabled=${this.busy} @click=${() => this.removeMember(m)}>${astr('members.remove', lang)}</fluent-button>`
              : null}
          </li>`,
        )}
      </ul>
      <samplan-api-tokens .lang=${lang} .client=${this.client} .members=${this.members.filter((m) => m.role !== 'admin' || this.myRole === 'admin')}></samplan-api-tokens>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-members': SamplanMembers;
  }
}
