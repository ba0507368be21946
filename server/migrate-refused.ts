/**
 * A record `samplan migrate` will not copy (`migrate-texts.ts` for catalogue tables,
 * `migrate-doc-texts.ts` for texts inside documents): where it is and why, without its text.
 */
export interface RefusedRecord {
  table: string;
  /** The record's key, `workspace/id`, an identity number in it masked. */
  key: string;
  field: string;
  /** `a personnummer`, or the character as `U+202E`. */
  reason: string;
}
