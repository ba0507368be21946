/**
 * The character rule of names and texts (`shared/validate/plain-text.ts`) over the socket: a new
 * document title or a comment written with a control or bidirectional character is refused in
 * words naming the field and the character (only that part: the rest of the update stands), and
 * what was stored before the rule still reads.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMMENTS_ROOT } from '../../../shared/comments/comment-schema.js';
import { addComment, editComment, threadOf } from '../../../shared/comments/comments.js';
import { createDoc } from '../../../shared/doc/create.js';
import { docFromState, encodeState } from '../../../shared/doc/encode.js';
import { insertRow } from '../../../shared/doc/rows.js';
import { checkUpdate, type UpdateVerdict } from '../../../shared/validate/check-update.js';
import { visibleText } from '../../../shared/validate/text-fault.js';
import { updateOf } from '../../support/update-of.js';

function pair(): { server: Y.Doc; client: Y.Doc; rowId: string } {
  const server = createDoc('action-plan', { title: 'Handlingsplan 2026', ownerUnit: 'lan-stockholm', schemaVersion: 1 });
  const rowId = insertRow(server, { unit: 'vc-tensta', measure: 'Hälsodag' });
  return { server, client: docFromState(encodeState(server)), rowId };
}

/** A comment written straight into the map, as an older version or a stock Yjs client could. */
function rawComment(doc: Y.Doc, fields: Record<string, unknown>, id = 'cRaw000001'): void {
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(fields)) entry.set(k, v);
    doc.getMap(COMMENTS_ROOT).set(id, entry);
  });
}

function refusal(v: UpdateVerdict): { code: string; sv: string; en: string; only: unknown } {
  if (v.ok) return { code: 'ok', sv: '', en: '', only: undefined };
  return { code: v.code, sv: v.message.sv, en: v.message.en, only: v.only && { meta: v.only.meta, comments: v.only.comments, rows: v.only.rows } };
}

const AT = '2026-03-12T09:15:00.000Z';

describe('checkUpdate: characters of comments', () => {
  it.each([
    ['\u202e', 'U+202E', 'höger-till-vänster-åsidosättning', 'right-to-left override'],
    ['\u2066', 'U+2066', 'vänster-till-höger-isolering', 'left-to-right isolate'],
    ['\u0007', 'U+0007', 'ett styrtecken', 'a control character'],
    ['\u001b[2J', 'U+001B', 'ett styrtecken', 'a control character'],
  ])('refuses a new comment holding %j, naming the comment and the character, and keeps the rest', (bad, code, sv, en) => {
    const { server, client, rowId } = pair();
    const u = updateOf(client, () => {
      rawComment(client, { row: rowId, author: 'nina', at: AT, text: `Bokad av ${bad}evil` });
      insertRow(client, { unit: 'vc-tensta', measure: 'Promenad' });
    });
    const r = refusal(checkUpdate(server, u));
    expect(r.code).toBe('bad-character');
    // 'Bokad av ' is nine characters: the refused one is the tenth.
    expect(r.sv).toBe(`Kommentaren innehåller ${code} (${sv}) som tecken nr 10, vilket inte får finnas i en text.`);
    expect(r.en).toBe(`The comment contains ${code} (${en}) as character 10, which a text may not hold.`);
    expect(r.only).toEqual({ meta: false, comments: true, rows: [] });
  });

  it('refuses an edit that writes an override into an existing comment', () => {
    const { server, client, rowId } = pair();
    const id = addComment(server, { row: rowId, author: 'nina', text: 'Första' });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    const r = refusal(checkUpdate(server, updateOf(client, () => editComment(client, id, 'Första \u202dändrad'))));
    expect(r.code).toBe('bad-character');
    expect(r.sv).toContain('U+202D (vänster-till-höger-åsidosättning)');
  });

  it('accepts line feeds, tabs, direction marks and every Swedish letter in a comment', () => {
    const { server, client, rowId } = pair();
    const text = 'Rad ett: Åsa, Örjan\nRad två:\tklart – 12 st\nשלום\u200f (hebreiska)';
    const v = checkUpdate(server, updateOf(client, () => addComment(client, { row: rowId, author: 'nina', text })));
    expect(v.ok).toBe(true);
  });

  it('still reads a comment stored before the rule, lets it be deleted or its text corrected', () => {
    const { server, client, rowId } = pair();
    rawComment(server, { row: rowId, author: 'nina', at: AT, text: 'Gammal \u202eevil' }, 'cOld000001');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    expect(threadOf(server, rowId).map((c) => c.text)).toEqual(['Gammal \u202eevil']);
    const fixed = checkUpdate(server, updateOf(client, () => editComment(client, 'cOld000001', 'Gammal, rättad')));
    expect(fixed.ok).toBe(true);
  });

  it('addComment refuses such a text itself (TypeError), as it refuses an empty one', () => {
    const { client, rowId } = pair();
    expect(() => addComment(client, { row: rowId, author: 'nina', text: 'a\u202eb' })).toThrow(TypeError);
  });
});

describe('checkUpdate: characters of meta.title', () => {
  it.each([
    ['Plan \u202eevil', 'U+202E (höger-till-vänster-åsidosättning) som tecken nr 6', 'U+202E (right-to-left override) as character 6'],
    ['Plan\u0007', 'U+0007 (ett styrtecken) som tecken nr 5', 'U+0007 (a control character) as character 5'],
    ['Plan\nTvå', 'U+000A (ett styrtecken) som tecken nr 5', 'U+000A (a control character) as character 5'],
    ['Plan \u200f2026', 'U+200F (höger-till-vänster-markering) som tecken nr 6', 'U+200F (right-to-left mark) as character 6'],
    ['😀 Plan\u200b', 'U+200B (nollbrett mellanslag) som tecken nr 7', 'U+200B (zero-width space) as character 7'],
    ['Cafe\u0301 👍🏽\u200b', 'U+200B (nollbrett mellanslag) som tecken nr 7', 'U+200B (zero-width space) as character 7'],
  ])('refuses a title %j in words naming the character and its place, only the settings, the rows kept', (title, sv, en) => {
    const { server, client } = pair();
    const u = updateOf(client, () => {
      client.getMap('meta').set('title', title);
      insertRow(client, { unit: 'vc-tensta', measure: 'Promenad' });
    });
    const v = checkUpdate(server, u);
    const r = refusal(v);
    expect(r.code).toBe('bad-character');
    expect(r.sv).toBe(`Dokumentfältet «title» innehåller ${sv}, vilket inte får finnas i ett namn.`);
    expect(r.en).toBe(`The document field "title" contains ${en}, which a name may not hold.`);
    expect(r.only).toEqual({ meta: true, comments: false, rows: [] });
    expect(!v.ok && v.only?.rest.createdRows.length).toBe(1);
  });

  it('refuses a title longer than a name may be over REST (200), in words, only the settings, the rows kept', () => {
    const { server, client } = pair();
    const v = checkUpdate(
      server,
      updateOf(client, () => {
        client.getMap('meta').set('title', 'Handlingsplan '.repeat(15));
        insertRow(client, { unit: 'vc-tensta', measure: 'Promenad' });
      }),
    );
    const r = refusal(v);
    expect(r.code).toBe('string-too-long');
    expect(r.en).toMatch(/ longer than 200 characters/);
    expect(r.sv).toMatch(/ längre än 200 tecken/);
    expect(r.only).toEqual({ meta: true, comments: false, rows: [] });
    const fits = docFromState(encodeState(server));
    expect(checkUpdate(server, updateOf(fits, () => fits.getMap('meta').set('title', 'Å'.repeat(200)))).ok).toBe(true);
  });

  it.each([['   '], [''], ['\u00a0\u2003\t']])(
    'refuses a blank title %j (REST refuses it too) in words, only the settings, the rows kept',
    (title) => {
      const { server, client } = pair();
      const v = checkUpdate(
        server,
        updateOf(client, () => {
          client.getMap('meta').set('title', title);
          insertRow(client, { unit: 'vc-tensta', measure: 'Promenad' });
        }),
      );
      const r = refusal(v);
      expect(r.code).toBe('blank-title');
      expect(r.sv).toBe('Dokumentets titel är tom eller bara mellanslag; skriv minst ett tecken.');
      expect(r.en).toBe("The document's title is empty or only spaces; write at least one character.");
      expect(r.only).toEqual({ meta: true, comments: false, rows: [] });
      expect(!v.ok && v.only?.rest.createdRows.length).toBe(1);
    },
  );

  it('accepts a title with spaces around a word', () => {
    const { server, client } = pair();
    expect(checkUpdate(server, updateOf(client, () => client.getMap('meta').set('title', '  Plan  '))).ok).toBe(true);
  });

  it('accepts a Swedish title with dashes and Sami letters', () => {
    const { server, client } = pair();
    const v = checkUpdate(server, updateOf(client, () => client.getMap('meta').set('title', 'Handlingsplan Åre – Čáhppes ŋ 2026')));
    expect(v.ok).toBe(true);
  });

  it('passes a title stored before the rule when the update leaves it alone', () => {
    const { server, client } = pair();
    server.getMap('meta').set('title', 'Gammal \u202etitel');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
    const v = checkUpdate(server, updateOf(client, () => insertRow(client, { unit: 'vc-tensta', measure: 'Promenad' })));
    expect(v.ok).toBe(true);
  });
});

describe('visibleText', () => {
  it('shows each refused character as its code and keeps the rest', () => {
    expect(visibleText('a\u202eevil')).toBe('a⟨U+202E⟩evil');
    expect(visibleText('rad\nrad\t\u0007', { multiline: true })).toBe('rad\nrad\t⟨U+0007⟩');
    expect(visibleText('x\ud800y')).toBe('x⟨U+D800⟩y');
    expect(visibleText('Vårdcentral 😀 Åby')).toBe('Vårdcentral 😀 Åby');
  });
});
