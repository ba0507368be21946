/**
 * The options of `samplan workspace` and `samplan unit`, checked by the API's rules
 * (`http/unit-bodies.ts`) before the store or any of the server is loaded (`cli-check.ts`).
 */
import { z } from 'zod';
import { CliError } from './cli-args.js';
import { unitBodySchema, workspaceBodySchema } from './http/unit-bodies.js';
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
 * `value` read by `schema`; else a {@link WorkspaceUsageError} (an argument error) saying
 * `Missing --<flag>.` or what is wrong with the first flag the schema refused.
 */
export function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
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
