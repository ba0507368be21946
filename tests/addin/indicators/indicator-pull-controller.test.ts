import { describe, expect, it, vi } from 'vitest';
import { setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { IndicatorPullController } from '../../../addin/indicators/indicator-pull-controller.js';
import { createWorkbook } from '../../../addin/excel-emulator/index.js';
import { indicatorDocs } from './fixture.js';

function setup() {
  const docs = indicatorDocs();
  const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
  const destroy = vi.fn(async () => source.dispose());
  const open = vi.fn(() => ({ source, whenSynced: () => Promise.resolve(), destroy }));
  const host = { addController: vi.fn(), removeController: vi.fn(), requestUpdate: vi.fn(), updateComplete: Promise.resolve(true) };
  const controller = new IndicatorPullController(host, open);
  return { ...docs, controller, open, destroy, host };
}

describe('IndicatorPullController', () => {
  it('opens the source once, on first use, and offers the choices', async () => {
    const { controller, open } = setup();
    expect(open).not.toHaveBeenCalled();
    const choices = await controller.choices();
    await controller.choices();
    expect(open).toHaveBeenCalledTimes(1);
    expect(choices.indicators.map((i) => i.id)).toEqual(['far-6man', 'halsosamtal']);
  });

  it('pulls live tables, replacing an earlier pull into the same table', async () => {
    const { controller, values } = setup();
    const excel = createWorkbook();
    const run = <T>(batch: (c: Excel.RequestContext) => Promise<T>) => excel.run(batch);
    const first = await controller.pull(run, { units: ['vc-rinkeby'] }, { lang: 'sv', coalesceMs: 5 });
    const second = await controller.pull(run, { units: ['vc-tensta'] }, { lang: 'sv', coalesceMs: 5 });
    expect(controller.pulled).toEqual([second]);
    const before = first.syncs;
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 1);
    await new Promise((r) => setTimeout(r, 30));
    expect(first.syncs).toBe(before);
    expect(excel.readTable('SamplanIndikatorer').rows.map((r) => r[2])).toEqual(['vc-tensta']);
  });

  it('closes the source and stops the tables when its host leaves the page', async () => {
    const { controller, destroy } = setup();
    const excel = createWorkbook();
    await controller.pull((batch) => excel.run(batch), {}, { lang: 'en' });
    controller.hostDisconnected();
    await vi.waitFor(() => expect(destroy).toHaveBeenCalledTimes(1));
    expect(controller.pulled).toEqual([]);
  });
});
