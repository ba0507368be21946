/**
 * Every refusal the pane or a manager's workbook can get says why in Swedish and English
 * (`details.message { sv, en }`; the body's `message` is English): the pane is Swedish by
 * default and shows `details.message[lang]` (`addin/taskpane/notice.ts`). Walks the Explorer's
 * rename, copy, archive and restore, document creation, import, rounds, roll-up, history,
 * calendar, indicators, members, tokens, units, the session and the token check.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, WS, type Fixture, englishOf } from './support.js';

interface Case {
  name: string;
  /** Which token: a role of the fixture, a bad one, or none. */
  as: 'admin' | 'coordinator' | 'editor' | 'viewer' | 'none' | 'bogus';
  method?: string;
  path: string;
  body?: unknown;
  /** A raw body with its content type, for imports. */
  raw?: { type: string; data: string | Uint8Array<ArrayBuffer> };
  status: number;
  code: string;
}

const json = (method: string, path: string, body: unknown) => ({ method, path, body });
const docs = `/v1/workspaces/${WS}/documents`;
const ws = `/v1/workspaces/${WS}`;

const CASES: Case[] = [
  // Explorer: rename, copy, archive, restore, create, open.
  { name: 'rename by a viewer', as: 'viewer', ...json('PATCH', `${docs}/plan-a`, { title: 'Nytt' }), status: 403, code: 'forbidden' },
  { name: 'rename of a missing document', as: 'coordinator', ...json('PATCH', `${docs}/saknas`, { title: 'Nytt' }), status: 404, code: 'doc-not-found' },
  { name: 'rename to an empty title', as: 'coordinator', ...json('PATCH', `${docs}/plan-a`, { title: '' }), status: 400, code: 'invalid-request' },
  { name: 'rename to a personnummer', as: 'coordinator', ...json('PATCH', `${docs}/plan-a`, { title: 'Plan 19121212-1212' }), status: 422, code: 'personnummer' },
  { name: 'copy of a partner list', as: 'coordinator', ...json('POST', `${docs}/partners/copy`, { title: 'Kopia' }), status: 400, code: 'not-a-plan' },
  { name: 'copy by a viewer', as: 'viewer', ...json('POST', `${docs}/plan-a/copy`, { title: 'Kopia' }), status: 403, code: 'forbidden' },
  { name: 'archive by a coordinator', as: 'coordinator', method: 'POST', path: `${docs}/plan-a/archive`, status: 403, code: 'forbidden' },
  { name: 'restore of a missing document', as: 'admin', method: 'POST', path: `${docs}/saknas/unarchive`, status: 404, code: 'doc-not-found' },
  { name: 'a document of another workspace', as: 'admin', method: 'GET', path: '/v1/workspaces/other/documents/x', status: 404, code: 'workspace-not-found' },
  { name: 'create for an unknown unit', as: 'coordinator', ...json('POST', docs, { kind: 'activity-plan', title: 'Plan', ownerUnit: 'vc-x' }), status: 400, code: 'unknown-unit' },
  { name: 'create an identical twin', as: 'coordinator', ...json('POST', docs, { kind: 'activity-plan', title: 'activity-plan vc-a', ownerUnit: 'vc-a' }), status: 409, code: 'doc-duplicate' },
  { name: 'create with a taken id', as: 'coordinator', ...json('POST', docs, { id: 'plan-a', kind: 'activity-plan', title: 'Annan', ownerUnit: 'vc-a' }), status: 409, code: 'doc-exists' },
  // History.
  { name: 'a version that is not there', as: 'viewer', method: 'GET', path: `${docs}/plan-a/versions/999`, status: 404, code: 'version-not-found' },
  { name: 'later edits of a version that is not there', as: 'viewer', method: 'GET', path: `${docs}/plan-a/versions/999/later`, status: 404, code: 'version-not-found' },
  // Import.
  { name: 'an empty import', as: 'editor', method: 'POST', path: `${docs}/plan-a/import`, raw: { type: 'text/csv', data: '' }, status: 400, code: 'empty-body' },
  { name: 'an import of broken JSON', as: 'editor', method: 'POST', path: `${docs}/plan-a/import`, raw: { type: 'application/json', data: '[{' }, status: 400, code: 'invalid-json' },
  { name: 'an import of JSON that is no rows', as: 'editor', method: 'POST', path: `${docs}/plan-a/import`, raw: { type: 'application/json', data: '42' }, status: 400, code: 'invalid-json-rows' },
  { name: 'an import of a binary file', as: 'editor', method: 'POST', path: `${docs}/plan-a/import`, raw: { type: 'application/octet-stream', data: 'GIF89a\u0000\u0001' }, status: 400, code: 'not-a-table' },
  { name: 'an import of a broken workbook', as: 'editor', method: 'POST', path: `${docs}/plan-a/import`, raw: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]) }, status: 400, code: 'not-xlsx' },
  { name: 'an import without a header row', as: 'editor', method: 'POST', path: `${docs}/plan-a/import`, raw: { type: 'text/csv', data: 'x;y\n1;2\n' }, status: 422, code: 'no-header-row' },
  { name: 'an import into a document of another unit', as: 'editor', method: 'POST', path: `${docs}/partners/import`, raw: { type: 'text/csv', data: 'Namn\nA\n' }, status: 403, code: 'forbidden' },
  // Rounds and roll-up.
  { name: 'an unknown round action', as: 'coordinator', ...json('POST', `${ws}/rounds/r1/units/vc-a/skip`, {}), status: 404, code: 'round-action' },
  { name: 'a roll-up with no period', as: 'viewer', method: 'GET', path: `${ws}/rollup`, status: 400, code: 'bad-period' },
  { name: 'a roll-up of another workspace', as: 'viewer', method: 'GET', path: '/v1/workspaces/other/rollup?period=2025', status: 404, code: 'workspace-not-found' },
  { name: 'a calendar of no year', as: 'viewer', method: 'GET', path: `${ws}/calendar/20x5`, status: 400, code: 'bad-year' },
  // Indicators (a manager's workbook).
  { name: 'a chart of an unknown indicator', as: 'viewer', method: 'GET', path: `${ws}/indicators/okänd/chart.svg`, status: 404, code: 'indicator-not-found' },
  { name: 'a table filtered by an unknown unit', as: 'viewer', method: 'GET', path: `${ws}/indicators/table?unit=vc-x`, status: 400, code: 'unknown-filter' },
  { name: 'Kolada data into a plan', as: 'coordinator', ...json('POST', `${ws}/indicators/kolada?doc=plan-a`, { values: [] }), status: 400, code: 'wrong-kind' },
  // Members, tokens, units.
  { name: 'members managed by an editor', as: 'editor', ...json('POST', `${ws}/members`, { id: 'ny', name: 'Ny', role: 'viewer', units: [] }), status: 403, code: 'forbidden' },
  { name: 'a member in an unknown unit', as: 'coordinator', ...json('POST', `${ws}/members`, { id: 'ny', name: 'Ny', role: 'editor', units: ['vc-x'] }), status: 400, code: 'unknown-unit' },
  { name: 'an editor without a unit', as: 'coordinator', ...json('POST', `${ws}/members`, { id: 'ny', name: 'Ny', role: 'editor', units: [] }), status: 400, code: 'editor-without-unit' },
  { name: 'a coordinator making an admin', as: 'coordinator', ...json('POST', `${ws}/members`, { id: 'ny', name: 'Ny', role: 'admin', units: [] }), status: 403, code: 'forbidden' },
  { name: 'removing oneself', as: 'admin', method: 'DELETE', path: `${ws}/members/admin`, status: 400, code: 'remove-self' },
  { name: 'removing a member who is not there', as: 'admin', method: 'DELETE', path: `${ws}/members/saknas`, status: 404, code: 'member-not-found' },
  { name: 'a token for a member who is not there', as: 'admin', ...json('POST', `${ws}/tokens`, { memberId: 'saknas', label: 'Power Query' }), status: 404, code: 'member-not-found' },
  { name: 'revoking a token that is not there', as: 'admin', ...json('DELETE', `${ws}/tokens`, { id: 'saknas' }), status: 404, code: 'token-not-found' },
  { name: 'a unit that is there', as: 'admin', ...json('POST', `${ws}/units`, { code: 'vc-a', name: 'Vårdcentral A' }), status: 409, code: 'unit-exists' },
  { name: 'a unit under an unknown one', as: 'admin', ...json('POST', `${ws}/units`, { code: 'vc-c', name: 'C', parent: 'vc-x' }), status: 400, code: 'unknown-unit' },
  { name: 'a unit under itself', as: 'admin', ...json('PATCH', `${ws}/units/region`, { parent: 'vc-a' }), status: 400, code: 'unit-cycle' },
  { name: 'a unit that is not there', as: 'admin', ...json('PATCH', `${ws}/units/vc-x`, { name: 'X' }), status: 404, code: 'unit-not-found' },
  { name: 'a workspace that is there', as: 'admin', ...json('POST', '/v1/workspaces', { id: WS, name: 'Igen' }), status: 409, code: 'workspace-exists' },
  // Session and token.
  { name: 'refreshing an API token', as: 'viewer', method: 'POST', path: '/v1/session/refresh', status: 400, code: 'not-a-session' },
  { name: 'signing out an API token', as: 'viewer', method: 'DELETE', path: '/v1/session', status: 400, code: 'not-a-session' },
  { name: 'no token', as: 'none', method: 'GET', path: `${ws}/documents`, status: 401, code: 'token-missing' },
  { name: 'a wrong token', as: 'bogus', method: 'GET', path: `${ws}/documents`, status: 401, code: 'token-unknown' },
  { name: 'an unknown path', as: 'viewer', method: 'GET', path: '/v1/ingenting', status: 404, code: 'not-found' },
];

describe('refusals the pane can get', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  const send = (c: Case): Promise<Response> => {
    const token = c.as === 'none' ? undefined : c.as === 'bogus' ? 'spl_inte-en-riktig-token' : f.tokens[c.as];
    const init: RequestInit = { method: c.method ?? 'GET' };
    if (c.raw) {
      init.body = c.raw.data;
      init.headers = { 'content-type': c.raw.type };
    } else if (c.body !== undefined) {
      init.body = JSON.stringify(c.body);
      init.headers = { 'content-type': 'application/json' };
    }
    return f.req(c.path, token, init);
  };

  it.each(CASES)('say $name in Swedish and English', async (c) => {
    const res = await send(c);
    const { error } = (await res.json()) as { error: { code: string; message: string; details: { message?: { sv?: unknown; en?: unknown } } | null } };
    expect([res.status, error.code]).toEqual([c.status, c.code]);
    const words = error.details?.message;
    expect(typeof words?.sv, `${c.code}: details.message.sv`).toBe('string');
    expect(typeof words?.en).toBe('string');
    const sv = words?.sv as string;
    expect(sv.length).toBeGreaterThan(10);
    expect(sv).not.toBe(englishOf(error));
    // Swedish: a Swedish letter or word, not the English sentence again.
    expect(sv).toMatch(/[åäö]|\b(inte|ingen|inget|finns|kan|bara|har|ange|filen|din|det|du)\b/i);
  });

  it('mask an identity number in the Swedish words too', async () => {
    const res = await f.req(`${ws}/calendar/19121212-1212`, f.tokens.viewer);
    const body = await res.text();
    expect(res.status).toBe(400);
    expect(body).not.toContain('1212-1212');
    expect(body).toContain('[personnummer]');
  });
});
