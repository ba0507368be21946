/**
 * The end-to-end files' workspaces on the run's shared server (`workspace.ts`): each file seeds one
 * of its own, seeded as the demo is, and what one file does there (a token made, a document
 * deleted) is not in another's.
 */
import { describe, expect, inject, it } from 'vitest';
import { memberToken, type TestServer } from './server.js';
import { freshWorkspace } from './workspace.js';

const get = (server: TestServer, path: string, token: string) => fetch(`${server.url}/v1/workspaces/${server.workspace}${path}`, { headers: { authorization: `Bearer ${token}` } });

const docIds = async (server: TestServer): Promise<string[]> =>
  ((await (await get(server, '/documents', server.tokens.admin)).json()) as { documents: { doc: string }[] }).documents.map((d) => d.doc).sort();

describe('a file’s own workspace on the run’s shared server', { timeout: 60_000 }, () => {
  it('is seeded as the demo is, under an id and tokens of its own, and keeps what a file does to itself', async () => {
    const shared = inject('e2eServer');
    expect(shared, 'the e2e project starts a shared server (vitest.config.ts)').toBeTruthy();
    const [one, two] = await Promise.all([freshWorkspace(shared!), freshWorkspace(shared!)]);
    expect(one.url).toBe(two.url);
    expect(one.workspace).not.toBe(two.workspace);
    expect(one.workspace).not.toBe('hbi-stockholm');
    expect(new Set([...Object.values(one.tokens), ...Object.values(two.tokens)]).size).toBe(6);

    // The demo's documents, in each.
    const docs = await docIds(one);
    expect(docs).toEqual(expect.arrayContaining(['aktivitetsplan-vc-tensta', 'indikatorvarden', 'samverkansaktorer', 'handlingsplan']));
    expect(await docIds(two)).toEqual(docs);
    // The editor is the demo's (Tensta's district nurse).
    const you = ((await (await get(one, '', one.tokens.editor)).json()) as { you: { memberId: string } }).you;
    expect(you.memberId).toBe('tensta-dsk');

    // A token made in one workspace opens that one alone.
    const made = await memberToken(one, one.workspace, 'chef', 'shared server check');
    expect((await get(one, '', made)).status).toBe(200);
    expect((await get(two, '', made)).status).not.toBe(200);
    expect((await get(two, '', one.tokens.admin)).status).not.toBe(200);
    // A document deleted in one is still in the other.
    const deleted = await fetch(`${one.url}/v1/workspaces/${one.workspace}/documents/handlingsplan`, { method: 'DELETE', headers: { authorization: `Bearer ${one.tokens.admin}` } });
    expect(deleted.status).toBe(200);
    expect(await docIds(one)).not.toContain('handlingsplan');
    expect(await docIds(two)).toContain('handlingsplan');
  });
});
