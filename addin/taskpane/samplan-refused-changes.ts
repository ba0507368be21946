/**
 * `<samplan-refused-changes>`: shown in the Problems view for each open document whose changes
 * here the server will not take (a role made read-only, an archived document, another unit's
 * rows): the two ways forward, "Spara mina ändringar i ett nytt blad" and "Återställ till den
 * delade versionen". Nothing is dropped before the person confirms a sentence that names how
 * many changes go and offers to keep them first; every outcome is said in words.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { failureWords } from './notice.js';
import type { RefusedChangesActions } from './refused-changes-actions.js';
import type { LocalChange } from './refused-changes.js';
import { refusedWord } from './refused-changes-strings.js';
import type { Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** A document with changes the server will not take, as this view names it. */
export interface RefusedDoc {
  id: string;
  title: string;
}

/** Where one document's actions are. */
type Step = { at: 'idle' } | { at: 'busy' } | { at: 'confirm'; changes: LocalChange[] };

/** What was said last about one document. */
interface Said {
  ok: boolean;
  text: string;
}

/**
 * The view. `docs` are the documents to offer the actions for; `actions` does the work.
 *
 * @example
 * html`<samplan-refused-changes .lang=${'sv'} .docs=${[{ id, title }]} .actions=${actions}></samplan-refused-changes>`
 */
@customElement('samplan-refused-changes')
export class SamplanRefusedChanges extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      section {
        margin: 8px 12px;
        padding: 6px 8px;
        border-left: 3px solid var(--samplan-error);
        background: #fdf3f4;
      }
      h3 {
        font-size: 13px;
        margin: 0 0 4px;
      }
      p {
        margin: 4px 0;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin: 6px 0;
      }
      section.done {
        border-left-color: var(--samplan-muted);
        background: none;
      }
      .said[data-ok='true'] {
        border-left: 3px solid var(--samplan-muted);
        padding-left: 6px;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) docs: readonly RefusedDoc[] = [];
  @property({ attribute: false }) actions: RefusedChangesActions | null = null;
  @state() private steps = new Map<string, Step>();
  @state() private said = new Map<string, Said>();

  private set(docId: string, step: Step, said?: Said | null): void {
    this.steps = new Map(this.steps).set(docId, step);
    if (said !== undefined) {
      const next = new Map(this.said);
      if (said === null) next.delete(docId);
      else next.set(docId, said);
      this.said = next;
    }
  }

  private async keep(docId: string, changes?: LocalChange[]): Promise<void> {
    if (!this.actions) return;
    const back: Step = changes ? { at: 'confirm', changes } : { at: 'idle' };
    this.set(docId, { at: 'busy' }, null);
    try {
      const list = changes ?? (await this.actions.list(docId));
      if (list.length === 0) return this.set(docId, back, { ok: true, text: refusedWord('keptNone', this.lang) });
      const sheet = await this.actions.keep(docId, list);
      this.set(docId, back, { ok: true, text: refusedWord('kept', this.lang, { count: list.length, sheet }) });
    } catch (err) {
      this.set(docId, back, { ok: false, text: refusedWord('keepFailed', this.lang, { reason: reasonOf(err, this.lang) }) });
    }
  }

  private async ask(docId: string): Promise<void> {
    if (!this.actions) return;
    this.set(docId, { at: 'busy' }, null);
    try {
      this.set(docId, { at: 'confirm', changes: await this.actions.list(docId) });
    } catch (err) {
      this.set(docId, { at: 'idle' }, { ok: false, text: refusedWord('discardFailed', this.lang, { reason: reasonOf(err, this.lang) }) });
    }
  }

  private async discard(docId: string, count: number): Promise<void> {
    if (!this.actions) return;
    this.set(docId, { at: 'busy' }, null);
    try {
      await this.actions.discard(docId);
      this.set(docId, { at: 'idle' }, { ok: true, text: refusedWord('restored', this.lang, { count }) });
    } catch (err) {
      this.set(docId, { at: 'idle' }, { ok: false, text: refusedWord('discardFailed', this.lang, { reason: reasonOf(err, this.lang) }) });
    }
  }

  private renderDoc(doc: RefusedDoc) {
    const step = this.steps.get(doc.id) ?? { at: 'idle' };
    const lang = this.lang;
    const busy = step.at === 'busy';
    return html`<section data-doc=${doc.id}>
      <h3>${refusedWord('heading', lang)}: ${doc.title}</h3>
      <p>${refusedWord('intro', lang)}</p>
      ${step.at === 'confirm'
        ? html`<p id="confirm" role="alertdialog">${refusedWord('confirm', lang, { count: step.changes.length })}</p>
            <div class="buttons">
              <fluent-button id="keep-first" @click=${() => void this.keep(doc.id, step.changes)}>${refusedWord('keepFirst', lang)}</fluent-button>
              <fluent-button appearance="accent" id="confirm-discard" @click=${() => void this.discard(doc.id, step.changes.length)}
                >${refusedWord('confirmDiscard', lang, { count: step.changes.length })}</fluent-button
              >
              <fluent-button id="cancel-discard" @click=${() => this.set(doc.id, { at: 'idle' })}>${refusedWord('cancel', lang)}</fluent-button>
            </div>`
        : html`<div class="buttons">
            <fluent-button id="keep" ?disabled=${busy} @click=${() => void this.keep(doc.id)}>${refusedWord('keep', lang)}</fluent-button>
            <fluent-button id="discard" ?disabled=${busy} @click=${() => void this.ask(doc.id)}>${refusedWord('discard', lang)}</fluent-button>
          </div>`}
      ${busy ? html`<p role="status">${refusedWord('reading', lang)}</p>` : null}
      ${this.renderSaid(doc.id)}
    </section>`;
  }

  private renderSaid(docId: string) {
    const said = this.said.get(docId);
    return said ? html`<p class="said" data-ok=${String(said.ok)} role=${said.ok ? 'status' : 'alert'}>${said.text}</p>` : null;
  }

  override render() {
    const shown = new Set(this.docs.map((d) => d.id));
    // What was said about a document that has no refused changes any more (it was returned) stays until the next step.
    const others = [...this.said.keys()].filter((id) => !shown.has(id));
    return html`${this.docs.map((d) => this.renderDoc(d))}${others.map((id) => html`<section class="done" data-doc=${id}>${this.renderSaid(id)}</section>`)}`;
  }
}

/** Why an action failed, for the middle of a sentence: the pane's words (`failureWords`), never the error's English. */
function reasonOf(err: unknown, lang: Lang): string {
  return failureWords(err, lang).replace(/\.$/, '');
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-refused-changes': SamplanRefusedChanges;
  }
}
