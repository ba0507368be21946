/**
 * When the last-synced snapshot (see `snapshot.ts`) is stored in the workbook: with the
 * writer's next batch, on demand or after a quiet delay following the last change.
 */
import type { BindingContext } from './binding-context.js';
import { formulasOverValues } from './kept-formulas.js';
import { encodeSnapshot } from './snapshot.js';

/** Saves the last-synced snapshot with the writer's next batch, now or after a quiet delay. */
export interface SnapshotSaver {
  /** Queues the snapshot into the writer's next batch. */
  queue(): void;
  /** Queues it after `delayMs` without changes (0: never by timer). */
  later(): void;
  stop(): void;
}

/**
 * The saver of one binding: `writer` is the doc → sheet writer (the setting goes with its next
 * batch), `life.disposed` stops timed saves.
 */
export function snapshotSaver(
  ctx: BindingContext,
  writer: { addSetting(key: string, value: string): void; schedule(): void },
  key: string,
  delayMs: number,
  life: { readonly disposed: boolean },
): SnapshotSaver {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const queue = (): void => {
    const rows = ctx.snapshotRows();
    // With the cells showing the person's formula over a value, so that one removed while the pane is closed is known.
    writer.addSetting(key, encodeSnapshot(ctx.layout.columns, rows, formulasOverValues(ctx.localProblems, ctx.layout.columns, rows)));
  };
  return {
    queue,
    later() {
      if (delayMs <= 0 || life.disposed) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        queue();
        writer.schedule();
      }, delayMs);
    },
    stop() {
      if (timer) clearTimeout(timer);
    },
  };
}
