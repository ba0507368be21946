/**
 * `<samplan-members>`: the Members view for admins and coordinators. Invite a colleague by e-mail
 * or UPN with a role and units (the same form changes a member picked from the list), remove a
 * member (their open connections close at once), see who was removed, by whom and when, and add
 * them again ("Lägg till igen" fills the form with their id and the name they had), and make API tokens for Power Query and scripts
 * in `<samplan-api-tokens>`. Every change goes to the server, which checks it (a coordinator never
 * touches an admin; no personnummer in any name) and writes the audit; a refusal is shown here.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { astr, type AccountKey } from './account-strings.js';
import { byName, compareNames } from '../../shared/normalize/name-order.js';
import { refusalText, type MembersClient, type MemberInfo, type RemovedMember } from './members-client.js';
import type { RightsUnconfirmed } from '../../shared/protocol/rights-answers.js';
import type { UnitInfo } from './api-client.js';
import './samplan-api-tokens.js';
import type { Lang } from './strings.js';
import { baseStyles, formStyles } from './theme.js';
import { trimName } from '../../shared/validate/text-fault.js';
import { refusedIndex, refusedText } from './refused-text.js';

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
      #removed li {
        display: flex;
        align-items: center;
        gap: 6px;
      }
      .gone {
        flex: 1;
        min-width: 0;
      }
      .who span,
      .gone span {
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
  /** People removed and not added again. */
  @state() removed: RemovedMember[] = [];
  @state() private draft: MemberInfo = { ...EMPTY };
  @state() private error: string | null = null;
  /** The name sent and where the character the server refused is in it, shown beside the refusal. */
  @state() private refused: { name: string; index: number } | null = null;
  /** The server's words when the last change was not confirmed by every server process (shown until the next change). */
  @state() private unconfirmed: RightsUnconfirmed | null = null;
  @state() private busy = false;

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('client')) void this.reload();
    // A refusal or an unconfirmed change is drawn under the form, and the list may be scrolled far
    // below it (a removal's button): bring it into sight, or the click seems to do nothing.
    if ((changed.has('error') && this.error !== null) || (changed.has('unconfirmed') && this.unconfirmed !== null)) {
      this.renderRoot.querySelector('#members-error, #members-unconfirmed')?.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Read the member list again. */
  async reload(): Promise<void> {
    if (!this.client) return;
    try {
      const [members, removed] = await Promise.all([this.client.members(), this.client.removals()]);
      // By name in Swedish order whatever order a server answers in (an older one lists by id).
      this.members = byName(members);
      this.removed = byRecentRemoval(removed);
      this.error = null;
    } catch (err) {
      this.error = refusalText(err, this.lang);
    }
  }

  /** Run a change; its answer's words when not every server process confirmed it are shown until the next change. */
  private async act(run: () => Promise<RightsUnconfirmed | null>): Promise<void> {
    if (this.busy || !this.client) return;
    this.busy = true;
    this.unconfirmed = null;
    try {
      this.unconfirmed = await run();
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
    const name = trimName(d.name) || d.id.trim();
    this.refused = null;
    void this.act(async () => {
      try {
        const words = await this.client!.putMember({ ...d, id: d.id.trim(), name });
        this.draft = { ...EMPTY };
        return words;
      } catch (err) {
        const index = refusedIndex(err);
        this.refused = index === null ? null : { name, index };
        throw err;
      }
    });
  }

  private removeMember(member: MemberInfo): void {
    if (!globalThis.confirm?.(astr('members.confirmRemove', this.lang, { name: member.name }))) return;
    void this.act(() => this.client!.removeMember(member.id));
  }

  /** Fill the form with a removed person's id and kept name, to choose their role and units and save. */
  private addAgain(person: RemovedMember): void {
    this.draft = { ...EMPTY, id: person.id, name: person.name ?? '' };
    this.error = null;
    this.focusForm();
  }

  /** Fill the form with `member`, to change their role, units or name and save. */
  private edit(member: MemberInfo): void {
    this.draft = { ...member, units: [...member.units] };
    this.focusForm();
  }

  /**
   * Put the cursor in the form's name field: the form is above the lists, which may be scrolled
   * far below it (a region's members), and focusing brings it into sight.
   */
  private focusForm(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#member-name')?.focus());
  }

  /** Who made a removal (their name, their id, or the command line) and when, in the reader's words. */
  private removalWords(person: RemovedMember): { who: string; date: string } {
    const who = person.removedByName ?? person.removedBy ?? astr('members.commandLine', this.lang);
    const date = new Date(person.removedAt).toLocaleString(this.lang === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'short', timeStyle: 'short' });
    return { who, date };
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
    const mayAdd = this.myRole === 'admin' || this.myRole === 'coordinator';
    const readding = this.removed.find((r) => r.id === this.draft.id.trim().toLowerCase());
    const action = astr(known ? 'members.save' : readding ? 'members.addAgain' : 'members.invite', lang);
    return html`<h2>${action}</h2>
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
        ${readding ? html`<p id="adding-again" class="muted">${astr('members.addingAgain', lang, { id: removedWho(readding), ...this.removalWords(readding) })}</p>` : null}
        <div class="buttons">
          <fluent-button appearance="accent" id="save" type="submit" ?disabled=${this.busy} @click=${this.save}>
            ${action}
          </fluent-button>
        </div>
      </form>
      ${this.error ? html`<div role="alert" id="members-error">${this.error}</div>` : null}
      ${this.error && this.refused ? refusedText(this.refused.name, this.refused.index) : null}
      ${this.unconfirmed ? html`<div role="status" id="members-unconfirmed">${this.unconfirmed[lang]}</div>` : null}
      <h2>${astr('members.title', lang)} (${this.members.length})</h2>
      <ul id="members">
        ${this.members.map(
          (m) => html`<li data-member=${m.id}>
            <button class="who" title=${m.id} @click=${() => this.edit(m)}>
              <span>${m.name}</span>
              <span class="muted">${this.roleName(m.role)}${m.units.length ? ` · ${m.units.join(', ')}` : ''} · ${m.id}</span>
            </button>
            ${m.id !== this.myId && (m.role !== 'admin' || this.myRole === 'admin')
              ? html`<fluent-button class="remove" appearance="stealth" ?disabled=${this.busy} @click=${() => this.removeMember(m)}>${astr('members.remove', lang)}</fluent-button>`
              : null}
          </li>`,
        )}
      </ul>
      ${this.removed.length
        ? html`<h2>${astr('members.removed', lang)} (${this.removed.length})</h2>
            <ul id="removed">
              ${this.removed.map(
                (r) => html`<li data-removed=${r.id}>
                  <span class="gone" title=${r.id}>
                    <span class="removed-name">${r.name ?? r.id}</span>
                    <span class="muted">${r.name === null ? astr('members.nameUnknown', lang) : r.id} · ${astr('members.removedBy', lang, this.removalWords(r))}</span>
                  </span>
                  ${mayAdd ? html`<fluent-button class="add-again" appearance="stealth" ?disabled=${this.busy} @click=${() => this.addAgain(r)}>${astr('members.addAgain', lang)}</fluent-button>` : null}
                </li>`,
              )}
            </ul>`
        : null}
      <samplan-api-tokens .lang=${lang} .client=${this.client} .members=${this.members.filter((m) => m.role !== 'admin' || this.myRole === 'admin')}></samplan-api-tokens>`;
  }
}

/**
 * The removed, most recently removed first, then by name (Swedish order) and id: the one looked
 * for is most often the one just removed by mistake, and a long list of old removals pushes it
 * far down in id order. An unreadable time sorts last.
 */
function byRecentRemoval(removed: readonly RemovedMember[]): RemovedMember[] {
  const at = (r: RemovedMember): number => {
    const t = Date.parse(r.removedAt);
    return Number.isNaN(t) ? -Infinity : t;
  };
  return [...removed].sort((a, b) => at(b) - at(a) || compareNames(a.name ?? a.id, b.name ?? b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A removed person as the form names them: "Olle Berg (olle@region.se)", or the id when no name was kept. */
function removedWho(person: RemovedMember): string {
  return person.name === null ? person.id : `${person.name} (${person.id})`;
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-members': SamplanMembers;
  }
}
