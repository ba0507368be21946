/**
 * The fake IndexedDB (`fake-indexeddb/auto`) of a shared-worker file, emptied for the next file.
 * Its databases live in a module-level factory on `globalThis.indexedDB`, which a shared worker
 * keeps from one file to the next: a pane's offline copy one file left (`local-check.test.ts`:
 * plan-b with a row "Start") was opened by a later file's pane under the same name
 * (`connect-doc.test.ts`), which then found that row in its own offline copy and failed a CI run.
 */

/**
 * Put an empty fake IndexedDB in place of the one on `globalThis`, if it is one (`fake-indexeddb`'s
 * `IDBFactory`); anything else (none, a real one) is left alone. Resolves true when it replaced it.
 */
export async function freshFakeIndexedDb(): Promise<boolean> {
  const g = globalThis as { indexedDB?: unknown };
  if (g.indexedDB === undefined) return false;
  const { IDBFactory } = await import('fake-indexeddb');
  if (!(g.indexedDB instanceof IDBFactory)) return false;
  g.indexedDB = new IDBFactory();
  return true;
}
