/**
 * `<samplan-comments>`: the thread of the row selected in the sheet (following the selection),
 * newest last, each comment with its author's name, time and text (mentions as `@Name`), and a
 * composer to add one. Authors (and admins) edit and delete their own comments. Readers see the
 * thread and a sentence saying why they cannot write. With no row selected it lists the rows that
 * have comments; choosing one fires `samplan-comment-row` with its id, to select it in the sheet.
 * A comment stored before control and bidirectional characters were refused shows each as its
 * code (`⟨U+202E⟩`), so it cannot reorder or hide what it says. The comments live in the document itself
 * (`shared/comments`), so what anyone writes shows here for everyone at once.
 */
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type * as Y from 'yjs';
import type { Comment } from '../../shared/comments/comment-schema.js';
import { addComment, commentCounts, commentsMap, deleteComment, editComment, threadOf } from '../../shared/comments/comments.js';
import { textParts } from '../../shared/comments/mentions.js';
import { visibleText } from '../../shared/validate/text-fault.js';
import { getRow, observeChanges } from '../../shared/doc/index.js';
import { cword } from '../../shared/i18n/comment-messages.js';
import type { Localized } from '../../shared/schema/types.js';
import type { Me, SamplanApi } from './api-client.js';
import type { Person } from './mention-suggest.js';
import { rowLabeler } from './row-labels.js';
import './samplan-comment-composer.js';
import type { SamplanCommentComposer } from './samplan-comment-composer.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** Comments are shown with their line feeds and tabs; other refused characters as their code (`⟨U+202E⟩`). */
const MULTILINE = { multiline: true } as const;

/** Comments view; see the file comment. */
@customElement('samplan-comments')
export class SamplanComments extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding-bottom: 12px;
      }
      .about {
        margin: 8px 12px;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li.comment {
        padding: 6px 12px;
        border-bottom: 1px solid var(--samplan-border);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 8px;
        align-items: baseline;
        color: var(--samplan-muted);
        font-size: 12px;
      }
      .author {
        color: var(--samplan-fg);
        font-weight: 600;
      }
      .text {
        margin: 2px 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .mention {
        color: var(--samplan-accent);
        font-weight: 600;
      }
      .tools {
        margin-left: auto;
        display: flex;
        gap: 4px;
      }
      .tools button {
        all: unset;
        cursor: pointer;
        color: var(--samplan-accent);
        padding: 0 2px;
      }
      .tools button:focus-visible {
        outline: 2px solid var(--samplan-accent);
      }
      samplan-comment-composer {
        margin: 8px 12px 0;
      }
      .commented .label {
        flex: 1;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .commented .count {
        color: var(--samplan-muted);
      }
      .note {
        margin: 8px 12px 0;
        color: var(--samplan-muted);
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  /** The active document, or null with none open. */
  @property({ attribute: false }) doc: Y.Doc | null = null;
  @property() kind = '';
  /** The row selected in the sheet, or null. */
  @property({ attribute: false }) rowId: string | null = null;
  @property({ attribute: false }) me: Me | null = null;
  /** Where the members' names come from (`GET …/people`). */
  @property({ attribute: false }) api: Pick<SamplanApi, 'people'> | null = null;
  @property() workspace: string | null = null;
  /** Why this person may not write the document, or null when they may. */
  @property({ attribute: false }) readOnlyReason: Localized | null = null;

  @state() private editing: string | null = null;
  @state() private deleting: string | null = null;
  @state() private revision = 0;
  private stopObserving: (() => void) | null = null;
  private readonly directory = new Task(this, {
    task: async ([api, workspace]): Promise<Person[]> => (api && workspace ? api.people(workspace) : []),
    args: () => [this.api, this.workspace] as const,
  });

  /** Members, for names and mentions (empty until they are loaded, or when loading failed). */
  private get people(): readonly Person[] {
    return this.directory.value ?? [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.doc && !this.stopObserving) this.observe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopObserving?.();
    this.stopObserving = null;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('doc') || (this.doc && !this.stopObserving)) this.observe();
    if (changed.has('rowId')) this.editing = this.deleting = null;
  }


  private observe(): void {
    this.stopObserving?.();
    this.stopObserving = null;
    const doc = this.doc;
    if (!doc || !this.isConnected) return;
    const bump = (): void => void this.revision++;
    const comments = commentsMap(doc);
    comments.observeDeep(bump);
    const stopRows = observeChanges(doc, bump);
    this.stopObserving = () => {
      comments.unobserveDeep(bump);
      stopRows();
    };
  }

  private get canWrite(): boolean {
    return this.readOnlyReason === null && this.me !== null && this.me.role !== 'viewer';
  }

  private mayChange(c: Comment): boolean {
    return this.canWrite && (c.author === this.me?.memberId || this.me?.role === 'admin');
  }

  private nameOf(id: string): string {
    if (id === this.me?.memberId) return `${this.me.name} (${cword('you', this.lang)})`;
    return this.people.find((p) => p.id === id)?.name ?? id;
  }

  private when(iso: string): string {
    return new Intl.DateTimeFormat(this.lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }

  private add(e: CustomEvent<string>): void {
    if (!this.doc || !this.rowId || !this.me) return;
    addComment(this.doc, { row: this.rowId, author: this.me.memberId, text: e.detail });
    (e.target as SamplanCommentComposer).clear();
  }

  private save(id: string, text: string): void {
    if (this.doc) editComment(this.doc, id, text);
    this.editing = null;
  }

  private deleteNow(id: string): void {
    if (this.doc) deleteComment(this.doc, id);
    this.deleting = null;
  }

  /** Rows that have comments, most first: buttons that select the row in the sheet. */
  private renderCommented(doc: Y.Doc) {
    const counts = [...commentCounts(doc)].sort((a, b) => b[1] - a[1]);
    if (counts.length === 0) return nothing;
    const label = rowLabeler(doc, this.kind, this.lang);
    return html`<h2>${cword('commentedRows', this.lang)}</h2>
      <ul class="commented">
        ${counts.map(
          ([id, n]) => html`<li>
            <button class="row" data-row=${id} @click=${() => this.dispatchEvent(new CustomEvent<string>('samplan-comment-row', { detail: id, bubbles: true, composed: true }))}>
              <span class="label">${label(id) ?? id}</span><span class="count">${n}</span>
            </button>
          </li>`,
        )}
      </ul>`;
  }

  private renderText(text: string) {
    return textParts(text).map((p) => ('mention' in p ? html`<span class="mention">@${this.people.find((x) => x.id === p.mention)?.name ?? p.mention}</span>` : visibleText(p.text, MULTILINE)));
  }

  private renderComment(c: Comment) {
    const own = this.mayChange(c);
    if (this.editing === c.id) {
      return html`<li class="comment">
        <samplan-comment-composer
          .lang=${this.lang}
          .people=${this.people}
          .initial=${c.text}
          submit-label=${cword('save', this.lang)}
          cancellable
          @samplan-comment-submit=${(e: CustomEvent<string>) => this.save(c.id, e.detail)}
          @samplan-comment-cancel=${() => (this.editing = null)}
        ></samplan-comment-composer>
      </li>`;
    }
    return html`<li class="comment" data-id=${c.id}>
      <div class="meta">
        <span class="author">${this.nameOf(c.author)}</span>
        <time datetime=${c.at}>${this.when(c.at)}</time>
        ${c.edited ? html`<span>(${cword('edited', this.lang)})</span>` : nothing}
        ${own && this.deleting !== c.id
          ? html`<span class="tools">
              <button class="edit" @click=${() => (this.editing = c.id)}>${cword('edit', this.lang)}</button>
              <button class="delete" @click=${() => (this.deleting = c.id)}>${cword('delete', this.lang)}</button>
            </span>`
          : nothing}
      </div>
      <p class="text">${this.renderText(c.text)}</p>
      ${this.deleting === c.id
        ? html`<div class="meta" role="group">
            ${cword('confirmDelete', this.lang)}
            <span class="tools">
              <button class="confirm-delete" @click=${() => this.deleteNow(c.id)}>${cword('delete', this.lang)}</button>
              <button @click=${() => (this.deleting = null)}>${cword('cancel', this.lang)}</button>
            </span>
          </div>`
        : nothing}
    </li>`;
  }

  override render() {
    const { doc, rowId, lang } = this;
    if (!doc) return html`<h2>${cword('title', lang)}</h2><p class="empty">${cword('noDocument', lang)}</p>`;
    if (!rowId) return html`<h2>${cword('title', lang)}</h2><p class="empty">${cword('noRow', lang)}</p>${this.renderCommented(doc)}`;
    const thread = threadOf(doc, rowId);
    const exists = getRow(doc, rowId) !== undefined;
    const label = rowLabeler(doc, this.kind, lang)(rowId) ?? rowId;
    return html`<h2>${cword('title', lang)}</h2>
      <p class="about">${cword('about', lang, { row: label })}</p>
      <ol aria-label=${cword('about', lang, { row: label })}>
        ${thread.map((c) => this.renderComment(c))}
      </ol>
      ${thread.length === 0 ? html`<p class="empty">${cword('empty', lang)}</p>` : nothing}
      ${!exists
        ? html`<p class="note">${cword('rowGone', lang)}</p>`
        : this.canWrite
          ? html`<samplan-comment-composer .lang=${lang} .people=${this.people} @samplan-comment-submit=${this.add}></samplan-comment-composer>`
          : html`<p class="note">${cword('readOnly', lang, { reason: this.readOnlyReason?.[lang] ?? '' })}</p>`}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-comments': SamplanComments;
  }
}
