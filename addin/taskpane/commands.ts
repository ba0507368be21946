/**
 * The command palette's entries for the pane's current state. Pure: the workbench passes in
 * what it knows and runs the id that comes back.
 */
import type { DocumentInfo, Role } from './api-client.js';
import { TEMPLATES } from './new-document.js';
import type { PaletteCommand } from './samplan-palette.js';
import { str, type Lang } from './strings.js';

/** What the command list depends on. */
export interface CommandContext {
  lang: Lang;
  documents: readonly DocumentInfo[];
  role: Role | null;
  hasActiveDocument: boolean;
}

/**
 * The palette's commands: open each document, new from each template and "make shared document" (not for viewers), pull
 * the indicator table, export CSV and go to the next problem (with a document open), switch
 * language, sign out.
 */
export function paletteCommands(ctx: CommandContext): PaletteCommand[] {
  const { lang } = ctx;
  const commands: PaletteCommand[] = ctx.documents.map((doc) => ({ id: `open:${doc.id}`, label: str('cmd.open', lang, { title: doc.title }) }));
  if (ctx.role !== 'viewer') {
    for (const template of TEMPLATES) {
      commands.push({ id: `new:${template}`, label: str('cmd.new', lang, { template: str(`template.${template}`, lang) }) });
    }
    commands.push({ id: 'adopt', label: str('cmd.adopt', lang) });
  }
  commands.push({ id: 'pull', label: str('cmd.pull', lang) });
  if (ctx.hasActiveDocument) {
    commands.push({ id: 'export:xlsx', label: str('cmd.exportXlsx', lang) });
    commands.push({ id: 'export:ods', label: str('cmd.exportOds', lang) });
    commands.push({ id: 'export:csv', label: str('cmd.exportCsv', lang) });
    commands.push({ id: 'next-problem', label: str('cmd.nextProblem', lang) });
  }
  commands.push({ id: 'language', label: str('cmd.language', lang) });
  commands.push({ id: 'sign-out', label: str('cmd.signOut', lang) });
  return commands;
}
