/** The answer of `GET …/member-removals` as the pane reads it (`memberRemovalsAnswerSchema`). */
import { describe, expect, it } from 'vitest';
import { memberRemovalsAnswerSchema } from '../../../shared/protocol/member-removals.js';

const removal = { id: 'olle@region.se', removedBy: 'coord@region.se', removedByName: 'Cora Samordnare', removedAt: '2026-11-30T09:12:00Z' };

describe('member removals answer', () => {
  it('reads the name the removed person had, and null for a removal kept without one', () => {
    const answer = { removals: [{ ...removal, name: 'Olle Berg' }, { ...removal, id: 'per@region.se', name: null }] };
    expect(memberRemovalsAnswerSchema.parse(answer)).toEqual(answer);
  });

  it('reads an answer of a server that kept no names as removals without a name, so the list still shows', () => {
    expect(memberRemovalsAnswerSchema.parse({ removals: [removal] })).toEqual({ removals: [{ ...removal, name: null }] });
  });

  it('refuses a name that is not text', () => {
    expect(memberRemovalsAnswerSchema.safeParse({ removals: [{ ...removal, name: 7 }] }).success).toBe(false);
  });
});
