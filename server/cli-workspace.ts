/**
 * `samplan workspace …` and `samplan unit …`: creating, renaming and listing workspaces and their
 * units from the command line, with the same checks and audit lines as the API (`http/units.ts`).
 *
 * @example
 * samplan workspace create --id hbi-jonkoping --name "Hälsofrämjande Jönköping"
 * samplan unit add --workspace hbi-jonkoping --code region --name "Region Jönköpings län"
 * samplan unit rename --workspace hbi-jonkoping --code region --name "Region Jönköping"
 */
import { z } from 'zod';
import { changeUnitChecked, createWorkspace, putUnitChecked, unitBodySchema, workspaceBodySchema } from './http/units.js';
import { AppError } from './http/errors.js';
import { assertNoIdentity } from './storage/record-text.js';
import type { Storage } from './storage/storage.js';
import { CliError, quoted } from './cli-args.js';
import { issueWordsEn } from '../shared/i18n/issue-words-en.js';

/** The flags these commands read. */
export interface WorkspaceFlags {
  workspace?: string | undefined;
  id?: string | undefined;
  name?: string | undefined;
  code?: string | undefined;
  parent?: string | undefined;
}

/**
 * A mistake in the command line, or a workspace or unit that is not there; the caller prints it
 * and exits 2, with the command's usage when `argument` (a wrong or missing argument) is set.
 */
export class WorkspaceUsageError extends CliError {}

/**
 * Resolves when workspace `id` exists; otherwise throws {@link WorkspaceUsageError} naming it and
 * the workspaces the database has, so a mistyped id is not reported as a missing member, unit or
 * document of it, nor listed as nothing.
 *
 * @example
 * await requireWorkspace(storage, 'hbi-stokholm'); // There is no workspace "hbi-stokholm" in this database; it has hbi-stockholm.
 */
export async function requireWorkspace(storage: Storage, id: string | undefined): Promise<string> {
  if (id && (await storage.getWorkspace(id))) return id;
  const known = (await storage.listWorkspaces()).map((w) => w.id);
  const has = known.length === 0 ? 'it has none yet (samplan workspace create)' : `it has ${known.join(', ')}`;
  throw new WorkspaceUsageError(id ? `There is no workspace ${quoted(id)} in this database; ${has}.` : `Give --workspace; this database ${has.replace(/^it /, '')}.`);
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const flag = String(issue?.path[0] ?? 'id');
  if (typeof value === 'object' && value !== null && flag in value && (value as Record<string, unknown>)[flag] === undefined) throw new WorkspaceUsageError(`Missing --${flag}.`, true);
  throw new WorkspaceUsageError(`--${flag} ${issue ? issueWordsEn(issue) : 'is not valid'}.`, true);
}

/**
 * Checks what `workspace <sub>` needs before any database is opened: create an id and a name,
 * rename the workspace and a name. Throws {@link WorkspaceUsageError} (an argument error: the CLI
 * prints it with the command's usage and exits 2) naming the first missing or wrong one.
 */
export function checkWorkspaceArguments(sub: string | undefined, rest: readonly string[], flags: WorkspaceFlags): void {
  if (sub === 'create') parsed(workspaceBodySchema, { id: flags.id, name: flags.name });
  if (sub === 'rename') {
    if (!(rest[0] ?? flags.workspace ?? flags.id)) throw new WorkspaceUsageError('Missing the workspace to rename: samplan workspace rename WS --name NAME.', true);
    parsed(z.object({ name: workspaceBodySchema.shape.name }), { name: flags.name });
  }
}

/**
 * Checks what `unit <sub>` needs before any database is opened: --workspace always, add a code
 * and a name, rename a code and a name. Throws {@link WorkspaceUsageError} as
 * {@link checkWorkspaceArguments} does.
 */
export function checkUnitArguments(sub: string | undefined, flags: WorkspaceFlags): void {
  if (!flags.workspace) throw new WorkspaceUsageError('Missing --workspace WS.', true);
  if (sub === 'add') parsed(unitBodySchema, { code: flags.code, name: flags.name, parent: flags.parent ?? null });
  if (sub === 'rename') {
    if (!flags.code) throw new WorkspaceUsageError('Missing --code CODE, the unit to rename.', true);
    parsed(z.object({ name: unitBodySchema.shape.name }), { name: flags.name });
  }
}

/** `workspace create|rename|list`; resolves with the exit code. Errors of the API are printed as their sentence. */
export async function workspaceCommand(sub: string | undefined, rest: string[], flags: WorkspaceFlags, storage: Storage, log: (line: string) => void): Promise<number> {
  checkWorkspaceArguments(sub, rest, flags);
  const at = new Date().toISOString();
  if (sub === 'create') {
    const body = parsed(workspaceBodySchema, { id: flags.id, name: flags.name });
    await createWorkspace(storage, body, at, null);
    log(`Workspace ${body.id} created. Add its first admin with: samplan member add --workspace ${body.id} --id … --name … --role admin`);
    return 0;
  }
  if (sub === 'rename') {
    const id = rest[0] ?? flags.workspace ?? flags.id ?? '';
    const ws = await storage.getWorkspace(id);
    if (!ws) throw new WorkspaceUsageError(`There is no workspace ${quoted(id)}.`);
    const { name } = parsed(z.object({ name: workspaceBodySchema.shape.name }), { name: flags.name });
    await createOrRename(storage, { ...ws, name }, at);
    log(`Workspace ${ws.id} renamed to "${name}".`);
    return 0;
  }
  if (sub === 'list') {
    for (const ws of await storage.listWorkspaces()) log([ws.id, ws.createdAt, ws.name].join('\t'));
    return 0;
  }
  throw new WorkspaceUsageError(`Unknown workspace command ${quoted(sub ?? '')}; use create, rename or list.`, true);
}

async function createOrRename(storage: Storage, ws: { id: string; name: string; createdAt: string }, at: string): Promise<void> {
  assertNoIdentity('workspace', { name: ws.name });
  // The new name and its audit line in one transaction: both, or neither when the write fails.
  await storage.putWorkspace(ws, [{ at, workspace: ws.id, doc: null, memberId: null, action: 'workspace', bytes: 0, detail: 'renamed' }]);
}

/** `unit add|rename|list`; resolves with the exit code. */
export async function unitCommand(sub: string | undefined, flags: WorkspaceFlags, storage: Storage, log: (line: string) => void): Promise<number> {
  checkUnitArguments(sub, flags);
  const workspace = await requireWorkspace(storage, flags.workspace);
  const units = await storage.listUnits(workspace);
  const at = new Date().toISOString();
  if (sub === 'add') {
    const body = parsed(unitBodySchema, { code: flags.code, name: flags.name, parent: flags.parent ?? null });
    if (units.some((u) => u.code === body.code)) throw new AppError(409, 'unit-exists', `The workspace already has a unit ${body.code}; use unit rename.`);
    await putUnitChecked(storage, { workspace, ...body }, at, null);
    log(`Unit ${body.code} added to ${workspace}${body.parent ? ` under ${body.parent}` : ''}.`);
    return 0;
  }
  if (sub === 'rename') {
    const { name } = parsed(z.object({ name: unitBodySchema.shape.name }), { name: flags.name });
    const changed = await changeUnitChecked(storage, { workspace, code: flags.code ?? '' }, { name, ...(flags.parent !== undefined ? { parent: flags.parent || null } : {}) }, at, null);
    if (!changed) throw new WorkspaceUsageError(`The workspace has no unit ${quoted(flags.code ?? '')}; give --code.`);
    log(`Unit ${changed.code} renamed to "${name}".`);
    return 0;
  }
  if (sub === 'list') {
    for (const u of units) log([u.code, u.parent ?? '-', u.name].join('\t'));
    return 0;
  }
  throw new WorkspaceUsageError(`Unknown unit command ${quoted(sub ?? '')}; use add, rename or list.`, true);
}
