/**
 * A long list drawn a page at a time, so an import of thousands of rows (taken or refused) never
 * puts thousands of items in the pane at once: {@link PAGE_SIZE} items, and under them where the
 * page stands ("51–100 av 3 000", grouped as the language writes numbers) with "Föregående" and "Nästa". The page is the caller's state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { fileImportWords } from '../../shared/i18n/file-import-words.js';
import { importNumber } from './import-counts.js';
import type { Lang } from './strings.js';

/** How many items a page shows. */
export const PAGE_SIZE = 50;

/** What {@link renderPaged} draws: the list's id, its items in words, the page shown (0-based; clamped), and who is told of another page. */
export interface PagedList {
  id: string;
  items: readonly string[];
  page: number;
  lang: Lang;
  onPage(page: number): void;
}

/**
 * The page `list.page` of `list.items` as `<ul id=…>`, and, when there is more than one page, a
 * pager (`#<id>-page` says which items are shown; `#<id>-previous`, `#<id>-next`).
 *
 * @example
 * renderPaged({ id: 'added', items: rows, page: this.pages.added ?? 0, lang, onPage: (p) => (this.pages = { ...this.pages, added: p }) })
 */
export function renderPaged(list: PagedList): TemplateResult {
  const { id, items, lang } = list;
  const last = Math.max(0, Math.ceil(items.length / PAGE_SIZE) - 1);
  const page = Math.min(Math.max(0, list.page), last);
  const from = page * PAGE_SIZE;
  const shown = items.slice(from, from + PAGE_SIZE);
  return html`<ul id=${id}>
      ${shown.map((text) => html`<li>${text}</li>`)}
    </ul>
    ${last === 0
      ? nothing
      : html`<div class="pager">
          <fluent-button id=${`${id}-previous`} ?disabled=${page === 0} @click=${() => list.onPage(page - 1)}>${fileImportWords('previous', lang)}</fluent-button>
          <span id=${`${id}-page`}>${fileImportWords('page', lang, { from: importNumber(from + 1, lang), to: importNumber(from + shown.length, lang), count: importNumber(items.length, lang) })}</span>
          <fluent-button id=${`${id}-next`} ?disabled=${page === last} @click=${() => list.onPage(page + 1)}>${fileImportWords('next', lang)}</fluent-button>
        </div>`}`;
}
