/**
 * A database or Redis address whose user name or password holds `#`, `/` or `?` as typed
 * (`postgres://samplan:2024#Vinter@db/samplan`): a URL ends its authority at the first of them, so
 * the password's start reads as the host and port (`samplan:2024`) and its rest, the `@` and the
 * real host as a path, query or fragment. Such an address parses, so `new URL` reports no password
 * to hide and the drivers connect to a host named like the user ("the host name samplan is not
 * known"), the password quoted in the sentence. Found here, it is refused before anything connects
 * and masked wherever it is shown (`redactPassword`).
 */
import type { Localized } from '../shared/schema/types.js';

/**
 * True when `url` (`scheme://…`) has its user name or password cut by a `#`, `/` or `?` typed in
 * it: its authority (up to the first of them) holds no `@`, and an `@` follows that is no
 * query parameter's value. Only what stands before the host is judged: an authority that holds
 * an `@` has its user name and password before it, and what follows is path, query or fragment,
 * where an `@` is the address's own (`?sslcert=/certs/a@b.crt`). False for an address without
 * `//`, and for one without an `@` after its authority.
 *
 * @example splitUserinfo('postgres://samplan:2024#Vinter@db/x') // true
 * @example splitUserinfo('postgres://samplan:2024%23Vinter@db/x') // false
 * @example splitUserinfo('postgres://u:p@db/x?sslcert=/a@b') // false
 * @example splitUserinfo('postgres://db/x?sslcert=/a@b') // false
 */
export function splitUserinfo(url: string): boolean {
  const slashes = url.indexOf('//');
  if (slashes < 0) return false;
  const start = slashes + 2;
  const end = url.slice(start).search(/[/?#]/);
  if (end < 0) return false;
  const authority = url.slice(start, start + end);
  if (authority.includes('@')) return false;
  const at = url.indexOf('@', start + end);
  if (at < 0) return false;
  return !inQueryValue(url.slice(start + end, at));
}

/**
 * Whether an `@` after `before` (the address from its authority's end up to that `@`) stands in a
 * query parameter's value: inside the query (after a `?`, no `#` before it), its parameter (after
 * the last `&`) has its `=`. A password's rest has none before its `@`
 * (`samplan:2024?Vinter@db`: a parameter `Vinter@db` without a value).
 */
function inQueryValue(before: string): boolean {
  const query = before.indexOf('?');
  if (query < 0 || before.slice(0, query).includes('#')) return false;
  const rest = before.slice(query + 1);
  if (rest.includes('#')) return false;
  return (rest.split('&').at(-1) ?? '').includes('=');
}

/**
 * The refusal of an address {@link splitUserinfo} finds, given as `setting` (`--to`,
 * `--database-url / SAMPLAN_DATABASE_URL`): which characters to write encoded, and how. The
 * address is not quoted: where its password ends is what cannot be told.
 */
export function splitUserinfoWords(setting: string): Localized {
  return {
    sv: `Inställningen ${setting} har ett #, / eller ? i användarnamnet eller lösenordet: där avslutar de adressens värddel, så lösenordet skulle läsas som värdnamn. Skriv dem kodade: # som %23, / som %2F, ? som %3F (och @ som %40).`,
    en: `The setting ${setting} has a #, / or ? in its user name or password: there they end the address's host part, so the password would be read as the host name. Write them encoded: # as %23, / as %2F, ? as %3F (and @ as %40).`,
  };
}
