/** `samplan workspace` and `samplan unit`: the API's checks and audit lines from the command line. */
import { describe, expect, it } from 'vitest';
import { unitCommand, workspaceCommand } from '../../server/cli-workspace.js';
import { WorkspaceUsageError } from '../../server/cli-workspace-args.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { cli, withLocale } from './cli-capture.js';

describe('samplan workspace and unit', () => {
  it('creates, renames and lists a workspace and its units', async () => {
    const storage = createMemoryStorage();
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    expect(await workspaceCommand('create', [], { id: 'hbi-jonkoping', name: 'Hälsofrämjande Jönköping' }, storage, log)).toBe(0);
    expect(await workspaceCommand('rename', ['hbi-jonkoping'], { name: 'Region Jönköpings län' }, storage, log)).toBe(0);
    expect((await storage.getWorkspace('hbi-jonkoping'))?.name).toBe('Region Jönköpings län');
    expect(await unitCommand('add', { workspace: 'hbi-jonkoping', code: 'region', name: 'Region' }, storage, log)).toBe(0);
    expect(await unitCommand('add', { workspace: 'hbi-jonkoping', code: 'hc-nassjo', name: 'Hälsocenter Nässjö', parent: 'region' }, storage, log)).toBe(0);
    expect(await unitCommand('rename', { workspace: 'hbi-jonkoping', code: 'hc-nassjo', name: 'Hälsocentrum Nässjö' }, storage, log)).toBe(0);
    lines.length = 0;
    await unitCommand('list', { workspace: 'hbi-jonkoping' }, storage, log);
    expect([...lines].sort()).toEqual(['hc-nassjo\tregion\tHälsocentrum Nässjö', 'region\t-\tRegion']);
    expect((await storage.listAudit('hbi-jonkoping', 10)).length).toBe(5); // create, rename, two units, a unit renamed
  });

  it('stops with a sentence for a bad id, an unknown workspace or a personnummer', async () => {
    const storage = createMemoryStorage();
    await expect(workspaceCommand('create', [], { id: 'Bad Id', name: 'x' }, storage, () => {})).rejects.toThrow(WorkspaceUsageError);
    await expect(unitCommand('add', { workspace: 'nowhere', code: 'a', name: 'A' }, storage, () => {})).rejects.toThrow(/no workspace "nowhere"/);
    await expect(workspaceCommand('create', [], { id: 'ws', name: 'Region 19811218-9876' }, storage, () => {})).rejects.toThrow(/personnummer|identity/i);
    expect(await storage.getWorkspace('ws')).toBeNull();
  });

  it('says a unit code rename did not find is not there, with the codes near it or how to list them, not "give --code"', async () => {
    const storage = createMemoryStorage();
    await storage.putWorkspace({ id: 'hbi-x', name: 'X', createdAt: '2026-12-07T00:00:00.000Z' });
    for (const code of ['vc-husby', 'vc-tensta', 'region']) await storage.putUnit({ workspace: 'hbi-x', code, name: code, parent: null });
    const rename = (code: string) => unitCommand('rename', { workspace: 'hbi-x', code, name: 'Ny' }, storage, () => {});
    await expect(rename('vc-huby')).rejects.toThrow('Workspace hbi-x has no unit with code "vc-huby"; did you mean vc-husby? samplan unit list --workspace hbi-x lists its units.');
    await expect(rename('nope')).rejects.toThrow('Workspace hbi-x has no unit with code "nope". samplan unit list --workspace hbi-x lists them.');
    await expect(rename('nope')).rejects.toMatchObject({ sv: 'Arbetsytan hbi-x har ingen enhet med koden "nope". samplan unit list --workspace hbi-x listar dem.' });
    expect((await storage.listUnits('hbi-x')).map((u) => u.name).sort()).toEqual(['region', 'vc-husby', 'vc-tensta']);
  });

  it('says its refusals in Swedish on a C locale, with no --lang', async () => {
    const run = await withLocale({ LANG: 'C.UTF-8' }, () => cli(['unit', 'rename', '--workspace', 'hbi-x', '--db', '/nonexistent/samplan-unit.db']));
    expect(run.err.split('\n')[0]).toBe('--code CODE saknas, enheten att byta namn på.');
  });
});
