/**
 * A value as a document stores it (a text, a number, an object or array of them) read for a
 * personnummer as the guard read it when it was written: each text alone, keys included. A JSON
 * text of an object or array (the rounds store's values, `rounds-store.ts`) is read as the fields
 * it holds, each alone, and never whole: a round's value holds a server timestamp
 * (`"at":"2026-03-02T09:14:03.512Z"`) beside the reason a coordinator wrote, and read as one text a
 * label word of the reason (`pnr`, `personnummer`) names the timestamp's digits as a number's
 * (`2026-03-02T09:14`). The door judged the reason alone (`freeText` of the rounds' bodies); the
 * server wrote the rest. Used by `samplan migrate` (`migrate-doc-texts.ts`) and `samplan history
 * scan` (`history-texts.ts`).
 */
import { findPersonnummerInValue } from '../shared/validate/personnummer.js';
import { findPersonnummerInBinary } from '../shared/validate/raw-scan-binary.js';

/** Told the path of a value holding a personnummer (`closures/<round>/reason`, `rows/<id>/title`). */
export type FoundAt = (path: readonly string[]) => void;

/** What a JSON text of an object or array holds; undefined for any other text. */
export function parsedJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Calls `found` with the path of each text in `value` that holds a personnummer: a string (a JSON
 * text of an object or array by its fields, see the module comment), a number as a cell shows it,
 * each element of an array (`path/<index>`), each key and value of an object (`path/<key>`), a
 * byte array by every reading of bytes (`findPersonnummerInBinary`). Booleans and null hold none.
 *
 * @example
 * scanStoredValue('{"at":"2026-03-02T09:14:03.512Z","reason":"pnr klar"}', ['closures', 'q1'], found); // nothing found
 */
export function scanStoredValue(value: unknown, path: readonly string[], found: FoundAt): void {
  if (typeof value === 'string') {
    const held = parsedJson(value);
    if (held !== undefined) scanStoredValue(held, path, found);
    else if (findPersonnummerInValue(value) !== null) found(path);
    return;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (findPersonnummerInValue(value) !== null) found(path);
    return;
  }
  // Bytes in a value (Yjs writes a `Uint8Array` in a JSON value as bytes) are read as the door's
  // walk reads them (`binariesOf`), not as an object of byte values, none of them a number.
  if (value instanceof Uint8Array) {
    if (findPersonnummerInBinary(value) !== null) found(path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => scanStoredValue(v, [...path, String(i)], found));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (findPersonnummerInValue(k) !== null) found([...path, k]);
      else scanStoredValue(v, [...path, k], found);
    }
  }
}

/** True when {@link scanStoredValue} finds a personnummer in `value`. */
export function storedValueHolds(value: unknown): boolean {
  let held = false;
  scanStoredValue(value, [], () => (held = true));
  return held;
}
