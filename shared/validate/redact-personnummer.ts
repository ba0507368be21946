/**
 * Masks every personnummer and samordningsnummer in a text, in every spelling
 * {@link findPersonnummer} knows, for texts that are kept whatever they hold: log lines and audit
 * details. Stored document text is refused instead, never masked.
 */
import { findPersonnummer } from './personnummer.js';

/**
 * `text` with every identity number replaced by `mask`. Linear in practice: each round starts
 * after the previous mask.
 *
 * @example
 * redactPersonnummer('GET /v1/sync/w/850101–1236'); // 'GET /v1/sync/w/[redacted]'
 */
export function redactPersonnummer(text: string, mask = '[redacted]'): string {
  let done = '';
  let rest = text;
  for (let found = findPersonnummer(rest); found !== null; found = findPersonnummer(rest)) {
    done += rest.slice(0, found.index) + mask;
    rest = rest.slice(found.index + found.match.length);
  }
  return done + rest;
}
