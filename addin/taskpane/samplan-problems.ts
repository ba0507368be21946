/**
 * `<samplan-problems>`: content problems of the open documents, grouped by document like VS
 * Code's Problems panel, errors first. Activating one asks the workbench to select its cell.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cellColumn, isDocKind } from '../../shared/schema/index.js';
import type { Problem, Severity } from '../../shared/validate/problem.js';
import { copyText } from './copy-text.js';
import { errorIcon, infoIcon, warningIcon } from './icons.js';
import { str, type Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** A document as the Problems view names it. */
export interface ProblemDoc {
  id: string;
  title: string;
  kind: string;
  /** Names a row of the document for a person (see `rowLabeler`); without it rows go unnamed. */
  rowLabel?: (rowId: string) => string | null;
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Problems ordered as shown: errors, then warnings, then information; stable otherwise. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/**
 * Problems view. Fires `samplan-select-problem` with the {@link Problem}.
 *
 * @example
 * html`<samplan-problems .problems=${problems} .docs=${[{ id, title, kind }]}></samplan-problems>`
 */
@customElement('samplan-problems')
export class SamplanProblems extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        font-size: 13px;
        font-weight: 600;
        margin: 8px 12px 2px;
        display: flex;
        gap: 6px;
      }
      .count {
        color: var(--samplan-muted);
        font-weight: 400;
      }
      button.row {
        align-items: flex-start;
        padding-left: 20px;
      }
      button.row svg {
        flex: none;
        width: 16px;
        height: 16px;
        margin-top: 1px;
      }
      .where {
        display: block;
        color: var(--samplan-muted);
        font-size: 11px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .text {
        flex: 1;
        min-width: 0;
      }
      button.copy {
        margin: 0 0 4px 42px;
        font-size: 11px;
      }
      button.dismiss {
        margin: 0 0 4px 4px;
        font-size: 11px;
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ attribute: false }) problems: readonly Problem[] = [];
  /** The open documents, for group titles and column names. */
  @property({ attribute: false }) docs: readonly ProblemDoc[] = [];

  /** The text copied last (its button says so). */
  @state() private copied: string | null = null;

  /** A button that puts `text` (what the person wrote, `Problem.copyText`) on the clipboard. */
  private copyButton(text: string) {
    const label = str(this.copied === text ? 'problems.copied' : 'problems.copy', this.lang);
    return html`<button class="copy" @click=${() => void this.copy(text)}>${label}</button>`;
  }

  /** A button that closes a problem offering the person's text, or one marked `dismissable` (`samplan-dismiss-problem`), once they no longer need it. */
  private dismissButton(problem: Problem) {
    const dismiss = (): boolean => this.dispatchEvent(new CustomEvent<Problem>('samplan-dismiss-problem', { detail: problem, bubbles: true, composed: true }));
    return html`<button class="dismiss" @click=${dismiss}>${str('problems.dismiss', this.lang)}</button>`;
  }

  private async copy(text: string): Promise<void> {
    await copyText(text, this.renderRoot);
    this.copied = text;
  }

  private icon(severity: Severity) {
    const label = str(`problems.${severity}`, this.lang);
    return severity === 'error' ? errorIcon(label) : severity === 'warning' ? warningIcon(label) : infoIcon(label);
  }

  /** The row's name and the column's header, e.g. `”Hälsodag” · Period`; either may be missing. */
  private where(problem: Problem, doc: ProblemDoc | undefined): string {
    const row = problem.rowId && doc?.rowLabel ? doc.rowLabel(problem.rowId) : null;
    let column: string | null = null;
    if (problem.column) {
      const known = doc && isDocKind(doc.kind) ? cellColumn(doc.kind, problem.column) : undefined;
      column = known ? known.header[this.lang] : problem.column;
    }
    return [row, column].filter((part) => part !== null).join(' · ');
  }

  override render() {
    if (this.problems.length === 0) return html`<p class="empty" id="none">${str('problems.empty', this.lang)}</p>`;
    const groups = new Map<string, Problem[]>();
    for (const problem of sortProblems(this.problems)) {
      const group = groups.get(problem.doc) ?? [];
      group.push(problem);
      groups.set(problem.doc, group);
    }
    return html`${[...groups].map(([docId, problems]) => {
      const doc = this.docs.find((d) => d.id === docId);
      return html`<section data-doc=${docId}>
        <h3>${doc?.title ?? docId}<span class="count">${problems.length}</span></h3>
        <ul role="list">
          ${problems.map(
            (problem) => html`<li>
              <button
                class="row problem"
                data-severity=${problem.severity}
                data-code=${problem.code}
                @click=${() =>
                  this.dispatchEvent(new CustomEvent<Problem>('samplan-select-problem', { detail: problem, bubbles: true, composed: true }))}
              >
                ${this.icon(problem.severity)}
                <span class="text">
                  <span class="where">${this.where(problem, doc)}</span>
                  <span class="message">${problem.message[this.lang]}</span>
                </span>
              </button>
              ${problem.copyText !== undefined ? this.copyButton(problem.copyText) : nothing}
              ${problem.copyText !== undefined || problem.dismissable === true ? this.dismissButton(problem) : nothing}
            </li>`,
          )}
        </ul>
      </section>`;
    })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-problems': SamplanProblems;
  }
}
