import { describe, expect, it } from 'vitest';
import { checkColumns, headerValues, layoutFor } from '../../../addin/excel/sheet/layout.js';

const layout = layoutFor('partners', 'partners-test', 'sv');
const header = headerValues(layout);
const home = { row: 0, col: 0 };

describe('checkColumns', () => {
  it('accepts the header as written, also in another case or with spaces around', () => {
    expect(checkColumns(layout, header, home)).toEqual({ intact: true, extra: 0 });
    expect(checkColumns(layout, header.map((h) => ` ${h.toUpperCase()} `), home)).toEqual({ intact: true, extra: 0 });
  });

  it('accepts columns the person added at the right end', () => {
    expect(checkColumns(layout, [...header, 'Kommentar', 'Ansvarig'], home)).toEqual({ intact: true, extra: 2 });
  });

  it('refuses a column inserted, deleted, moved or renamed among Samplan’s', () => {
    const inserted = [...header.slice(0, 2), 'Kommentar', ...header.slice(2)];
    const deleted = [...header.slice(0, 2), ...header.slice(3)];
    const moved = [header[0], header[2], header[1], ...header.slice(3)];
    const renamed = [header[0], 'Namn på aktören', ...header.slice(2)];
    for (const h of [inserted, deleted, moved, renamed]) expect(checkColumns(layout, h, home)).toEqual({ intact: false, reason: 'columns-changed' });
  });

  it('refuses a table that has moved from A1', () => {
    expect(checkColumns(layout, header, { row: 0, col: 1 })).toEqual({ intact: false, reason: 'table-moved' });
    expect(checkColumns(layout, header, { row: 2, col: 0 })).toEqual({ intact: false, reason: 'table-moved' });
  });
});
