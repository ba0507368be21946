/**
 * A write Excel refuses part-way leaves the add-in's events as the failed request left them:
 * Excel applies a batch's commands up to the one that fails, so the `enableEvents = false` at the
 * start of a write stayed set, and what the person typed from then on raised no event and never
 * reached the document. The writer now turns events on again after a refused write.
 */
import { describe, expect, it } from 'vitest';
import { rowsOf, setCell } from '../../../shared/doc/index.js';
import { RELAY, cellAt, disposedAfterEach, docWith, openSide, protectSheet } from './helpers.js';

const SHEET = 'plan-test';
const opened = disposedAfterEach();

describe('a write Excel refuses part-way', () => {
  it('leaves events on: what the person types afterwards reaches the document', async () => {
    const doc = docWith('activity-plan', [{ title: 'Promenad' }, { title: 'Dans' }]);
    // The writer's timed retry (which would turn events on by succeeding) is far off.
    const side = await openSide(doc, 'activity-plan', { retryBaseMs: 60_000 });
    opened.push(side);
    const protect = (on: boolean): Promise<void> => protectSheet(side, SHEET, on);
    // The person protects the sheet (Review → Protect Sheet); a change from others cannot be written.
    await protect(true);
    doc.transact(() => setCell(doc, rowsOf(doc)[0]!.id, 'title', 'Promenad i parken'), RELAY);
    await expect.poll(() => side.binding.status.lastError?.code, { timeout: 10_000 }).toBe('AccessDenied');
    await side.host.settle();
    await protect(false);
    side.host.user.type(SHEET, cellAt('activity-plan', 'title', 1), 'Dans för seniorer');
    await expect.poll(() => rowsOf(doc)[1]!.values.title, { timeout: 10_000 }).toBe('Dans för seniorer');
  });
});
