/**
 * The workbench's notices: each belongs to the view it was raised in (it is not shown in the
 * others) and is worded when drawn, so it follows a language switch.
 */
import { ApiError } from './api-client.js';
import type { ViewId } from './samplan-activity-bar.js';
import { localFailureWords } from './failure-words.js';
import { refusalWords } from './refusal-words.js';
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
 * Why something failed, for a sentence in `lang`: a server's refusal by its code (`refusalWords`:
 * the server's words, else the pane's for that kind of refusal), else the pane's own sentence for
 * what happened and what to do (`localFailureWords`: Excel's error by its code, never its message in
 * Office's language; a storage or quota error; the pane's own `SaidError`; else a fault of the
 * add-in). Never an error's English `message`.
 */
export function failureWords(err: unknown, lang: Lang): string {
  return refusalWords(err, lang) ?? localFailureWords(err, lang);
}
