/**
 * A record whose Enhet names no unit of the workspace (a typo, a unit's former name) and is
 * therefore not the writer's own: the refusal says first that the name is unknown, with the closest
 * names, instead of only that the row belongs to another unit (the person's own clinic, misspelt).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, WS, type Fixture } from './support.js';

const importUrl = (doc: string) => `/v1/workspaces/${WS}/documents/${doc}/import?dryRun=true`;
const jsonRows = (rows: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rows) });

interface Refusal {
  record: number;
  code: string;
  message: { sv: string; en: string };
}

describe('an import naming an unknown unit', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('names the unknown unit and the closest names before the own-unit rule', async () => {
    const rows = [
      { unit: 'Vårdcentral  Ä', title: 'Felstavad egen enhet' },
      { unit: 'vc-b', title: 'Annan enhet' },
    ];
    const res = await f.req(importUrl('handlingsplan'), f.tokens.editor, jsonRows(rows));
    expect(res.status).toBe(200);
    const refused = ((await res.json()) as { refused: Refusal[] }).refused;
    expect(refused.map((r) => [r.record, r.code])).toEqual([
      [1, 'forbidden-row'],
      [2, 'forbidden-row'],
    ]);
    const [unknown, other] = refused as [Refusal, Refusal];
    expect(unknown.message.sv).toMatch(/^Post 1: Enhet: "Vårdcentral {2}Ä" finns inte i listan\. Menade du "Vårdcentral A".*En ny rad måste höra till en av dina egna enheter/);
    expect(unknown.message.en).toMatch(/^Record 1: Unit: "Vårdcentral {2}Ä" is not in the list\. Did you mean "Vårdcentral A".*A new row must belong to one of your own units/);
    // A unit the workspace knows, not the writer's: the rule alone.
    expect(other.message.sv).toBe('Post 2: En ny rad måste höra till en av dina egna enheter (kolumnen Enhet).');
  });
});
