/**
 * Two renames of one document at once. Both were answered 200, but each made its title update on
 * a copy of the document taken before the other was applied, so Yjs kept the title of the higher
 * client id, not the one answered last; the record was stored in the order the appends ran, and
 * `followTitle` then wrote the document's title back to it twice, with two lines of the same
 * repair. Each line named the title read at the request's start, so both lines of a pair named
 * the same old title. Now renames of a document run one at a time, each made on the live document
 * as the room takes it: the rename answered last is the title of the record and the document, and
 * the `rename` lines chain, each naming the title it replaced, one per rename.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import { createToken } from '../../../server/auth/tokens.js';
import { loadFromStorage } from '../../../server/http/doc-access.js';
import { silentLogger } from '../../../server/logger.js';
import { openSqliteStorage } from '../../../server/storage/sqlite.js';
import type { Storage } from '../../../server/storage/storage.js';
import { metaOf } from '../../../shared/doc/index.js';
import { planRow, putDoc, WS } from './support.js';

const AT = '2026-01-15T10:00:00.000Z';
const ref = { workspace: WS, doc: 'plan-a' };
const ROUNDS = 12;

describe('two renames of one document at once (SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samplan-renames-'));
  let storage: Storage;
  let samplan: ReturnType<typeof createApp>;
  let tokens: string[];
  beforeAll(async () => {
    storage = openSqliteStorage(path.join(dir, 'store.db'));
    await storage.putWorkspace({ id: WS, name: 'Testregion', createdAt: AT });
    await storage.putUnit({ workspace: WS, code: 'vc-a', name: 'Vårdcentral A', parent: null });
    await storage.putMember({ workspace: WS, id: 'kim', name: 'Kim Berg', role: 'coordinator', units: ['vc-a'] });
    await storage.putMember({ workspace: WS, id: 'ada', name: 'Ada Lund', role: 'admin', units: ['vc-a'] });
    await putDoc(storage, ref.doc, 'activity-plan', 'vc-a', [planRow('Promenadgrupp A')], AT);
    tokens = [
      (await createToken(storage, { workspace: WS, memberId: 'kim', label: 'test', clock: () => new Date(AT) })).secret,
      (await createToken(storage, { workspace: WS, memberId: 'ada', label: 'test', clock: () => new Date(AT) })).secret,
    ];
    samplan = createApp({ storage, logger: silentLogger(), clock: () => new Date(AT), publicUrl: 'http://samplan.test', syncOptions: { graceMs: 10 } });
  });
  afterAll(async () => {
    await samplan.close();
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ends with the title answered last everywhere, and one rename line per rename, each naming the title it replaced', async () => {
    const first = (await storage.getDocRecord(ref))?.title;
    const answered: string[] = [];
    const rename = async (token: string, title: string) => {
      const res = await samplan.app.request(`/v1/workspaces/${WS}/documents/${ref.doc}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title }),
      });
      expect([title, res.status]).toEqual([title, 200]);
      expect(((await res.json()) as { document: { title: string } }).document.title).toBe(title);
      answered.push(title);
    };
    const seen = [];
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all([rename(tokens[0]!, `Plan X${round}`), rename(tokens[1]!, `Plan Y${round}`)]);
      const live = await samplan.app.request(`/v1/workspaces/${WS}/documents/${ref.doc}`, { headers: { authorization: `Bearer ${tokens[0]!}` } });
      const body = (await live.json()) as { document: { title: string }; meta: { title: string } };
      seen.push({ last: answered.at(-1), record: body.document.title, live: body.meta.title });
    }
    expect(seen).toEqual(seen.map(({ last }) => ({ last, record: last, live: last })));
    // Stored: the record and the document's own title; every title taken, oldest first, chained.
    expect([(await storage.getDocRecord(ref))?.title, metaOf(await loadFromStorage(storage, ref))?.title]).toEqual([answered.at(-1), answered.at(-1)]);
    const lines = (await storage.listAudit(WS, 1000)).filter((l) => l.action === 'rename').reverse();
    let before = first;
    const chain = answered.map((title) => {
      const detail = `"${before}" → "${title}"`;
      before = title;
      return detail;
    });
    expect(lines.map((l) => l.detail)).toEqual(chain);
  });
});
