/**
 * How the demo's token file is named, in a module of its own: `samplan backup` and `export` refuse
 * to write onto it, checked before any of the server (or Yjs, which the demo's seed needs) is loaded.
 */

/** What the demo's token file is named by, after the SQLite database's path (`<db>.demo-tokens.json`). */
export const DEMO_TOKENS_SUFFIX = '.demo-tokens.json';
