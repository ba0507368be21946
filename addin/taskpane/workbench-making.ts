/**
 * The workbench's making of new documents: from a template (asked about first when the unit has
 * one of the kind, or when the server finds a look-alike title: `twin-question.ts`) and by adopting
 * the sheet of the person's selection ("Gör till delat dokument"). What was made is added to the
 * pane's list and opened; what failed is said through the workbench's notice.
 */
import type { DocumentInfo, TemplateName } from './api-client.js';
import { adoptIntoNewDocument } from './adopt-flow.js';
import type { DocumentsController } from './documents-controller.js';
import { newDocumentTarget } from './new-document.js';
import { refusalWords } from './refusal-words.js';
import type { ExcelRun } from './ports.js';
import type { AdoptRequest } from './samplan-adopt.js';
import type { SessionController } from './session-controller.js';
import { errorText, str, type Lang } from './strings.js';
import { listedTwin, sendAskingTwin, type Twin } from './twin-question.js';
import type { Say } from './workbench-jumps.js';

/** What making needs of the workbench. */
export interface MakingShell {
  session(): SessionController;
  lang(): Lang;
  run(): ExcelRun | null;
  docs(): DocumentsController;
  /** The workspace's documents as the pane lists them. */
  documents(): readonly DocumentInfo[];
  /** Adds a document just made to the list (and reloads the Explorer's). */
  made(info: DocumentInfo): void;
  open(info: DocumentInfo): Promise<void>;
  say: Say;
  /** Is a notice shown (opening may have said something more urgent than "made")? */
  noticed(): boolean;
  /** Takes the notice away: a question or a dialog takes its place. */
  quiet(): void;
  /** Shows the Explorer view. */
  toExplorer(): void;
  changed(): void;
}

/** The workbench's making; see the file comment. `twin` and `adopting` are drawn by the workbench. */
export class WorkbenchMaking {
  /** A look-alike of the document a template would make, waiting for the person's answer. */
  twin: (Twin & { template: TemplateName }) | null = null;
  /** "Gör till delat dokument" is open. */
  adopting = false;

  constructor(private readonly shell: MakingShell) {}

  /**
   * Creates a document from a template and opens it: an activity plan for the member's own
   * clinic, a partner list and an indicator sheet for the member's first unit (the top unit
   * for members without one). `allowDuplicate`: the person said to make it beside its twin.
   */
  async create(template: TemplateName, allowDuplicate = false): Promise<void> {
    const { shell } = this;
    const { api, workspace, me, units } = shell.session();
    if (!api || !workspace) return;
    const target = newDocumentTarget(template, me, units, shell.lang());
    if (!target) return shell.say((l) => errorText('notFound', l), true);
    this.ask(null);
    const known = shell.documents();
    const ahead = listedTwin(known, template, target.ownerUnit);
    try {
      const send = (allow: boolean) => api.createFromTemplate(workspace, template, target.ownerUnit, target.title, allow);
      const sent = await sendAskingTwin(send, { allowDuplicate, like: { kind: template, ownerUnit: target.ownerUnit }, ahead, known });
      if (sent.twin) return this.ask({ action: 'create', template, existing: sent.twin });
      const info = sent.done;
      shell.made(info);
      await shell.open(info);
      if (!shell.noticed()) shell.say((l) => str('doc.created', l, { title: info.title }));
    } catch (err) {
      shell.say((l) => refusalWords(err, l) ?? errorText('server', l), true);
    }
  }

  /** Shows the twin question (null: none). */
  ask(twin: WorkbenchMaking['twin']): void {
    if (twin) this.shell.quiet();
    this.twin = twin;
    this.shell.changed();
  }

  /** Opens "Gör till delat dokument" for the sheet of the person's selection. */
  startAdopt(): void {
    if (!this.shell.run()) return this.shell.say((l) => str('doc.excelMissing', l), true);
    this.shell.quiet();
    this.adopting = true;
    this.shell.changed();
  }

  /** Closes "Gör till delat dokument" unanswered. */
  cancelAdopt(): void {
    this.adopting = false;
    this.shell.changed();
  }

  /**
   * Creates the document and adopts the sheet into it; a throw stays in the dialog, and so does a
   * look-alike the server found (resolved as `{ twin }`, nothing made: the dialog asks).
   */
  async adopt(request: AdoptRequest): Promise<{ twin: DocumentInfo } | null> {
    const { shell } = this;
    const { api, workspace, me, units } = shell.session();
    const run = shell.run();
    if (!api || !workspace || !run) return null;
    const ctx = { api, workspace, me, units, lang: shell.lang(), run, docs: shell.docs(), changed: () => shell.changed(), known: shell.documents() };
    const outcome = await adoptIntoNewDocument(ctx, request);
    if (outcome.twin) return { twin: outcome.twin };
    const { info, originalSheet } = outcome;
    this.adopting = false;
    shell.made(info);
    shell.toExplorer();
    shell.say((l) => str('doc.adopted', l, { title: info.title, sheet: originalSheet }));
    return null;
  }
}
