import { describe, expect, it } from 'vitest';
import { columnOf, valueWords } from '../../../addin/taskpane/cell-words.js';
import { refLookup } from '../../../shared/normalize/ref-lookup.js';

describe('valueWords', () => {
  const partner = columnOf('activity-plan', 'partner');
  const partners = refLookup([{ id: 'Rk2aB4cD6eFg', name: 'Röda Korset' }]);

  it('names a partner stored by id, and shows a name stored before ids as the partner it names', () => {
    expect(partner).not.toBeNull();
    const names = { units: new Map<string, string>(), partners };
    expect(valueWords(partner!, 'Rk2aB4cD6eFg', 'sv', names)).toBe('Röda Korset');
    expect(valueWords(partner!, 'röda korset', 'sv', names)).toBe('Röda Korset');
    expect(valueWords(partner!, 'Okänd aktör', 'sv', names)).toBe('Okänd aktör');
  });

  it('shows the stored text while the partner list is not known', () => {
    expect(valueWords(partner!, 'Rk2aB4cD6eFg', 'sv', { units: new Map() })).toBe('Rk2aB4cD6eFg');
  });
});
