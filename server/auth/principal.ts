/**
 * The principal types, defined by the sync layer (which must not import auth) and re-exported
 * here for the HTTP routes and the token code.
 */
export type { AuthFailure, AuthResult, Principal } from '../sync/principal.js';
