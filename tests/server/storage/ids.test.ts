import { describe, expect, it } from 'vitest';
import { slugSchema } from '../../../server/storage/ids.js';
import { isSlug } from '../../../server/storage/slug.js';

describe('ids', () => {
  it.each(['hbi-stockholm', 'plan-husby-2026', 'a', '0', 'x'.repeat(64), '15-clinics'])('accepts %s', (id) => {
    expect(isSlug(id)).toBe(true);
    expect(slugSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', '-plan', 'Plan', 'plan_husby', 'plan husby', 'plan/../x', 'x'.repeat(65), 'vårdcentral', 'plan\n'])(
    'refuses %j',
    (id) => {
      expect(isSlug(id)).toBe(false);
      expect(slugSchema.safeParse(id).success).toBe(false);
    },
  );

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, ['plan']]) expect(isSlug(value)).toBe(false);
  });
});
