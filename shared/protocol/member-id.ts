/**
 * A member id, the one shape every door takes and every record holds: work-account sign-in
 * (`server/auth/oidc-member.ts`, the claim `SAMPLAN_OIDC_MEMBER_CLAIM` names, `preferred_username`
 * by default), the API and `samplan member add` (`server/http/member-body.ts`), a token's member,
 * presence (`awareness.ts`), a round's transitions and a comment's author.
 *
 * What real accounts hold, so that none is refused:
 * - A UPN (`preferred_username` and `upn` in Entra ID): "Only the following characters are allowed
 *   A - Z, a - z, 0 - 9, ' . - _ ! # ^ ~" before the `@`, no accents, at most 64 characters before
 *   it and 48 after (Microsoft Graph, user resource, `userPrincipalName`:
 *   https://learn.microsoft.com/graph/api/resources/user; Entra ID's user name policies). A guest's
 *   UPN holds `#EXT#` (`anna_example.com#EXT#@region.onmicrosoft.com`), an Irish name `'`
 *   (`sean.o'brien@region.se`): both were refused, `'` with words saying the account had no user
 *   name at all.
 * - An e-mail address (`email`, and `preferred_username` of some accounts): also `+`.
 * - `oid`: "String, a GUID"; `sub`: "a pairwise identifier", in Entra base64url (`A–Z a–z 0–9 - _`)
 *   (Entra ID token claims reference: https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference);
 *   at most 255 ASCII characters in OpenID Connect Core (§2, `sub`).
 *
 * Ids are kept lower-cased ({@link memberIdOfText}): a UPN and an e-mail address are typed either
 * way and name one account. A pairwise `sub` is case-sensitive, but two of Entra's differing only
 * in case are not met in practice (43 random characters), and members stored lower-cased since the
 * first Samplan must still sign in. The reference above advises `oid` or `sub` over
 * `preferred_username`, which is mutable; Samplan keys on what an admin invites by (the e-mail
 * address or UPN) and takes another claim when `SAMPLAN_OIDC_MEMBER_CLAIM` names it.
 *
 * Everything else is refused in words naming the character: no space, control character, quote
 * `"`, `/`, `\`, `%`, `?`, `&`, `<`, `>` or `:`, so an id never becomes a path, a query, markup or a
 * log line of its own (SQL takes it as a bound parameter wherever it is stored); and it starts
 * with a letter or digit, so a CSV or a sheet never reads it as a formula (`=`, `+`, `-`, `@`) or
 * hides its first `'`.
 */
import { numberText } from '../i18n/number-words.js';
import type { Localized } from '../schema/types.js';

/** The most characters a member id has: OpenID Connect's `sub` (255), an e-mail address (254), a UPN (113). */
export const MEMBER_ID_MAX = 255;

/** The characters a member id holds after its first: lower-case letters, digits and these marks. */
const MARKS = ".-_@+'!#^~";

/** A member id: a lower-case letter or digit, then up to 254 of them or {@link MARKS}. */
export const MEMBER_ID_PATTERN = new RegExp(`^[a-z0-9][a-z0-9${MARKS.replace(/[-^\]\\]/g, '\\$&')}]{0,${MEMBER_ID_MAX - 1}}$`);

/** A text as a member id is kept: trimmed and lower-cased (`Anna.Berg@Region.se` → `anna.berg@region.se`). */
export function memberIdOfText(text: string): string {
  return text.trim().toLowerCase();
}

/** Why a text (already {@link memberIdOfText}) is no member id. */
export type MemberIdFault = { code: 'empty' } | { code: 'too-long'; length: number } | { code: 'first-character' | 'character'; character: string };

/** Why `id` is no member id, or null when it is one. The first character it may not hold is named. */
export function memberIdFault(id: string): MemberIdFault | null {
  if (MEMBER_ID_PATTERN.test(id)) return null;
  if (id === '') return { code: 'empty' };
  const chars = [...id];
  if (chars.length > MEMBER_ID_MAX) return { code: 'too-long', length: chars.length };
  const first = chars[0] ?? '';
  if (!/^[a-z0-9]$/.test(first)) return { code: 'first-character', character: first };
  const wrong = chars.find((c) => !/^[a-z0-9]$/.test(c) && !MARKS.includes(c)) ?? first;
  return { code: 'character', character: wrong };
}

/** A character as a sentence names it: a visible one quoted (`”/”`), another by its code point (`U+0020`). */
export function characterWords(character: string): Localized {
  const code = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character)) return { sv: `”${character}” (${code})`, en: `“${character}” (${code})` };
  if (character === ' ') return { sv: `ett mellanslag (${code})`, en: `a space (${code})` };
  return { sv: `tecknet ${code}`, en: `the character ${code}` };
}

/** The rule in words, after what is wrong: what a member id may hold. */
export const MEMBER_ID_RULE: Localized = {
  sv: `ett id har högst ${numberText(MEMBER_ID_MAX, 'sv')} tecken: bokstäverna a–z utan accenter, siffror och . - _ @ + ' ! # ^ ~, först en bokstav eller siffra (ett UPN eller en e-postadress går bra)`,
  en: `an id has at most ${numberText(MEMBER_ID_MAX, 'en')} characters: the letters a–z without accents, digits and . - _ @ + ' ! # ^ ~, a letter or digit first (a UPN or an e-mail address fits)`,
};

/**
 * What is wrong with a member id, as the words after the field (`id ska …`, zod's refusal, the
 * CLI's `--id`): the fault, then {@link MEMBER_ID_RULE}.
 *
 * @example
 * memberIdFaultWords({ code: 'character', character: 'é' }).sv; // 'innehåller ”é” (U+00E9), som ett id inte får innehålla; ett id har högst 255 tecken: …'
 */
export function memberIdFaultWords(fault: MemberIdFault): Localized {
  const what: Localized =
    fault.code === 'empty'
      ? { sv: 'saknas', en: 'is missing' }
      : fault.code === 'too-long'
        ? { sv: `har ${numberText(fault.length, 'sv')} tecken`, en: `has ${numberText(fault.length, 'en')} characters` }
        : fault.code === 'first-character'
          ? { sv: `börjar med ${characterWords(fault.character).sv}`, en: `starts with ${characterWords(fault.character).en}` }
          : { sv: `innehåller ${characterWords(fault.character).sv}, som ett id inte får innehålla`, en: `holds ${characterWords(fault.character).en}, which an id may not hold` };
  return { sv: `${what.sv}; ${MEMBER_ID_RULE.sv}`, en: `${what.en}; ${MEMBER_ID_RULE.en}` };
}
