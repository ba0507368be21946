import { describe, expect, it } from 'vitest';
import { MEMBER_ID_MAX, memberIdFault, memberIdFaultWords, memberIdOfText } from '../../../shared/protocol/member-id.js';
import { presenceUserSchema } from '../../../shared/protocol/awareness.js';
import { transitionSchema } from '../../../shared/rounds/model.js';
import { CommentSchema } from '../../../shared/comments/comment-schema.js';

/** A UPN of Entra's longest: 64 characters before the `@`, 48 after. */
const LONG_UPN = `${'a'.repeat(64)}@${'b'.repeat(44)}.se`;

describe('a member id', () => {
  it('is what real accounts hold: a UPN with an apostrophe, a guest UPN, an e-mail with +, an oid, a sub, lower-cased', () => {
    // `'` and `#` were refused, as was every id past 128 characters.
    for (const text of ["Sean.O'Brien@Region.se", 'anna_example.com#EXT#@region.onmicrosoft.com', 'anna+plan@region.se', 'd!x^y~z@region.se', '00000000-0000-0000-66f3-3332eca7ea81', 'AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ', LONG_UPN, 'x'.repeat(MEMBER_ID_MAX)]) {
      expect(memberIdFault(memberIdOfText(text)), text).toBeNull();
    }
  });

  it('refuses what could be a path, a query, markup, a formula or a log line, naming the character', () => {
    expect(memberIdFault('')).toEqual({ code: 'empty' });
    expect(memberIdFault('x'.repeat(MEMBER_ID_MAX + 1))).toEqual({ code: 'too-long', length: MEMBER_ID_MAX + 1 });
    expect(memberIdFault('../etc/passwd')).toEqual({ code: 'first-character', character: '.' });
    expect(memberIdFault('=cmd()')).toEqual({ code: 'first-character', character: '=' });
    expect(memberIdFault("'anna")).toEqual({ code: 'first-character', character: "'" });
    for (const [id, character] of [
      ['anna/berg', '/'],
      ['anna berg', ' '],
      ['anna\nberg', '\n'],
      ['åsa@region.se', 'å'],
      ['anna"><b', '"'],
      ['a%2fb', '%'],
      ['a?b', '?'],
      ['a\\b', '\\'],
    ] as const) {
      expect(memberIdFault(memberIdOfText(id)), id).toMatchObject({ character });
    }
    expect(memberIdFaultWords({ code: 'character', character: 'é' })).toEqual({
      sv: "innehåller ”é” (U+00E9), som ett id inte får innehålla; ett id har högst 255 tecken: bokstäverna a–z utan accenter, siffror och . - _ @ + ' ! # ^ ~, först en bokstav eller siffra (ett UPN eller en e-postadress går bra)",
      en: "holds “é” (U+00E9), which an id may not hold; an id has at most 255 characters: the letters a–z without accents, digits and . - _ @ + ' ! # ^ ~, a letter or digit first (a UPN or an e-mail address fits)",
    });
    expect(memberIdFaultWords({ code: 'character', character: '\n' }).sv).toContain('tecknet U+000A');
  });

  it('is taken as long as sign-in takes it wherever one is kept: presence, a round’s transition, a comment', () => {
    // Presence and a round's transition took 64 characters: a UPN of 113 signed in, then was refused there.
    expect(presenceUserSchema.safeParse({ name: 'A', memberId: LONG_UPN }).success).toBe(true);
    expect(transitionSchema.safeParse({ action: 'submit', from: 'pagar', to: 'inskickad', by: LONG_UPN, at: '2026-01-01T00:00:00.000Z', reason: null }).success).toBe(true);
    expect(CommentSchema.safeParse({ row: 'r1', author: 'x'.repeat(200), at: '2026-01-01T00:00:00.000Z', text: 'Hej' }).success).toBe(true);
    expect(presenceUserSchema.safeParse({ name: 'A', memberId: 'x'.repeat(MEMBER_ID_MAX + 1) }).success).toBe(false);
  });
});
