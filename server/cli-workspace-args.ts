/**
 * The options of `samplan workspace` and `samplan unit`, checked by the API's rules (an id as
 * `slugSchema`, a name as `nameText`, `http/unit-bodies.ts`) before the store, zod or any of the
 * server is loaded (`cli-check.ts`): this module loads no package (`cli-flag-checks.ts`).
 */
import { CliError } from './cli-args.js';
import { nameFlag, slugFlag } from './cli-flag-checks.js';

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
 * Checks what `workspace <sub>` needs before any database is opened: create an id and a name,
 * rename the workspace and a name. Throws a `CliError` (an argument error: the CLI prints it with
 * the command's usage and exits 2) naming the first missing or wrong one, in both languages.
 */
export function checkWorkspaceArguments(sub: string | undefined, rest: readonly string[], flags: WorkspaceFlags): void {
  if (sub === 'create') {
    slugFlag('--id', flags.id, WorkspaceUsageError);
    nameFlag('--name', flags.name, WorkspaceUsageError);
  }
  if (sub === 'rename') {
    if (!(rest[0] ?? flags.workspace ?? flags.id)) {
      throw new WorkspaceUsageError({ sv: 'Arbetsytan att byta namn på saknas: samplan workspace rename WS --name NAMN.', en: 'Missing the workspace to rename: samplan workspace rename WS --name NAME.' }, true);
    }
    nameFlag('--name', flags.name, WorkspaceUsageError);
  }
}

/**
 * Checks what `unit <sub>` needs before any database is opened: --workspace always, add a code
 * and a name (and a parent, when given, a code), rename a code and a name. Throws as
 * {@link checkWorkspaceArguments} does.
 */
export function checkUnitArguments(sub: string | undefined, flags: WorkspaceFlags): void {
  if (!flags.workspace) throw new WorkspaceUsageError({ sv: '--workspace WS saknas.', en: 'Missing --workspace WS.' }, true);
  if (sub === 'add') {
    slugFlag('--code', flags.code, WorkspaceUsageError);
    nameFlag('--name', flags.name, WorkspaceUsageError);
    if (flags.parent !== undefined) slugFlag('--parent', flags.parent, WorkspaceUsageError);
  }
  if (sub === 'rename') {
    if (!flags.code) throw new WorkspaceUsageError({ sv: '--code CODE saknas, enheten att byta namn på.', en: 'Missing --code CODE, the unit to rename.' }, true);
    nameFlag('--name', flags.name, WorkspaceUsageError);
  }
}
