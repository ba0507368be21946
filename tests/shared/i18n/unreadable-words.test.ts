import { describe, expect, it } from 'vitest';
import { leftOutWords } from '../../../shared/i18n/unreadable-words.js';
import type { UnreadableDoc } from '../../../shared/rounds/unreadable.js';

const names = new Map([
  ['vc-a', 'Vårdcentral A'],
  ['vc-b', 'Vårdcentral B'],
  ['vc-c', 'Vårdcentral C'],
]);
const docOf = (ownerUnit: string, code?: UnreadableDoc['code'], doc = `plan-${ownerUnit}`): UnreadableDoc => ({
  doc,
  kind: 'activity-plan',
  ownerUnit,
  title: `Aktivitetsplan ${ownerUnit}`,
  ...(code ? { code } : {}),
  message: { sv: 'Dokumentet kan inte läsas.', en: 'The document cannot be read.' },
});

describe('what a roll-up says of the units it left out', () => {
  it('names a keyless document as keyless, not as damaged history', () => {
    const said = leftOutWords(['vc-a'], names, [docOf('vc-a', 'document-keyless')]);
    expect(said?.sv).toBe('Vårdcentral A är utelämnad: ett av dess dokument går inte att läsa (dokumentets nyckel i databasen saknas), så summorna för hela länet är utan den.');
    expect(said?.en).toBe("Vårdcentral A is left out: one of its documents cannot be read (the document's key in the database is gone), so the county's sums are without it.");
  });

  it('names a key changed by hand as changed', () => {
    const said = leftOutWords(['vc-b'], names, [docOf('vc-b', 'document-key-changed')]);
    expect(said?.sv).toContain('(dokumentets nyckel i databasen har ändrats för hand)');
    expect(said?.sv).not.toContain('skadad');
  });

  it('names each unit with its own reason when they differ, and damaged history where it is (or no code says)', () => {
    const said = leftOutWords(['vc-a', 'vc-b'], names, [docOf('vc-a', 'document-damaged'), docOf('vc-b', 'document-keyless')]);
    expect(said?.sv).toBe('Vårdcentral A och Vårdcentral B är utelämnade: vardera har ett dokument som inte går att läsa (Vårdcentral A: den sparade historiken är skadad; Vårdcentral B: dokumentets nyckel i databasen saknas), så summorna för hela länet är utan dem.');
    expect(leftOutWords(['vc-a'], names, [docOf('vc-a')])?.en).toContain('(its stored history is damaged)');
    expect(leftOutWords([], names, [])).toBeNull();
  });

  it('agrees in number with the units and their documents, never one document for several units', () => {
    const two = [docOf('vc-a'), docOf('vc-b')];
    expect(leftOutWords(['vc-a', 'vc-b'], names, two)?.sv).toBe(
      'Vårdcentral A och Vårdcentral B är utelämnade: vardera har ett dokument som inte går att läsa (den sparade historiken är skadad), så summorna för hela länet är utan dem.',
    );
    expect(leftOutWords(['vc-a', 'vc-b'], names, two)?.en).toBe(
      "Vårdcentral A and Vårdcentral B are left out: each has a document that cannot be read (its stored history is damaged), so the county's sums are without them.",
    );
    const three = [docOf('vc-a', undefined, 'plan-a'), docOf('vc-a', undefined, 'partners-a'), docOf('vc-b'), docOf('vc-c')];
    expect(leftOutWords(['vc-a', 'vc-b', 'vc-c'], names, three)?.sv).toBe(
      'Vårdcentral A, Vårdcentral B och Vårdcentral C är utelämnade: 4 av deras dokument går inte att läsa (den sparade historiken är skadad), så summorna för hela länet är utan dem.',
    );
    expect(leftOutWords(['vc-a', 'vc-b', 'vc-c'], names, three)?.en).toContain('Vårdcentral A, Vårdcentral B and Vårdcentral C are left out: 4 of their documents cannot be read');
    const own = [docOf('vc-a', undefined, 'plan-a'), docOf('vc-a', undefined, 'partners-a')];
    expect(leftOutWords(['vc-a'], names, own)?.sv).toBe('Vårdcentral A är utelämnad: 2 av dess dokument går inte att läsa (den sparade historiken är skadad), så summorna för hela länet är utan den.');
    expect(leftOutWords(['vc-a'], names, own)?.en).toContain('Vårdcentral A is left out: 2 of its documents cannot be read');
  });
});
