/**
 * `npm run build` printed two Rollup warnings about `@__PURE__` comments in zod's files
 * (harmless, alarming to a new user). The build's `onwarn` silences exactly that warning for
 * zod, and passes every other one on.
 */
import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { onRollupWarning } from '../../vite.config.js';

const passedOn = (warning: Rollup.RollupLog): boolean => {
  let passed = false;
  onRollupWarning(warning, () => (passed = true));
  return passed;
};
const annotation = (id: string): Rollup.RollupLog => ({ code: 'INVALID_ANNOTATION', message: 'A comment … contains an annotation that Rollup cannot interpret', id });

describe('the build’s Rollup warnings', () => {
  it('silences the comment-annotation warning in zod’s files, seen through a symlinked node_modules too', () => {
    expect(passedOn(annotation('/work/main/node_modules/zod/v4/core/regexes.js'))).toBe(false);
    expect(passedOn(annotation('C:\\samplan\\node_modules\\zod\\v4\\core\\util.js'))).toBe(false);
  });

  it('passes on the same warning for any other file, and any other warning for zod', () => {
    expect(passedOn(annotation('/work/main/node_modules/lit/index.js'))).toBe(true);
    expect(passedOn(annotation('/work/samplan/addin/zod-helpers.ts'))).toBe(true);
    expect(passedOn(annotation('/work/main/node_modules/zod-to-json-schema/index.js'))).toBe(true);
    expect(passedOn({ code: 'CIRCULAR_DEPENDENCY', message: 'Circular dependency', id: '/work/main/node_modules/zod/v4/core/util.js' })).toBe(true);
    expect(passedOn({ code: 'INVALID_ANNOTATION', message: 'no id' })).toBe(true);
  });
});
