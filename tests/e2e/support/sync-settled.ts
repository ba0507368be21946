/**
 * The barrier a fixed pause stood for in the playground's end-to-end tests: everything a pane made
 * in a document is with the server. What has not reached the server by then was never sent, and
 * what the server does not hold no other pane can get (each pane's only way to another is its own
 * socket to the server: `addin/sync/connect-doc.ts`, BroadcastChannel off), so a test may then
 * say "not stored, not seen" at once instead of after a guessed number of milliseconds.
 */
import type { Page } from 'playwright-core';
import type { Side } from './playground.js';

/** What the page's sync state of one open document is, as read for the failure message. */
type Seen = { status: string; pending: number } | null;

/** The part of the playground's `window.samplan` (`addin/playground/playground.ts`) read here. */
interface Handle {
  samplan?: {
    hosts: Record<string, { settle(): Promise<void> }>;
    panes: Record<string, { docs: { entry(doc: string): { sync: { state(): { status: string; pending: number } } } | undefined } }>;
  };
}

/**
 * Waits until everything pane `side` made in document `docId` is with the server: its workbook's
 * change handlers have run (`ExcelHost.settle`; each writes the doc, which hands the change to the
 * connection in the same turn, or takes a refused one back and hands over the take-back), and the
 * connection is online with no local change the server has not confirmed (`SyncState.pending` 0:
 * the server answers the pane's ping only after storing what came before it, and sends what it
 * stores to the other panes before that answer: `addin/sync/send-gate.ts`, `server/sync/room.ts`).
 * Rejects after `timeout` ms naming the pane, the document and the state it last showed.
 */
export async function sentAndConfirmed(page: Page, side: Side, docId: string, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  const state = (): Promise<Seen> =>
    page.evaluate(([s, d]) => {
      const st = (window as unknown as Handle).samplan?.panes[s]?.docs.entry(d)?.sync.state();
      return st ? { status: st.status, pending: st.pending } : null;
    }, [side, docId] as const);
  try {
    await page.evaluate((s) => (window as unknown as Handle).samplan?.hosts[s]?.settle(), side);
    await page.waitForFunction(
      ([s, d]) => {
        const st = (window as unknown as Handle).samplan?.panes[s]?.docs.entry(d)?.sync.state();
        return st?.status === 'online' && st.pending === 0;
      },
      [side, docId] as const,
      { timeout: Math.max(1, until - Date.now()) },
    );
  } catch (err) {
    const last = await state().catch(() => null);
    throw new Error(
      `waited ${timeout} ms for pane ${side}'s changes of ${docId} to be confirmed by the server (connection online, 0 pending); last seen: ${last ? `${last.status}, ${last.pending} pending` : 'the document is not open there'}`,
      { cause: err },
    );
  }
}
