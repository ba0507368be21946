/** `samplan workspace` and `samplan unit`: the API's checks and audit lines from the command line. */
import { describe, expect, it } from 'vitest';
import { unitCommand, workspaceCommand } from '../../server/cli-workspace.js';
import { WorkspaceUsageError } from '../../server/cli-workspace-args.js';
import { createMemoryStorage } from '../../server/storage/memory.js';

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
});
