/**
 * `<samplan-comment-composer>`: a text box for one comment with @-mention autocomplete (a
 * WAI-ARIA combobox: ↑/↓ move, Enter or Tab choose, Escape closes). On Ctrl+Enter or the button it
 * checks the text as the server would (not blank, within the length, no personnummer, no control or
 * bidirectional character — refused
 * in words, the text kept for correcting) and fires `samplan-comment-submit` with the text to
 * store (mentions chosen from the list as `@{member-id}`); Escape on an empty list fires
 * `samplan-comment-cancel`.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { COMMENT_MAX_LENGTH, commentTextFault } from '../../shared/comments/comment-schema.js';
import { shownText, storedText, textParts } from '../../shared/comments/mentions.js';
import { cword } from '../../shared/i18n/comment-messages.js';
import { findPersonnummer } from '../../shared/validate/personnummer.js';
import { refuse } from '../../shared/validate/update-refusal.js';
import { applyMention, mentionQuery, suggest, type Person } from './mention-suggest.js';
import type { Lang } from './strings.js';
import { refusedText } from './refused-text.js';
import { baseStyles } from './theme.js';

/** Why `stored` may not be sent, in `lang`, or null when it may. */
export function commentRefusal(stored: string, lang: Lang): string | null {
  if (stored.trim() === '') return cword('blank', lang);
  if (stored.length > COMMENT_MAX_LENGTH) return cword('tooLong', lang, { n: stored.length, max: COMMENT_MAX_LENGTH });
  const pnr = findPersonnummer(stored);
  if (pnr) return refuse.personnummer({ at: 'comment' }, pnr).message[lang];
  const fault = commentTextFault(stored);
  return fault ? refuse.badCharacter({ at: 'comment' }, fault, { multiline: true }).message[lang] : null;
}

let nextId = 0;

/** Comment composer; see the file comment. */
@customElement('samplan-comment-composer')
export class SamplanCommentComposer extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        position: relative;
      }
      textarea {
        width: 100%;
        min-height: 56px;
        resize: vertical;
        font: inherit;
        padding: 6px 8px;
        border: 1px solid var(--samplan-border);
        border-radius: 4px;
      }
      [role='listbox'] {
        position: absolute;
        left: 0;
        right: 0;
        z-index: 2;
        background: var(--samplan-bg);
        border: 1px solid var(--samplan-border);
        border-radius: 4px;
        box-shadow: 0 4px 8px rgb(0 0 0 / 14%);
      }
      [role='option'] {
        padding: 5px 8px;
        cursor: pointer;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      [role='option'][aria-selected='true'] {
        background: var(--samplan-selected);
      }
      .actions {
        display: flex;
        gap: 6px;
        justify-content: flex-end;
        margin-top: 6px;
      }
      button {
        font: inherit;
        padding: 4px 12px;
        border-radius: 4px;
        border: 1px solid var(--samplan-border);
        background: var(--samplan-bg);
        cursor: pointer;
      }
      button.primary {
        background: var(--samplan-accent);
        border-color: var(--samplan-accent);
        color: white;
      }
      .error-text {
        margin: 6px 0 0;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  /** Members who can be mentioned. */
  @property({ attribute: false }) people: readonly Person[] = [];
  /** The stored text to start from (editing a comment); mentions are shown as names. */
  @property() initial = '';
  @property({ attribute: 'submit-label' }) submitLabel = '';
  /** Show a Cancel button (editing). */
  @property({ type: Boolean }) cancellable = false;
  /** A refusal to show, set by the parent (e.g. the document refused the change). */
  @property() error: string | null = null;

  @state() private text = '';
  /** The text as it would be stored and where the character the check refused is, shown beside the refusal. */
  @state() private refusedAt: { stored: string; index: number } | null = null;
  @state() private options: Person[] = [];
  @state() private active = 0;
  @query('textarea') private box!: HTMLTextAreaElement;
  /** Names chosen from the list → member id, so that `@Name` is stored as the member. */
  private chosen = new Map<string, string>();
  private readonly listId = `mentions-${++nextId}`;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('initial') || changed.has('people')) {
      const names = new Map(this.people.map((p) => [p.id, p.name]));
      if (changed.has('initial')) this.text = shownText(this.initial, names);
      for (const part of textParts(this.initial)) {
        const name = 'mention' in part ? names.get(part.mention) : undefined;
        if (name !== undefined && 'mention' in part) this.chosen.set(name, part.mention);
      }
    }
  }

  /** Puts the focus in the text box. */
  override focus(): void {
    this.box?.focus();
  }

  private onInput(): void {
    this.text = this.box.value;
    this.error = null;
    this.refusedAt = null;
    const q = mentionQuery(this.text, this.box.selectionStart ?? this.text.length);
    this.options = q ? suggest(this.people, q.query) : [];
    this.active = 0;
  }

  private choose(person: Person): void {
    const caret = this.box.selectionStart ?? this.text.length;
    const q = mentionQuery(this.text, caret);
    if (!q) return;
    const next = applyMention(this.text, q.start, caret, person);
    this.chosen.set(person.name, person.id);
    this.text = next.text;
    this.box.value = next.text;
    this.box.setSelectionRange(next.caret, next.caret);
    this.options = [];
    this.box.focus();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (this.options.length > 0) {
      const n = this.options.length;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      } else if (e.key === 'Enter' || e.key === 'Tab') {
        this.choose(this.options[this.active] as Person);
      } else if (e.key === 'Escape') {
        this.options = [];
      } else return;
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.submit();
    } else if (e.key === 'Escape' && this.cancellable) {
      this.cancel();
    }
  }

  private submit(): void {
    const stored = storedText(this.text, this.chosen).trim();
    const refusal = commentRefusal(stored, this.lang);
    if (refusal) {
      this.error = refusal;
      const fault = commentTextFault(stored);
      this.refusedAt = fault && !findPersonnummer(stored) ? { stored, index: fault.index } : null;
      return;
    }
    this.dispatchEvent(new CustomEvent<string>('samplan-comment-submit', { detail: stored, bubbles: true, composed: true }));
  }

  /** Empties the box after a comment was written. */
  clear(): void {
    this.text = '';
    this.chosen = new Map();
    if (this.box) this.box.value = '';
  }

  private cancel(): void {
    this.dispatchEvent(new CustomEvent('samplan-comment-cancel', { bubbles: true, composed: true }));
  }

  override render() {
    const open = this.options.length > 0;
    const optionId = (i: number) => `${this.listId}-${i}`;
    return html`<textarea
        aria-label=${cword('label', this.lang)}
        placeholder=${cword('placeholder', this.lang)}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${this.listId}
        aria-activedescendant=${open ? optionId(this.active) : ''}
        aria-invalid=${this.error ? 'true' : 'false'}
        .value=${this.text}
        @input=${this.onInput}
        @keydown=${this.onKeyDown}
      ></textarea>
      <div role="listbox" id=${this.listId} aria-label=${cword('mentions', this.lang)} ?hidden=${!open}>
        ${this.options.map(
          (p, i) => html`<div
            role="option"
            id=${optionId(i)}
            aria-selected=${i === this.active ? 'true' : 'false'}
            @mousedown=${(e: Event) => {
              e.preventDefault();
              this.choose(p);
            }}
          >
            ${p.name}
          </div>`,
        )}
      </div>
      ${this.error ? html`<p class="error-text" role="alert">${this.error}</p>` : null}
      ${this.error && this.refusedAt ? refusedText(this.refusedAt.stored, this.refusedAt.index, { multiline: true }) : null}
      <div class="actions">
        ${this.cancellable ? html`<button @click=${this.cancel}>${cword('cancel', this.lang)}</button>` : null}
        <button class="primary" @click=${this.submit}>${this.submitLabel || cword('send', this.lang)}</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-comment-composer': SamplanCommentComposer;
  }
}
