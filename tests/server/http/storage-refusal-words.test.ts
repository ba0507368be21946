/**
 * A database that refuses a write answers the person in words, on every REST route and on SQLite
 * and PostgreSQL alike. With the audit table refusing rows (a trigger that raises, as a full or
 * broken table would), a rename, archive, copy, create, delete, import, token, member, unit,
 * workspace or round write was answered 500 `internal` ("something went wrong") on both stores:
 * a statement error was no `StorageUnavailableError`. Now each answers 503 `storage-refused` with
 * the sentence in Swedish and English, stores nothing, and logs the store's own words (the
 * trigger's) without the request's text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { createLogger } from '../../../server/logger.js';
import { servicesMissing } from '../../support/services.js';
import { usePostgres } from '../../support/use-services.js';
import { refusingPostgres, refusingSqlite, type RefusingStore } from './refusing-store.js';
import { planRow, putDoc, WS } from './support.js';

const AT = '2026-01-15T10:00:00.000Z';
/** A title no log line may hold: it is the request's text, not the store's. */
const TITLE = 'Plan Solrosen 2026';

/** Each route that writes an audit line, as `[method, path, body]`. */
const WRITES: readonly [string, string, unknown][] = [
  ['PATCH', `/v1/workspaces/${WS}/documents/plan-a`, { title: TITLE }],
  ['POST', `/v1/workspaces/${WS}/documents/plan-a/archive`, undefined],
  ['POST', `/v1/workspaces/${WS}/documents/plan-a/copy`, { title: TITLE }],
  ['POST', `/v1/workspaces/${WS}/documents`, { kind: 'activity-plan', title: TITLE, ownerUnit: 'vc-a', allowDuplicate: true }],
  ['DELETE', `/v1/workspaces/${WS}/documents/plan-a`, undefined],
  ['POST', `/v1/workspaces/${WS}/documents/plan-a/import`, []],
  ['POST', `/v1/workspaces/${WS}/documents/plan-a/import`, [planRow(TITLE)]],
  ['POST', `/v1/workspaces/${WS}/tokens`, { memberId: 'ada', label: TITLE }],
  ['POST', `/v1/workspaces/${WS}/members`, { id: 'bo', name: 'Bo Ek', role: 'viewer', units: ['vc-a'] }],
  ['PATCH', `/v1/workspaces/${WS}/units/vc-a`, { name: TITLE }],
  ['PATCH', `/v1/workspaces/${WS}`, { name: TITLE }],
  ['POST', `/v1/workspaces/${WS}/rounds`, { id: 'kv2', title: TITLE, period: '2026Q2', dueDate: '2026-07-15' }],
];

async function everyWriteAnsweredInWords(store: RefusingStore): Promise<void> {
  const { storage } = store;
  await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: AT });
  await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: null });
  await storage.putMember({ workspace: WS, id: 'ada', name: 'Ada Lund', role: 'admin', units: ['vc-a'] });
  await putDoc(storage, 'plan-a', 'activity-plan', 'vc-a', [planRow('Promenadgrupp A')], AT);
  const token = (await createToken(storage, { workspace: WS, memberId: 'ada', label: 'test', clock: () => new Date(AT) })).secret;
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const samplan = createApp({ storage, logger: createLogger({ level: 'warn', destination }), clock: () => new Date(AT), publicUrl: 'http://samplan.test', syncOptions: { graceMs: 10 } });
  const stored = async () => JSON.stringify([await storage.listDocs(WS), await storage.listMembers(WS), await storage.listUnits(WS), await storage.getWorkspace(WS), await storage.listTokens(WS)]);

  try {
    const before = await stored();
    await store.refuse('audit');
    const answers: unknown[] = [];
    for (const [method, url, body] of WRITES) {
      const res = await samplan.app.request(url, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const error = ((await res.json()) as { error: { code: string; details: { message: { sv: string; en: string } } } }).error;
      answers.push([method, url, res.status, error.code, error.details.message]);
    }
    const refused = {
      sv: 'Servern kan inte spara ändringar just nu (databasen vägrade spara den enligt en av sina regler). Inget ändrades; försök igen om en stund.',
      en: 'The server cannot store changes right now (the database refused the write by one of its rules). Nothing was changed; try again in a while.',
    };
    expect(answers).toEqual(WRITES.map(([method, url]) => [method, url, 503, 'storage-refused', refused]));
    expect(await stored()).toBe(before);
    const log = lines.join('');
    expect(log).toContain('storage refused the write');
    expect(log).toContain('write refused by the test');
    expect(log).not.toContain(TITLE);
    expect(log).not.toContain('unhandled error');
  } finally {
    await store.allow();
    await samplan.close();
  }
}

describe('writes the database refuses (SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-refusal-words-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('are answered 503 in words on every route, storing nothing, the cause logged without the request text', async () => {
    const store = refusingSqlite(path.join(dir, 'store.db'));
    try {
      await everyWriteAnsweredInWords(store);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(servicesMissing() !== null)('writes the database refuses (PostgreSQL)', () => {
  const server = usePostgres();

  it('are answered 503 in words on every route, storing nothing, the cause logged without the request text', async () => {
    const store = await refusingPostgres(await server.createDb('refusalwords'));
    try {
      await everyWriteAnsweredInWords(store);
    } finally {
      await store.close();
    }
  }, 60_000);
});
