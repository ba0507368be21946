/**
 * The work reading `content.xml` takes grows with what is kept, never with what a few bytes of
 * XML can claim: a cell of a million paragraphs, merges each spanning the whole grid, a sheet's
 * rows after it passed the limits, many sheets each just within them. Each of these took minutes
 * (or all the memory) on a file of a few MiB; each is now read in well under the test's time.
 */
import { describe, expect, it } from 'vitest';
import { readOdsContent } from '../../../server/http/ods-content.js';
import { XLSX_LIMITS } from '../../../server/http/xlsx-read.js';
import { odsContent } from '../../support/ods.js';

const farAway = () => Date.now() + 60_000;
const header = '<table:table-row><table:table-cell office:value-type="string"><text:p>Aktivitet</text:p></table:table-cell></table:table-row>';

describe('reading content.xml in bounded work', () => {
  it('reads a cell of a million paragraphs, its text cut at 32,767 characters', async () => {
    const cell = `<table:table-cell office:value-type="string">${'<text:p>ab</text:p>'.repeat(1_000_000)}</table:table-cell>`;
    const [sheet] = await readOdsContent(odsContent(`<table:table table:name="Plan"><table:table-row>${cell}</table:table-row></table:table>`), XLSX_LIMITS, farAway());
    const text = sheet?.table[0]?.[0];
    expect(typeof text === 'string' && text.length).toBeLessThanOrEqual(32_767);
    expect(typeof text === 'string' && text.length).toBeGreaterThan(32_700);
    expect(typeof text === 'string' && text.startsWith('ab\nab\n')).toBe(true);
  }, 30_000);

  it('keeps a paragraph longer than 32,767 characters, cut, and the text a space run pushes past the limit', async () => {
    const long = `<table:table-cell office:value-type="string"><text:p>${'a'.repeat(40_000)}</text:p></table:table-cell>`;
    const spaced = '<table:table-cell office:value-type="string"><text:p>Mål<text:s text:c="99999"/>slut</text:p></table:table-cell>';
    const [sheet] = await readOdsContent(odsContent(`<table:table table:name="Plan"><table:table-row>${long}${spaced}</table:table-row></table:table>`), XLSX_LIMITS, farAway());
    const [first, second] = sheet?.table[0] ?? [];
    expect(typeof first === 'string' && [first.length, first.slice(0, 3)]).toEqual([32_767, 'aaa']);
    expect(typeof second === 'string' && [second.length, second.slice(0, 4)]).toEqual([32_767, 'Mål ']);
  });

  it('reads 50,000 merged cells each claiming to span all 16,384 columns', async () => {
    // The covered cells left out, as a careless writer may: the merge alone must not cost 16,384 steps.
    const merged = '<table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="16384" table:number-rows-spanned="2"><text:p>Mål</text:p></table:table-cell></table:table-row>';
    const sheets = await readOdsContent(odsContent(`<table:table table:name="Plan">${header}${merged.repeat(50_000)}</table:table>`), XLSX_LIMITS, farAway());
    expect([sheets[0]?.over, sheets[0]?.table.length]).toEqual([null, 50_001]);
  }, 30_000);

  it('stops keeping a later sheet\'s values once it is past the limits', async () => {
    const wide = '<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"><text:p>1</text:p></table:table-cell></table:table-row>';
    const sheets = await readOdsContent(odsContent(`<table:table table:name="Plan">${header}</table:table><table:table table:name="Rådata">${wide.repeat(100_000)}</table:table>`), XLSX_LIMITS, farAway());
    expect(sheets.map((s) => [s.name, s.over, s.table.length])).toEqual([['Plan', null, 1], ['Rådata', 'cells', 0]]);
  }, 30_000);

  it('keeps at most twice one sheet\'s cells over all sheets; the later ones are past the limits', async () => {
    const rows = Math.floor(XLSX_LIMITS.maxCells / 16_384);
    const full = `<table:table-row table:number-rows-repeated="${rows}"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"><text:p>1</text:p></table:table-cell></table:table-row>`;
    const tables = Array.from({ length: 200 }, (_, i) => `<table:table table:name="Blad${i + 1}">${full}</table:table>`).join('');
    const sheets = await readOdsContent(odsContent(tables), XLSX_LIMITS, farAway());
    expect(sheets.slice(0, 3).map((s) => [s.over, s.table.length])).toEqual([[null, rows], [null, rows], ['cells', 0]]);
    expect(sheets.every((s, i) => i < 2 || s.over === 'cells')).toBe(true);
  }, 30_000);

  it('reads no cell of a hidden sheet after the first', async () => {
    const styles = '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="false"/></style:style>';
    const sheets = await readOdsContent(odsContent(`<table:table table:name="Plan">${header}</table:table><table:table table:name="Listor" table:style-name="ta1">${header}</table:table>`, styles), XLSX_LIMITS, farAway());
    expect(sheets.map((s) => [s.name, s.hidden, s.table.length])).toEqual([['Plan', false, 1], ['Listor', true, 0]]);
  });

  it('gives up past its deadline', async () => {
    const xml = odsContent(`<table:table table:name="Plan">${header.repeat(100_000)}</table:table>`);
    await expect(readOdsContent(xml, XLSX_LIMITS, Date.now() - 1)).rejects.toMatchObject({ kind: 'timeout' });
  });
});
