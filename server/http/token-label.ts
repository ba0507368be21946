/**
 * An API token's label as the API and `samplan token create` read it, in a module of its own so
 * that the CLI checks `--label` before any of the server is loaded.
 */
import { checkWords } from '../../shared/i18n/check-words.js';
import { nameText } from '../../shared/validate/plain-text.js';
import { SESSION_LABEL_PREFIX } from '../auth/session-label.js';

/**
 * An API token's label, as the API and `samplan token create` take it: a name (trimmed, at most
 * 200 characters, no character a name may not hold) that does not start with
 * {@link SESSION_LABEL_PREFIX}, since that label is what marks a sign-in session (refreshable,
 * ended by signing out, listed as a session).
 */
export const tokenLabelSchema = nameText({ min: 0 }).refine(
  (label) => !label.startsWith(SESSION_LABEL_PREFIX),
  checkWords({
    sv: `får inte börja med "${SESSION_LABEL_PREFIX}", som markerar inloggningar`,
    en: `must not start with "${SESSION_LABEL_PREFIX}", which marks sign-in sessions`,
  }),
);
