/**
 * The workbench's notices: each belongs to the view it was raised in (it is not shown in the
 * others) and is worded when drawn, so it follows a language switch.
 */
import { ApiError } from './api-client.js';
import type { ViewId } from './samplan-activity-bar.js';
import { localFailureWords } from './failure-words.js';
import type { Lang } from './strings.js';

/** One notice: its words in a language, whether it warns, and its view. */
export interface Notice {
  text: (lang: Lang) => string;
  warn: boolean;
  view: ViewId;
}

/** The document the server named when it refused an identical twin (409 `doc-duplicate`), else null. */
export function duplicateOf(err: unknown): { id: string; title: string } | null {
  if (!(err instanceof ApiError) || err.code !== 'doc-duplicate') return null;
  const existing = (err.details as { existing?: { id?: unknown; title?: unknown } } | null)?.existing;
  return typeof existing?.id === 'string' && typeof existing.title === 'string' ? { id: existing.id, title: existing.title } : null;
}

/**
 * The sentence a refusing server gave in `lang` (`details.message` `{ sv, en }`, as the round,
 * lock and import refusals carry), or null when it gave none; the pane then says the kind of error.
 */
export function serverWords(err: unknown, lang: Lang): string | null {
  if (!(err instanceof ApiError)) return null;
  const message = (err.details as { message?: { sv?: unknown; en?: unknown } } | null)?.message;
  const words = message?.[lang];
  return typeof words === 'string' && words.trim() !== '' ? words : null;
}

/**
 * Why something failed, for a sentence in `lang`: the server's words ({@link serverWords}), else
 * the pane's own sentence for what happened and what to do (`localFailureWords`: an API failure's
 * kind, never the browser's `Failed to fetch`; Excel's error by its code, never its message in
 * Office's language; a storage or quota error; the pane's own `SaidError`; else a fault of the
 * add-in). Never an error's English `message`.
 */
export function failureWords(err: unknown, lang: Lang): string {
  return serverWords(err, lang) ?? localFailureWords(err, lang);
}
