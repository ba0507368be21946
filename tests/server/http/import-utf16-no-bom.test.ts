/**
 * UTF-16 text without a byte-order mark (as scripts and some systems' exports write it) was
 * refused as "neither CSV, tab-separated text, XLSX … nor JSON": its bytes are valid UTF-8 with a
 * NUL every other byte, which the import takes for a binary file. Such bytes are now read as
 * UTF-16 LE or BE, and the personnummer guard reads the text as it reads any other file's.
 */
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../shared/doc/index.js';
import { decodeText, decodeTextSliced, utf16Layout } from '../../../server/http/decode-text.js';
import { englishOf, makeFixture, WS, type Fixture } from './support.js';

const TSV = 'Aktivitet\tTyp\tDeltagare planerat\r\nPromenad i Årsta\tPromenadgrupp/Gågrupp\t12\r\n';

describe('UTF-16 without a byte-order mark', () => {
  it.each(['utf-16le', 'utf-16be'] as const)('is read as %s', async (encoding) => {
    const bytes = new Uint8Array(iconv.encode(TSV, encoding));
    expect(decodeText(bytes)).toEqual({ text: TSV, encoding });
    const large = new Uint8Array(iconv.encode(TSV.repeat(4000), encoding));
    expect(large.byteLength).toBeGreaterThan(256 * 1024);
    expect(await decodeTextSliced(large)).toEqual({ text: TSV.repeat(4000), encoding });
  });

  it.each(['utf-16le', 'utf-16be'] as const)('is read as %s when a character of it has a 0 byte (Ā, U+0100)', (encoding) => {
    const text = 'Namn;Enhet\nĀbele Ozola;Husby\n';
    expect(decodeText(new Uint8Array(iconv.encode(text, encoding)))).toEqual({ text, encoding });
  });

  it('leaves UTF-8 with a NUL in a quoted value, and bytes with control characters, to the other readings', () => {
    expect(decodeText(new TextEncoder().encode('Aktivitet;Kommentar\n"a\u0000";b\n')).encoding).toBe('utf-8');
    const words = Uint8Array.from({ length: 400 }, (_, i) => (i % 2 === 1 ? 0 : i % 4 === 0 ? 0x41 : 0x07));
    expect(utf16Layout(words)).toBeNull();
    expect(utf16Layout(new Uint8Array(iconv.encode('Aktivitet', 'utf-16le')))).toBeNull();
  });
});

describe('importing UTF-16 without a byte-order mark', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const send = async (text: string) => {
    const res = await f.req(`/v1/workspaces/${WS}/documents/plan-a/import`, f.tokens.coordinator, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: new Uint8Array(iconv.encode(text, 'utf-16le')) as BodyInit,
    });
    return { status: res.status, body: (await res.json()) as { imported?: number; encoding?: string; refused?: { record: number; code: string }[]; error?: { code: string; message: string; details?: unknown } } };
  };

  it('refuses, saying it looks like UTF-16, such a file it cannot read as text', async () => {
    const { status, body } = await send('Aktivitet\tTyp\r\nPromenad\u0001\thalsodag\r\n');
    expect(status).toBe(400);
    // Swedish is the HTTP default (Accept-Language missing); the English sentence rides along in details.
    expect(body).toMatchObject({ error: { code: 'not-a-table', message: expect.stringContaining('ser ut som UTF-16-text utan byte-ordningsmärke') } });
    expect(englishOf(body.error)).toContain('looks like UTF-16 text without a byte-order mark');
  });

  it('imports its rows and refuses a personnummer in it as in any file', async () => {
    const { status, body } = await send(`${TSV}Öppet hus\thalsodag\t5\tPnr 850101-1236\r\n`.replace('Deltagare planerat\r\n', 'Deltagare planerat\tKommentar\r\n'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ imported: 1, encoding: 'utf-16le' });
    expect(body.refused).toEqual([expect.objectContaining({ record: 2, code: 'personnummer' })]);
    const rows = rowsOf(await f.samplan.registry.getDoc({ workspace: WS, doc: 'plan-a' })).map((r) => r.values);
    expect(rows.at(-1)).toMatchObject({ title: 'Promenad i Årsta', type: 'promenadgrupp', participantsPlanned: 12 });
    expect(JSON.stringify(rows)).not.toContain('850101');
  });
});
