/**
 * `<samplan-people>`: who is present in the open documents (Yjs awareness), each with their
 * colour, the document they are in and, when known, their row: a button that fires
 * `samplan-show-row` with the {@link Peer} so the workbench can select that row in the sheet.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Peer } from './doc-presence.js';
import { str, type Lang, type StringKey } from './strings.js';
import { baseStyles } from './theme.js';

/** Initials for an avatar: first letters of the first two words. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('') || '?';
}

/**
 * People view.
 *
 * @example
 * html`<samplan-people .peers=${controller.peers()} ?has-document=${true}></samplan-people>`
 */
@customElement('samplan-people')
export class SamplanPeople extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      li {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 6px 12px;
      }
      .avatar {
        flex: none;
        width: 28px;
        height: 28px;
        border-radius: 50%;
        color: white;
        font-size: 11px;
        font-weight: 600;
        display: grid;
        place-items: center;
      }
      .who {
        min-width: 0;
      }
      .name {
        font-weight: 600;
      }
      .show-row {
        display: block;
        max-width: 100%;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        font: inherit;
        font-size: 12px;
        color: var(--samplan-accent);
        background: none;
        border: none;
        padding: 0;
        cursor: pointer;
        text-decoration: underline;
      }
      .show-row:focus-visible {
        outline: 2px solid var(--samplan-accent);
        outline-offset: 1px;
      }
      .where {
        color: var(--samplan-muted);
        font-size: 12px;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) peers: readonly Peer[] = [];
  @property({ type: Boolean, attribute: 'has-document' }) hasDocument = false;

  override render() {
    const lang = this.lang;
    if (!this.hasDocument) return html`<p class="empty">${str('people.noDocument', lang)}</p>`;
    const others = this.peers.filter((p) => !p.self);
    // One entry per person, however many documents (and sockets) they have open.
    const people = new Map<string, Peer[]>();
    for (const peer of this.peers) {
      const key = `${peer.self ? 'self' : 'other'}\u0000${peer.name}`;
      people.set(key, [...(people.get(key) ?? []), peer]);
    }
    return html`<ul role="list" aria-label=${str('activity.people', lang)}>
        ${[...people.values()].map((places) => {
          const peer = places[0] as Peer;
          return html`<li class="peer" data-client=${peer.clientId} style=${`--peer:${peer.color}`}>
            <span class="avatar" style=${`background:${peer.color}`} aria-hidden="true">${initials(peer.name)}</span>
            <span class="who">
              <div class="name">
                ${peer.name}${peer.self ? ` (${str('people.you', lang)})` : ''}${peer.role
                  ? html` <span class="where">· ${str(`role.${peer.role}` as StringKey, lang)}</span>`
                  : null}
              </div>
              ${places.map(
                (place) => html`<div class="place">
                  <div class="where">${place.docTitle}${place.row && !place.canShowRow ? ` · ${place.row}` : ''}</div>
                  ${place.row && place.canShowRow
                    ? html`<button
                        class="show-row"
                        title=${str('people.showRow', lang, { name: place.name })}
                        @click=${() => this.dispatchEvent(new CustomEvent<Peer>('samplan-show-row', { detail: place, bubbles: true, composed: true }))}
                      >
                        ${place.row}
                      </button>`
                    : null}
                </div>`,
              )}
            </span>
          </li>`;
        })}
      </ul>
      ${others.length === 0 ? html`<p class="empty">${str('people.empty', lang)}</p>` : null}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-people': SamplanPeople;
  }
}
