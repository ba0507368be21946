import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../../addin/taskpane/fuzzy.js';

describe('fuzzy matching', () => {
  it('matches characters in order, ignoring case and Swedish diacritics', () => {
    expect(fuzzyScore('oppna', 'Öppna dokument')).not.toBeNull();
    expect(fuzzyScore('nfm', 'Nytt från mall')).not.toBeNull();
    expect(fuzzyScore('mallny', 'Nytt från mall')).toBeNull();
  });

  it('ranks consecutive and word-start matches first', () => {
    const labels = ['Exportera CSV', 'Gå till nästa problem', 'Nytt från mall: Samverkansaktörer', 'Logga ut'];
    expect(fuzzyFilter('ny', labels, (l) => l)[0]).toBe('Nytt från mall: Samverkansaktörer');
    expect(fuzzyFilter('csv', labels, (l) => l)).toEqual(['Exportera CSV']);
  });

  it('keeps every item in order for an empty query', () => {
    expect(fuzzyFilter('', ['b', 'a'], (l) => l)).toEqual(['b', 'a']);
  });
});
