/**
 * A name or text the server (or the pane's own check) refused for a character it may not hold,
 * shown beside the refusal with that character marked where it is: the text as the Explorer shows
 * stored ones (`visibleText`: `⟨U+200B⟩` for each such character), the refused one in a `<mark>`.
 */
import { html, type TemplateResult } from 'lit';
import { visibleAround, type TextKind } from '../../shared/validate/text-fault.js';

/**
 * `text` with the character at `index` (0-based, UTF-16) marked, in a `p.refused-text`, or null
 * for an index outside the text.
 */
export function refusedText(text: string, index: number, kind: TextKind = {}): TemplateResult | null {
  const [before, at, after] = visibleAround(text, index, kind);
  if (at === '') return null;
  return html`<p class="refused-text">${before}<mark>${at}</mark>${after}</p>`;
}

/**
 * Where the character a 400 refused is in the text sent (`details.index`, 0-based UTF-16, of
 * `details.field`: `server/http/errors.ts`), or null when `err` (a client's error carrying the
 * server's `details`: `ApiError`, `MembersError`) refused no character.
 */
export function refusedIndex(err: unknown): number | null {
  if (!(err instanceof Error) || !('details' in err)) return null;
  const details = err.details as { character?: unknown; index?: unknown } | null | undefined;
  return typeof details?.character === 'string' && typeof details.index === 'number' ? details.index : null;
}
