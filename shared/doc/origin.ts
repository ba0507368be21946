/**
 * Transaction origin of every write made through this module (`insertRow`, `setCell`, ...)
 * unless the caller wraps the call in its own `doc.transact(fn, origin)`, whose origin wins.
 * Observers can compare `ChangeSet.origin` with it to skip their own echo.
 */
export const LOCAL_ORIGIN: unique symbol = Symbol('samplan.local');

/** Origin used by {@link applyState} when the caller gives none: bytes that came from elsewhere. */
export const REMOTE_ORIGIN: unique symbol = Symbol('samplan.remote');
