/**
 * Bytes of Yjs' V1 update encoding (yjs 13.6, lib0 0.2) that the one-cell quick paths read and
 * compare without Yjs' decoder: `cell-write.ts` (the check) and `server/sync/emits-as-is.ts` (is
 * the incoming update what Yjs would emit). After a Yjs or lib0 upgrade, run the differential
 * tests of both (`cell-write.test`, `emits-as-is.test`, `emits-as-is-canonical.test`).
 */

/** Yjs' info bits of an item: a left origin, a right origin, a key written (V1). */
export const HAS_ORIGIN = 0x80;
export const HAS_RIGHT_ORIGIN = 0x40;
export const HAS_PARENT_SUB = 0x20;
/** The content ref of `ContentAny` in the low five bits of the info byte. */
export const CONTENT_ANY = 8;
/** The type bytes lib0's `writeAny` puts before a value (its `readAny` cases). */
export const ANY_STRING = 119;
export const ANY_TRUE = 120;
export const ANY_FALSE = 121;
export const ANY_FLOAT64 = 123;
export const ANY_FLOAT32 = 124;
export const ANY_INTEGER = 125;
export const ANY_NULL = 126;
