/**
 * What a rights notice says (`rightsNoticeOf`, PostgreSQL's payload "<version> <kind>") and which
 * versions a rights round may skip (`QuietVersions`): only an unbroken run of versions each told
 * as a token or a member added since the version the rights in force were read at. A version nobody told of,
 * or told of as any other write, is never covered.
 */
import { describe, expect, it } from 'vitest';
import { rightsNoticeOf } from '../../../server/storage/postgres-notices.js';
import { QuietVersions } from '../../../server/sync/quiet-versions.js';

describe('rightsNoticeOf', () => {
  it('reads a version and a known kind, and nothing else', () => {
    expect(rightsNoticeOf('42 token-added')).toEqual({ version: 42, kind: 'token-added' });
    expect(rightsNoticeOf('7 member-removed')).toEqual({ version: 7, kind: 'member-removed' });
    for (const payload of ['', undefined, '42', 'token-added', '42 token-added ', '42 token-exploded', '-1 token-added', '4e2 token-added']) {
      expect(rightsNoticeOf(payload)).toBeUndefined();
    }
  });
});

describe('QuietVersions', () => {
  it('covers an unbroken run of versions told as tokens added, and forgets them', () => {
    const q = new QuietVersions();
    expect(q.told({ version: 11, kind: 'token-added' })).toBe(true);
    expect(q.told({ version: 12, kind: 'token-added' })).toBe(true);
    expect(q.covers(10, 12)).toBe(true);
    expect(q.size).toBe(0);
    expect(q.covers(12, 12)).toBe(true);
  });

  it('covers versions told as members added, alone or among tokens added', () => {
    const q = new QuietVersions();
    expect(q.told({ version: 11, kind: 'member-added' })).toBe(true);
    expect(q.told({ version: 12, kind: 'token-added' })).toBe(true);
    expect(q.covers(10, 12)).toBe(true);
    expect(rightsNoticeOf('13 member-added')).toEqual({ version: 13, kind: 'member-added' });
  });

  it('covers no version another write moved, told or not', () => {
    const q = new QuietVersions();
    for (const kind of ['token-changed', 'token-revoked', 'member-changed', 'member-removed', 'doc-changed', 'doc-deleted'] as const) {
      expect(q.told({ version: 11, kind })).toBe(false);
    }
    expect(q.told(undefined)).toBe(false);
    q.told({ version: 12, kind: 'token-added' });
    // 11 was a revocation (or a write whose notice named nothing): a round must read.
    expect(q.covers(10, 12)).toBe(false);
    expect(q.covers(11, 12)).toBe(true);
    q.told({ version: 14, kind: 'token-added' });
    expect(q.covers(12, 14)).toBe(false);
    q.forget(14);
    expect(q.size).toBe(0);
  });
});
