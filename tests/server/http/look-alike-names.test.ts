/**
 * Names that look alike are one name: a unit, or a document of the same kind for the same unit,
 * whose name differs from an existing one only in case, invisible characters, spacing or how its
 * letters are composed (`shared/validate/name-key.ts`) is refused 409, naming the existing one;
 * names a reader can tell apart pass.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nameKey } from '../../../shared/validate/name-key.js';
import { errorOf, makeFixture, WS, type Fixture, englishOf } from './support.js';

let f: Fixture;
beforeEach(async () => {
  f = await makeFixture();
});
afterEach(() => f.close());

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const addUnit = (code: string, name: string) => f.req(`/v1/workspaces/${WS}/units`, f.tokens.coordinator, json('POST', { code, name, parent: 'region' }));

describe('look-alike names', () => {
  it.each([
    ['vårdcentral a', 'case'],
    ['VÅRDCENTRAL A', 'upper case'],
    ['Vårdcentral\u00a0A', 'a no-break space'],
    ['Vårdcentral   A', 'three spaces'],
    ['Va\u030ardcentral A', 'å as a and a combining ring'],
  ])('refuses a unit named %j (%s) beside "Vårdcentral A", naming it, and stores nothing', async (name) => {
    const res = await addUnit('vc-x', name);
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'unit-name-taken', details: { existing: { code: 'vc-a', name: 'Vårdcentral A' } } });
    expect(error.message).toContain('"Vårdcentral A" (vc-a)');
    expect((await f.storage.listUnits(WS)).some((u) => u.code === 'vc-x')).toBe(false);
  });

  it('refuses renaming a unit to a look-alike of another, and lets a unit change the case of its own name', async () => {
    const rename = await f.req(`/v1/workspaces/${WS}/units/vc-b`, f.tokens.coordinator, json('PATCH', { name: 'vårdcentral A' }));
    expect((await errorOf(rename)).code).toBe('unit-name-taken');
    expect((await f.storage.listUnits(WS)).find((u) => u.code === 'vc-b')?.name).toBe('Vårdcentral B');
    const own = await f.req(`/v1/workspaces/${WS}/units/vc-a`, f.tokens.coordinator, json('PATCH', { name: 'VÅRDCENTRAL A' }));
    expect(own.status).toBe(200);
  });

  it('refuses a zero-width space in a unit name in words (the character rule), before any look-alike', async () => {
    const res = await addUnit('vc-x', 'Vårdcentral\u200b A');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await errorOf(res))).toContain('U+200B');
  });

  it('refuses a BOM at the start of a unit name in words, where it was trimmed silently', async () => {
    const res = await addUnit('vc-x', '\ufeffVårdcentral X');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await errorOf(res))).toContain('U+FEFF');
  });

  it('passes names a reader tells apart: another letter, å beside a, Sami and Arabic names', async () => {
    for (const [code, name] of [
      ['vc-c', 'Vårdcentral C'],
      ['vc-aa', 'Vårdcentral Å'],
      ['vc-sapmi', 'Giellagáldu Čáhcesuolu ŋ ŧ đ'],
      ['vc-ar', 'جمعية الصحة العامة'],
      ['vc-fa', 'انجمن سلامت می\u200cخواهم'],
    ]) {
      expect((await addUnit(code as string, name as string)).status, name).toBe(201);
    }
  });

  it('refuses a second document of a kind for a unit whose title only looks different', async () => {
    const body = { kind: 'activity-plan', title: 'ACTIVITY-PLAN\u00a0 vc-a', ownerUnit: 'vc-a' };
    const twin = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.editor, json('POST', body));
    expect(twin.status).toBe(409);
    expect(await errorOf(twin)).toMatchObject({ code: 'doc-duplicate', details: { existing: { id: 'plan-a' } } });
  });

  it('refuses renaming a document to a look-alike of another of its kind and unit as a creation does, and lets it change the case of its own title', async () => {
    const made = await f.req(`/v1/workspaces/${WS}/documents`, f.tokens.coordinator, json('POST', { kind: 'activity-plan', title: 'Plan två', ownerUnit: 'vc-a' }));
    expect(made.status).toBe(201);
    const second = ((await made.json()) as { document: { doc: string } }).document.doc;
    const rename = (doc: string, body: unknown) => f.req(`/v1/workspaces/${WS}/documents/${doc}`, f.tokens.coordinator, json('PATCH', body));
    const twin = await rename(second, { title: 'ACTIVITY-PLAN\u00a0 vc-a' });
    expect(twin.status).toBe(409);
    const error = await errorOf(twin);
    expect(error).toMatchObject({ code: 'doc-duplicate', details: { existing: { id: 'plan-a', title: 'activity-plan vc-a' } } });
    expect(englishOf(error)).toContain('not renamed');
    expect((await f.storage.getDocRecord({ workspace: WS, doc: second }))?.title).toBe('Plan två');
    expect((await rename('plan-a', { title: 'Activity-Plan VC-A' })).status).toBe(200);
    expect((await rename(second, { title: 'activity-plan vc-a', allowDuplicate: true })).status).toBe(200);
    expect((await f.storage.getDocRecord({ workspace: WS, doc: second }))?.title).toBe('activity-plan vc-a');
  });

  it('nameKey folds case, invisible characters, spacing and composition, and nothing else', () => {
    expect(nameKey('Vårdcentral\u200b\u2060  A\ufeff')).toBe(nameKey('vårdcentral a'));
    expect(nameKey('Stra\u00dfe')).toBe(nameKey('STRASSE'));
    expect(nameKey('Vårdcentral Å')).not.toBe(nameKey('Vårdcentral A'));
    expect(nameKey('Vårdcentral Ö')).not.toBe(nameKey('Vårdcentral O'));
  });
});
