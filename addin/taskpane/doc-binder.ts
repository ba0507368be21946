/**
 * Binding one open document to its worksheet: the options the binding gets from the pane (rights,
 * round locks, the rounds' periods, the reference lists) and where its problems and the person's
 * selection go. Kept apart from `documents-controller.ts`, which decides when a document is bound.
 */
import type * as Y from 'yjs';
import type { CrossRefs } from '../../shared/validate/cross-refs.js';
import type { Problem } from '../../shared/validate/problem.js';
import type { RowLocks } from '../excel/sheet/row-locks.js';
import type { RefLists } from '../excel/sheet/ref-lists.js';
import type { OpenDoc } from './open-doc.js';
import type { EnginePorts, ExcelRun } from './ports.js';
import type { LivePeriods } from '../excel/sheet/types.js';
import type { Lang } from './strings.js';

/** What binding a document needs, beside the open document itself. */
export interface BinderSetup {
  ports: EnginePorts;
  run: ExcelRun;
  ydoc: Y.Doc;
  info: { id: string; kind: string; title: string };
  lang: Lang;
  readOnly: boolean;
  locks: RowLocks | undefined;
  periods: LivePeriods | null;
  refLists: RefLists;
  /** Other documents' facts the sheet's Problems check with (the catalog's ranges). */
  refs?: CrossRefs;
  /** The sheet emptied by taking this document's table out, if any (read once per binding, then forgotten). */
  takeKeptSheet: () => string | undefined;
  /** The host must draw again (new problems). */
  update: () => void;
}

/**
 * A function that binds `entry` to its sheet (again): sets `entry.binding`, or `entry.bindError`
 * when binding throws (the document stays connected). Never rejects.
 */
export function docBinder(entry: OpenDoc, setup: BinderSetup): () => Promise<void> {
  const { ports, run, ydoc, info, lang, readOnly, locks, periods, refLists, refs, update } = setup;
  return async () => {
    const sheetName = setup.takeKeptSheet();
    try {
      entry.binding = await ports.bind(run, ydoc, info.kind, {
        docId: info.id,
        title: info.title,
        lang,
        readOnly,
        ...(sheetName !== undefined ? { sheetName } : {}),
        ...(locks ? { rowLocks: locks } : {}),
        ...(periods ? { periods } : {}),
        refLists,
        ...(refs ? { refs } : {}),
        onProblems: (problems: Problem[]) => {
          entry.problems = problems;
          update();
        },
        // Only the row's id is shared; every pane labels it from its own copy of the doc.
        onSelection: (selection) => entry.sync.awareness?.setLocalStateField('row', selection?.rowId ?? null),
      });
    } catch (err) {
      entry.bindError = { error: err };
    }
  };
}
