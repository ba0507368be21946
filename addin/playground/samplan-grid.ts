/**
 * `<samplan-grid>`: an emulated workbook drawn as a small spreadsheet you can type into. Every
 * edit goes through the emulator's user simulation (`host.user.type`, `paste`, `sortTable`), so
 * the pane beside it sees the same `onChanged` events it would see in Excel. Ctrl+V pastes a
 * tab-separated block (what Excel and other spreadsheets put on the clipboard, `pasted-block.ts`)
 * at the cursor; Ctrl+Z asks `undo` (the pane's undo of the person's own last edit) and says when
 * there is none. Ctrl+- or the right-click menu's "Ta bort tabellrad" deletes the table row at the
 * cursor, as Excel's Delete → Table Rows: the pane sends the delete, and the server's rights decide
 * (an editor's delete of another unit's row is taken back, and the pane says why in words).
 * While a cell's editor is open the workbook is in cell-edit mode, as Excel is while a person
 * types: the add-in's requests wait until Enter, Tab, Esc or leaving the cell ends it.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { columnLetters, editText, UserEditRefused, type ExcelHost } from '../excel-emulator/index.js';
import { GRID_WORDS, gridFailureWords } from './grid-words.js';
import { pastedBlock } from './pasted-block.js';
import type { Lang } from '../taskpane/strings.js';
import { gridStyles } from './samplan-grid-styles.js';

/** An address like `B3` for zero-based row and column. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/**
 * The grid. Set `host` to an emulated workbook.
 *
 * @example
 * html`<samplan-grid .host=${createWorkbook()} label="A"></samplan-grid>`
 */
@customElement('samplan-grid')
export class SamplanGrid extends LitElement {
  static override styles = gridStyles;


  @property({ attribute: false }) host: ExcelHost | null = null;
  @property() label = '';
  /** The language of what the grid says (the pane's beside it). */
  @property() override lang: Lang = 'sv';
  /** Ctrl+Z: undoes the person's own last edit (the playground hands in the pane's); false when there was none. */
  @property({ attribute: false }) undo: (() => boolean) | null = null;
  @state() private sheetName: string | null = null;
  @state() private cursor = { row: 0, col: 0 };
  @state() private editing: string | null = null;
  /** What the grid says now, worded when drawn (it follows a language switch); null: nothing. */
  @state() private message: ((lang: Lang) => string) | null = null;
  /** Where the right-click menu is open (viewport pixels), or null. */
  @state() private menu: { x: number; y: number } | null = null;
  private unsubscribe: (() => void) | null = null;
  private frame = 0;
  /** The workbook's selection as last seen, to notice when the add-in moved it (Problems, People). */
  private seenSelection = '';

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('host')) {
      this.unsubscribe?.();
      this.unsubscribe = this.host?.subscribe(() => this.followSelection()) ?? null;
    }
  }

  /** Moves the cursor where the workbook's selection went, when something other than the grid moved it. */
  private followSelection(): void {
    const selection = this.host?.selection();
    const key = selection ? `${selection.sheetName}!${selection.row},${selection.col}` : '';
    if (key !== this.seenSelection) {
      this.seenSelection = key;
      if (selection && this.editing === null && selection.sheetName === this.sheet?.name) this.cursor = { row: selection.row, col: selection.col };
    }
    this.scheduleRender();
  }

  override disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    super.disconnectedCallback();
  }

  private scheduleRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.requestUpdate();
    });
  }

  /** The sheet shown: the chosen one, else the last sheet with a table, else the first. */
  private get sheet() {
    const model = this.host?.model;
    if (!model) return undefined;
    return (
      (this.sheetName && model.sheet(this.sheetName)) ||
      [...model.tables].reverse()[0]?.sheet ||
      model.sheets[0]
    );
  }

  private act(action: () => void): boolean {
    try {
      action();
      this.message = null;
      return true;
    } catch (err) {
      // In the pane's words: never the error's own (English) message.
      this.message = (lang) => gridFailureWords(err, lang);
      return false;
    }
  }

  private commit(value: string): void {
    const sheet = this.sheet;
    if (!sheet || !this.host) return;
    const address = cellAddress(this.cursor.row, this.cursor.col);
    const host = this.host;
    this.editing = null;
    // Excel commits into the cell edit mode was entered on (the add-in could not move it meanwhile).
    const type = host.model.editMode ? () => host.user.exitEditMode(value) : () => host.user.type(sheet.name, address, value);
    // Like Enter in Excel: the cursor moves down; a refused edit keeps its message on screen.
    if (this.act(type)) this.select(this.cursor.row + 1, this.cursor.col);
    else this.cursor = { ...this.cursor, row: this.cursor.row + 1 };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.scroll')?.focus());
  }

  private select(row: number, col: number): void {
    this.cursor = { row: Math.max(0, row), col: Math.max(0, col) };
    const sheet = this.sheet;
    const host = this.host;
    if (sheet && host) this.act(() => host.user.select(sheet.name, cellAddress(this.cursor.row, this.cursor.col)));
  }

  private onKey(event: KeyboardEvent): void {
    if (this.editing !== null) return;
    const { row, col } = this.cursor;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Tab: [0, 1] };
    const move = moves[event.key];
    if (event.key === 'Escape' && this.menu) {
      event.preventDefault();
      this.menu = null;
    } else if ((event.ctrlKey || event.metaKey) && event.key === '-') {
      event.preventDefault();
      this.deleteTableRow();
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      if (this.undo?.() !== true) this.message = (lang) => GRID_WORDS.nothingToUndo[lang];
      else this.message = null;
    } else if (move) {
      event.preventDefault();
      this.select(row + move[0], col + move[1]);
    } else if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      this.startEdit(null);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      const sheet = this.sheet;
      const host = this.host;
      if (sheet && host) this.act(() => host.user.clear(sheet.name, cellAddress(row, col)));
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.startEdit(event.key);
    }
  }

  /**
   * Deletes the table row the cursor is in (Excel's Delete → Table Rows); outside a table's body
   * it says so. What the server does with the delete is the pane's to show.
   */
  private deleteTableRow(): void {
    this.menu = null;
    const sheet = this.sheet;
    const host = this.host;
    if (!sheet || !host) return;
    const { row, col } = this.cursor;
    const table = host.model.tablesOn(sheet).find((t) => row > t.rect.row && row < t.rect.row + t.rect.rows && col >= t.rect.col && col < t.rect.col + t.rect.cols);
    if (!table) {
      this.message = (lang) => GRID_WORDS.selectTableRow[lang];
      return;
    }
    this.act(() => host.user.deleteTableRows(table.name, row - table.rect.row - 1, 1));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.scroll')?.focus());
  }

  private openMenu(event: MouseEvent, row: number, col: number): void {
    event.preventDefault();
    this.select(row, col);
    this.menu = { x: event.clientX, y: event.clientY };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.menu button')?.focus());
  }

  private renderMenu() {
    if (!this.menu) return nothing;
    return html`<div class="menu" role="menu" style=${`left:${this.menu.x}px;top:${this.menu.y}px`} @focusout=${this.closeMenuOnLeave}>
      <button class="delete-row" role="menuitem" @click=${() => this.deleteTableRow()} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.menu = null)}>${GRID_WORDS.deleteTableRow[this.lang]}</button>
    </div>`;
  }

  private readonly closeMenuOnLeave = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    if (!to || !this.renderRoot.querySelector('.menu')?.contains(to)) this.menu = null;
  };

  /** Ctrl+V: a tab-separated block (rows by line, cells by tab) pasted with its top-left cell at the cursor. */
  private onPaste(event: ClipboardEvent): void {
    if (this.editing !== null) return;
    const text = event.clipboardData?.getData('text/plain') ?? '';
    const sheet = this.sheet;
    const host = this.host;
    if (!text || !sheet || !host) return;
    event.preventDefault();
    const rows = pastedBlock(text);
    if (rows.length === 0) return;
    const { row, col } = this.cursor;
    this.act(() => host.user.paste(sheet.name, cellAddress(row, col), rows));
  }

  /**
   * Opens the cell's editor and puts the workbook in cell-edit mode, as Excel does while a person
   * types in a cell: the add-in's requests wait until the edit ends, so a co-author's row delete or
   * sort arriving meanwhile cannot move another row under the open editor. On a protected sheet
   * the editor still opens without edit mode, and committing is refused with Excel's words.
   */
  private startEdit(initial: string | null): void {
    const sheet = this.sheet;
    const host = this.host;
    if (!sheet || !host) return;
    if (!host.model.editMode) {
      try {
        host.user.enterEditMode(sheet.name, cellAddress(this.cursor.row, this.cursor.col));
      } catch (err) {
        if (!(err instanceof UserEditRefused)) throw err;
      }
    }
    // As Excel's formula bar: the formula, or the number with all its decimals in the workbook's locale (`12,5`).
    const { row, col } = this.cursor;
    this.editing = initial ?? editText(sheet.value(row, col), sheet.numberFormat(row, col), sheet.cell(row, col)?.formula, sheet.locale);
    void this.updateComplete.then(() => {
      const input = this.renderRoot.querySelector<HTMLInputElement>('td input');
      input?.focus();
      if (input && initial === null) input.select();
    });
  }

  private onEditKey(event: KeyboardEvent): void {
    const input = event.target as HTMLInputElement;
    // The grid's own key handling must not see the key that ends an edit (Enter would start the next one).
    event.stopPropagation();
    if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      this.commit(input.value);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.editing = null;
      if (this.host?.model.editMode) this.host.user.exitEditMode();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.scroll')?.focus());
    }
  }

  private renderSort() {
    const sheet = this.sheet;
    const model = this.host?.model;
    const table = sheet && model ? model.tablesOn(sheet)[0] : undefined;
    if (!table || !this.host) return nothing;
    const host = this.host;
    const headers = host.readTable(table.name).headers;
    const shown = headers.map((h, i) => ({ h, i })).filter(({ h, i }) => h && !table.sheet.column(table.rect.col + i).hidden);
    let column = shown[0]?.i ?? 0;
    return html`<label>Sortera <select class="sort-column" @change=${(e: Event) => (column = Number((e.target as HTMLSelectElement).value))}>
        ${shown.map(({ h, i }) => html`<option value=${i}>${h}</option>`)}
      </select></label>
      <button class="sort-asc" @click=${() => this.act(() => host.user.sortTable(table.name, column, true))}>A→Ö</button>
      <button class="sort-desc" @click=${() => this.act(() => host.user.sortTable(table.name, column, false))}>Ö→A</button>`;
  }

  override render() {
    const model = this.host?.model;
    const sheet = this.sheet;
    const view = sheet && this.host ? this.host.view(sheet.name) : undefined;
    if (!model || !sheet || !view) return html`<p>…</p>`;
    const rows = view.cells.map((cells, i) => ({ r: view.rect.row + i, cells })).filter((_, i) => !view.rowHidden[i]);
    const cols = view.columnHidden.map((hidden, i) => ({ c: view.rect.col + i, hidden })).filter((c) => !c.hidden);
    const tables = model.tablesOn(sheet);
    const inTable = (r: number, c: number) =>
      tables.some((t) => r > t.rect.row && r < t.rect.row + t.rect.rows && c >= t.rect.col && c < t.rect.col + t.rect.cols);
    return html`<div class="bar">
        <strong>${this.label}</strong>
        ${model.sheets.filter((s) => s.visibility === 'Visible').map(
          (s) => html`<button class="tab" role="tab" aria-selected=${s === sheet ? 'true' : 'false'} @click=${() => (this.sheetName = s.name)}>
            ${s.name}${s.protected ? ' (skyddat)' : ''}
          </button>`,
        )}
        ${this.renderSort()}
      </div>
      ${this.message ? html`<div class="message" role="alert">${this.message(this.lang)}</div>` : nothing} ${this.renderMenu()}
      <div class="scroll" tabindex="0" role="grid" aria-label=${`${this.label} ${sheet.name}`} @keydown=${this.onKey} @paste=${this.onPaste}>
        <table data-sheet=${sheet.name}>
          <thead><tr><th></th>${cols.map(({ c }) => html`<th>${columnLetters(c)}</th>`)}</tr></thead>
          <tbody>
            ${rows.map(
              ({ r, cells }) => html`<tr>
                <th>${r + 1}</th>
                ${cols.map(({ c }) => {
                  const cell = cells[c - view.rect.col];
                  const address = cellAddress(r, c);
                  const selected = this.cursor.row === r && this.cursor.col === c;
                  const cls = `${cell?.header ? 'header' : inTable(r, c) ? 'table' : ''} ${selected ? 'selected' : ''}`;
                  const style = `${cell?.fill ? `background:${cell.fill};` : ''}${cell?.fontColor ? `color:${cell.fontColor};` : ''}${cell?.bold ? 'font-weight:600;' : ''}`;
                  return html`<td
                    class=${cls}
                    style=${style}
                    data-address=${address}
                    @click=${() => this.select(r, c)}
                    @contextmenu=${(e: MouseEvent) => this.openMenu(e, r, c)}
                    @dblclick=${() => {
                      this.select(r, c);
                      this.startEdit(null);
                    }}
                  >
                    ${selected && this.editing !== null
                      ? html`<input
                            list=${cell?.dropdown ? 'choices' : nothing}
                            .value=${this.editing}
                            @keydown=${this.onEditKey}
                            @blur=${(e: Event) => this.editing !== null && this.commit((e.target as HTMLInputElement).value)}
                          />${cell?.dropdown ? html`<datalist id="choices">${cell.dropdown.map((o) => html`<option value=${o}></option>`)}</datalist>` : nothing}`
                      : cell?.text}
                  </td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'samplan-grid': SamplanGrid;
  }
}
