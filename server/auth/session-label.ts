/**
 * The label that marks a sign-in session among a workspace's tokens (`sessions.ts`), in a module of
 * its own so that `samplan token create` checks a `--label` before any of the server is loaded.
 */

/** What every session's label starts with; API tokens may not use it. */
export const SESSION_LABEL_PREFIX = 'session: ';
