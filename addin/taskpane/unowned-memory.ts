/**
 * The person's "Nej, låt dem vara" about the unsent edits of a copy with no owner
 * (`addin/sync/other-copies.ts`), remembered for the workbook it was given in: without it the
 * question was asked again at every open of the document. Kept twice, since each place alone loses
 * it somewhere:
 * - a workbook setting per workspace and document (`samplan.unowned-left.<workspace>/<doc>`,
 *   ExcelApi 1.4), which travels with the saved file but is lost when the workbook is closed
 *   without saving (Excel keeps settings with the file, as it keeps cells);
 * - the pane's local storage on this computer, where the copy itself is (IndexedDB of the same
 *   origin), keyed by the workbook's name (`Workbook.name`, ExcelApi 1.7) and the document
 *   (`samplan.unowned-left:<workbook>:<workspace>/<doc>`), which outlives a close without saving.
 *   A file is often named after whom it concerns; a personnummer or samordningsnummer in the name
 *   is kept masked (`[redacted]`), so workbooks whose names differ only by one share an entry.
 * Either says "left". Another workbook opening the document is asked (another name, no setting);
 * "Fråga igen" forgets both. Only the document and the workbook's name are kept: the edits stay in
 * their copy.
 */
import type { ExcelRun } from '../excel/sheet/types.js';
import { redactPersonnummer } from '../../shared/validate/redact-personnummer.js';

/** The prefix of the settings' keys. */
export const UNOWNED_LEFT_SETTING = 'samplan.unowned-left.';

/** The value the setting and the local entry hold while the answer is remembered. */
const LEFT = 'left';

/** The setting that remembers the answer for `docId` of `workspace`. */
export function unownedLeftKey(workspace: string, docId: string): string {
  return `${UNOWNED_LEFT_SETTING}${workspace}/${docId}`;
}

/**
 * The local-storage key that remembers the answer for `docId` of `workspace` in the workbook named
 * `workbook`, with every personnummer and samordningsnummer of the name masked (`redactPersonnummer`).
 */
export function unownedLeftLocalKey(workbook: string, workspace: string, docId: string): string {
  // Masked: identity numbers never reach storage, and local storage is storage on this computer.
  // Encoded: a workbook name with a colon cannot make another workbook's key.
  return `samplan.unowned-left:${encodeURIComponent(redactPersonnummer(workbook))}:${workspace}/${docId}`;
}

/** What the memory needs of the pane's local storage (`localStorage`). */
export type LocalMemory = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The answer about one document's copy with no owner, as a workbook keeps it. */
export interface UnownedMemory {
  /**
   * True when the person said in this workbook that the copy's edits are not theirs (the setting,
   * or the local entry). An answer found in the setting alone (given before it was kept here, or on
   * another computer) is written here too, as far as local storage takes it.
   */
  left(): Promise<boolean>;
  /**
   * Remembers that answer (`left` true), in the workbook and then on this computer; rejects when
   * Excel refuses, and then nothing changed. Local storage that refuses (full, or off in the
   * browser) leaves the workbook's setting alone to hold it. Forgets it (false) on this computer
   * and then in the workbook; rejects when either refuses, the answer then still given by the place
   * not yet forgotten.
   */
  remember(left: boolean): Promise<void>;
  /**
   * Whether local storage here holds the answer too, after `left()` answered true or
   * `remember(true)` resolved: false when it refused (full, off) or the workbook's name cannot be
   * read, and then only a saved workbook keeps it.
   */
  readonly onThisComputer: boolean;
}

/**
 * The memory of the answer about `docId`'s copy with no owner in the workbook `run` reaches, and in
 * `local` (the pane's `localStorage` by default; none: the workbook alone).
 *
 * @example
 * const memory = unownedMemory((batch) => Excel.run(batch), 'hbi-stockholm', 'plan-tensta');
 * if (await memory.left()) // answer "not mine" without asking
 */
export function unownedMemory(run: ExcelRun, workspace: string, docId: string, local: LocalMemory | null = defaultLocal()): UnownedMemory {
  const key = unownedLeftKey(workspace, docId);
  /** The local entry's key, or null when the workbook's name cannot be read (an Excel before ExcelApi 1.7). */
  const localKey = async (): Promise<string | null> => {
    if (!local) return null;
    try {
      const name = await run(async (context) => {
        const workbook = context.workbook.load('name');
        await context.sync();
        return workbook.name;
      });
      return name ? unownedLeftLocalKey(name, workspace, docId) : null;
    } catch {
      return null;
    }
  };
  /** Keeps the answer in local storage at `k`; false when there is none or it refuses (full, off). */
  const keepHere = (k: string | null): boolean => {
    try {
      if (k === null || !local) return false;
      if (local.getItem(k) !== LEFT) local.setItem(k, LEFT);
      return true;
    } catch {
      return false;
    }
  };
  let onThisComputer = false;
  return {
    get onThisComputer() {
      return onThisComputer;
    },
    async left() {
      const inWorkbook = await run(async (context) => {
        const setting = context.workbook.settings.getItemOrNullObject(key).load('value');
        await context.sync();
        return !setting.isNullObject && setting.value === LEFT;
      });
      const k = await localKey();
      if (inWorkbook) {
        onThisComputer = keepHere(k);
        return true;
      }
      try {
        onThisComputer = k !== null && local?.getItem(k) === LEFT;
      } catch {
        onThisComputer = false;
      }
      return onThisComputer;
    },
    async remember(left) {
      if (left) {
        await run(async (context) => {
          context.workbook.settings.add(key, LEFT);
          await context.sync();
        });
        // Local storage full or off: the workbook's setting still holds the answer, and
        // `onThisComputer` says it is held there alone.
        onThisComputer = keepHere(await localKey());
        return;
      }
      // Forgotten on this computer first: local storage that refuses rejects with both places as
      // they were, or the question would be asked now and answered unasked at the next open.
      const k = await localKey();
      if (k) local?.removeItem(k);
      await run(async (context) => {
        const setting = context.workbook.settings.getItemOrNullObject(key).load('key');
        await context.sync();
        if (setting.isNullObject) return;
        setting.delete();
        await context.sync();
      });
    },
  };
}

/** The pane's `localStorage`, or null where there is none (or reading it throws: storage off). */
function defaultLocal(): LocalMemory | null {
  try {
    return (globalThis as { localStorage?: LocalMemory }).localStorage ?? null;
  } catch {
    return null;
  }
}
