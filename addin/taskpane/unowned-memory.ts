/**
 * The person's "Nej, låt dem vara" about the unsent edits of a copy with no owner
 * (`addin/sync/other-copies.ts`), remembered in the workbook: without it the question was asked
 * again at every open of the document. One workbook setting per workspace and document
 * (`samplan.unowned-left.<workspace>/<doc>`, ExcelApi 1.4), so the answer holds where it was given
 * (another workbook opening the document is asked) and is forgotten when the person asks to be
 * asked again ("Fråga igen"). The setting names the document only: the edits stay in their copy.
 */
import type { ExcelRun } from '../excel/sheet/types.js';

/** The prefix of the settings' keys. */
export const UNOWNED_LEFT_SETTING = 'samplan.unowned-left.';

/** The value the setting holds while the answer is remembered. */
const LEFT = 'left';

/** The setting that remembers the answer for `docId` of `workspace`. */
export function unownedLeftKey(workspace: string, docId: string): string {
  return `${UNOWNED_LEFT_SETTING}${workspace}/${docId}`;
}

/** The answer about one document's copy with no owner, as a workbook keeps it. */
export interface UnownedMemory {
  /** True when the person said in this workbook that the copy's edits are not theirs (one sync). */
  left(): Promise<boolean>;
  /** Remembers that answer (`left` true) or forgets it (false); rejects when Excel refuses, and then nothing changed. */
  remember(left: boolean): Promise<void>;
}

/**
 * The memory of the answer about `docId`'s copy with no owner in the workbook `run` reaches.
 *
 * @example
 * const memory = unownedMemory((batch) => Excel.run(batch), 'hbi-stockholm', 'plan-tensta');
 * if (await memory.left()) // answer "not mine" without asking
 */
export function unownedMemory(run: ExcelRun, workspace: string, docId: string): UnownedMemory {
  const key = unownedLeftKey(workspace, docId);
  return {
    left: () =>
      run(async (context) => {
        const setting = context.workbook.settings.getItemOrNullObject(key).load('value');
        await context.sync();
        return !setting.isNullObject && setting.value === LEFT;
      }),
    remember: (left) =>
      run(async (context) => {
        if (left) {
          context.workbook.settings.add(key, LEFT);
          await context.sync();
          return;
        }
        const setting = context.workbook.settings.getItemOrNullObject(key).load('key');
        await context.sync();
        if (setting.isNullObject) return;
        setting.delete();
        await context.sync();
      }),
  };
}
