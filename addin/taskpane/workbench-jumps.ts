/**
 * The workbench's jumps into the workbook: the cell of a problem (one activated in Problems, or
 * the next with F8 or "Nästa problem", in turn over the open documents' problems that name a
 * row) and the row another person in the document is on (People). What could not be selected is
 * said in words through the workbench's notice, never as Excel's raw error.
 */
import type { Problem } from '../../shared/validate/problem.js';
import type { Peer } from './doc-presence.js';
import type { DocumentsController } from './documents-controller.js';
import { failureWords } from './notice.js';
import { str, type Lang } from './strings.js';

/** Shows a sentence, in whichever language is shown, as the current view's notice; `warn` for a failure. */
export type Say = (text: (lang: Lang) => string, warn?: boolean) => void;

/** The workbench's jumps; see the file comment. */
export class WorkbenchJumps {
  /** Index of the problem F8 went to last, in the list as it was then. */
  private cursor = -1;

  constructor(
    private readonly docs: () => DocumentsController,
    private readonly say: Say,
  ) {}

  /** Selects the cell of the next problem (F8 in VS Code); says so when there is none. */
  async nextProblem(): Promise<void> {
    const problems = this.docs().problems().filter((p) => p.rowId !== null);
    if (problems.length === 0) return this.say((l) => str('doc.noProblems', l));
    this.cursor = (this.cursor + 1) % problems.length;
    await this.selectProblem(problems[this.cursor] as Problem);
  }

  /** Makes the problem's document the active one and selects its cell; nothing for a problem without a row or a bound sheet. */
  async selectProblem(problem: Problem): Promise<void> {
    const docs = this.docs();
    const entry = docs.docs.find((d) => d.info.id === problem.doc);
    if (!entry?.binding || !problem.rowId) return;
    docs.activeId = entry.info.id;
    await entry.binding.selectCell(problem.rowId, problem.column).catch((err: unknown) => this.say((l) => failureWords(err, l), true));
  }

  /** Selects the row `peer` is on; says so when the row is gone from the sheet. */
  async showRow(peer: Peer): Promise<void> {
    if (!peer.rowId) return;
    const shown = await this.docs().showRow(peer.doc, peer.rowId).catch((err: unknown) => this.say((l) => failureWords(err, l), true));
    if (shown === false) this.say((l) => str('people.rowGone', l, { name: peer.name }));
  }
}
