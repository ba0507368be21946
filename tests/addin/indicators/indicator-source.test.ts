import { describe, expect, it, vi } from 'vitest';
import { setCell } from '../../../shared/doc/index.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { validateDoc } from '../../../shared/validate/validate-doc.js';
import { indicatorDocs } from './fixture.js';

describe('docIndicatorSource', () => {
  it('serves the validated table by default and counts what it left out', () => {
    const { catalog, values } = indicatorDocs();
    const table = docIndicatorSource([catalog.manager], [values.manager]).current();
    expect(table.rows).toHaveLength(3);
    expect(table).toMatchObject({ validated: true, leftOut: 1, leftOutReasons: { 'unknown-indicator': 1 } });
  });

  it('shows every row when not validated', () => {
    const { catalog, values } = indicatorDocs();
    const table = docIndicatorSource([catalog.manager], [values.manager], undefined, { validated: false }).current();
    expect(table.rows).toHaveLength(4);
  });

  it('checks units when it knows them', () => {
    const { catalog, values } = indicatorDocs();
    const table = docIndicatorSource([catalog.manager], [values.manager], undefined, { units: new Set(['vc-rinkeby', 'vc-tensta']) }).current();
    expect(table.leftOutReasons).toEqual({ 'unknown-indicator': 1, 'unknown-unit': 1 });
  });

  it('validates a values doc once per change, not once per read', () => {
    const { catalog, values } = indicatorDocs();
    const problems = vi.fn(validateDoc);
    const source = docIndicatorSource([catalog.manager], [values.manager], problems);
    source.current();
    source.current({ units: ['vc-rinkeby'] });
    expect(problems).toHaveBeenCalledTimes(1);
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 1);
    source.current();
    expect(problems).toHaveBeenCalledTimes(2);
  });

  it('tells subscribers about remote changes to the values and the catalog, until disposed', () => {
    const { catalog, values } = indicatorDocs();
    const source = docIndicatorSource([catalog.manager], [values.manager]);
    const seen = vi.fn();
    source.subscribe(seen);
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 1);
    setCell(catalog.coordinator, catalog.ids[0] as string, 'target', 70);
    expect(seen).toHaveBeenCalledTimes(2);
    expect(source.definitions().get('far-6man')?.target).toBe(70);
    source.dispose();
    setCell(values.coordinator, values.ids[0] as string, 'numerator', 2);
    expect(seen).toHaveBeenCalledTimes(2);
  });
});
