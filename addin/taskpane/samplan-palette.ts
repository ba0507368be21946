/**
 * `<samplan-palette>`: the command palette (Ctrl+Shift+P). A combobox over the commands the
 * workbench offers, fuzzy filtered as you type; arrows move, Enter runs, Escape closes.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { fuzzyFilter } from './fuzzy.js';
import { str, type Lang } from './strings.js';
import { baseStyles } from './theme.js';

/** One entry of the palette. */
export interface PaletteCommand {
  /** What the workbench runs, e.g. `new:activity-plan` or `open:<doc id>`. */
  id: string;
  label: string;
}

/**
 * Command palette. Fires `samplan-command` with the chosen command's id, and `samplan-close`
 * when dismissed.
 *
 * @example
 * html`<samplan-palette ?open=${true} .commands=${[{ id: 'export:xlsx', label: 'Exportera till Excel-arbetsbok (.xlsx)' }]}></samplan-palette>`
 */
@customElement('samplan-palette')
export class SamplanPalette extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        position: absolute;
        inset: 0;
        z-index: 10;
        display: none;
        background: rgb(0 0 0 / 0.15);
      }
      :host([open]) {
        display: block;
      }
      .box {
        margin: 8px;
        background: var(--samplan-bg);
        border: 1px solid var(--samplan-border);
        border-radius: 6px;
        box-shadow: 0 8px 24px rgb(0 0 0 / 0.2);
        overflow: hidden;
      }
      input {
        width: calc(100% - 16px);
        margin: 8px;
        padding: 6px 8px;
        font: inherit;
        border: 1px solid var(--samplan-accent);
        border-radius: 4px;
        outline: none;
      }
      [role='listbox'] {
        max-height: 50vh;
        overflow-y: auto;
        padding-bottom: 4px;
      }
      [role='option'] {
        padding: 6px 12px;
        cursor: pointer;
      }
      [role='option'][aria-selected='true'] {
        background: var(--samplan-selected);
      }
    `,
  ];

  @property() override lang: Lang = 'sv';
  @property({ type: Boolean, reflect: true }) open = false;
  @property({ attribute: false }) commands: readonly PaletteCommand[] = [];
  @state() private query = '';
  @state() private active = 0;
  @query('input') private input!: HTMLInputElement | null;

  constructor() {
    super();
    // A click on the backdrop (outside the box, which stops propagation) dismisses the palette.
    this.addEventListener('click', () => this.close());
  }

  /** The commands that match what has been typed, best first. */
  get filtered(): PaletteCommand[] {
    return fuzzyFilter(this.query, this.commands, (c) => c.label);
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('open') && this.open) {
      this.query = '';
      this.active = 0;
      void this.updateComplete.then(() => this.input?.focus());
    }
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('samplan-close', { bubbles: true, composed: true }));
  }

  private run(command: PaletteCommand | undefined): void {
    if (!command) return;
    this.dispatchEvent(new CustomEvent<string>('samplan-command', { detail: command.id, bubbles: true, composed: true }));
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.filtered.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count) this.active = (this.active + (event.key === 'ArrowDown' ? 1 : -1) + count) % count;
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.run(this.filtered[this.active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    }
  }

  override render() {
    if (!this.open) return null;
    const matches = this.filtered;
    const active = Math.min(this.active, Math.max(matches.length - 1, 0));
    return html`<div class="box" role="dialog" aria-label=${str('palette.label', this.lang)} @click=${(e: Event) => e.stopPropagation()}>
        <input
          role="combobox"
          aria-expanded="true"
          aria-controls="list"
          aria-activedescendant=${matches.length ? `cmd-${active}` : ''}
          placeholder=${str('palette.placeholder', this.lang)}
          .value=${this.query}
          @input=${(e: Event) => {
            this.query = (e.target as HTMLInputElement).value;
            this.active = 0;
          }}
          @keydown=${this.onKey}
          @blur=${(e: FocusEvent) => {
            if (!this.renderRoot.contains(e.relatedTarget as Node | null)) this.close();
          }}
        />
        <div role="listbox" id="list" aria-label=${str('palette.label', this.lang)}>
          ${matches.length === 0 ? html`<div class="empty">${str('palette.none', this.lang)}</div>` : null}
          ${matches.map(
            (command, i) => html`<div
              role="option"
              id=${`cmd-${i}`}
              data-command=${command.id}
              aria-selected=${i === active ? 'true' : 'false'}
              @mousedown=${(e: Event) => e.preventDefault()}
              @click=${() => this.run(command)}
            >
              ${command.label}
            </div>`,
          )}
        </div>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-palette': SamplanPalette;
  }
}
