import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../server/auth/principal.js';
import {
  ACTIONS,
  type Action,
  type AuthTarget,
  type DenyReason,
  authorize,
  canManageMember,
  canWriteRow,
} from '../../../server/auth/policy.js';
import type { Role } from '../../../server/storage/storage.js';

const WS = 'hbi-stockholm';
const ROLES: readonly Role[] = ['admin', 'coordinator', 'editor', 'viewer'];

/** Every principal below belongs to the Husby clinic of Region Stockholm. */
const as = (role: Role, units = ['husby']): Principal => ({
  workspace: WS,
  memberId: `${role}-1`,
  name: role,
  role,
  units,
  tokenId: `tok-${role}`,
});

const ownPlan = { kind: 'activity-plan', ownerUnit: 'husby' };
const otherPlan = { kind: 'activity-plan', ownerUnit: 'rinkeby' };
const countyPlan = { kind: 'action-plan', ownerUnit: 'region' };
const partners = { kind: 'partners', ownerUnit: 'region' };
const catalog = { kind: 'indicator-catalog', ownerUnit: 'region' };
const ownValues = { kind: 'indicator-values', ownerUnit: 'husby' };

/** The questions of the auth matrix: an action on a target. */
const CASES = {
  'read a document': ['read', { workspace: WS, doc: otherPlan }],
  'list the workspace': ['read', { workspace: WS }],
  'write own unit': ['write', { workspace: WS, doc: ownPlan }],
  'write other unit': ['write', { workspace: WS, doc: otherPlan }],
  'write own indicator values': ['write', { workspace: WS, doc: ownValues }],
  'write county action plan': ['write', { workspace: WS, doc: countyPlan }],
  'write partners': ['write', { workspace: WS, doc: partners }],
  'write indicator catalog': ['write', { workspace: WS, doc: catalog }],
  'write, no document named': ['write', { workspace: WS }],
  'create for own unit': ['create', { workspace: WS, doc: ownPlan }],
  'create for other unit': ['create', { workspace: WS, doc: otherPlan }],
  'create county action plan': ['create', { workspace: WS, doc: countyPlan }],
  'create partners': ['create', { workspace: WS, doc: partners }],
  'create, no document named': ['create', { workspace: WS }],
  export: ['export', { workspace: WS, doc: otherPlan }],
  'import own unit': ['import', { workspace: WS, doc: ownPlan }],
  'import other unit': ['import', { workspace: WS, doc: otherPlan }],
  'import indicator catalog': ['import', { workspace: WS, doc: catalog }],
  'admin API': ['admin', { workspace: WS }],
  'manage members, tokens and units': ['members', { workspace: WS }],
} satisfies Record<string, [Action, AuthTarget]>;
type Case = keyof typeof CASES;

const Y = 'ok' as const;
type Expected = typeof Y | DenyReason;

/** The expected answer for every role × case: `ok`, or the reason for the refusal. */
const MATRIX: Record<Role, Record<Case, Expected>> = {
  admin: {
    'read a document': Y, 'list the workspace': Y,
    'write own unit': Y, 'write other unit': Y, 'write own indicator values': Y, 'write county action plan': Y,
    'write partners': Y, 'write indicator catalog': Y, 'write, no document named': Y,
    'create for own unit': Y, 'create for other unit': Y, 'create county action plan': Y, 'create partners': Y, 'create, no document named': Y,
    export: Y, 'import own unit': Y, 'import other unit': Y, 'import indicator catalog': Y, 'admin API': Y,
    'manage members, tokens and units': Y,
  },
  coordinator: {
    'read a document': Y, 'list the workspace': Y,
    'write own unit': Y, 'write other unit': Y, 'write own indicator values': Y, 'write county action plan': Y,
    'write partners': Y, 'write indicator catalog': Y, 'write, no document named': Y,
    'create for own unit': Y, 'create for other unit': Y, 'create county action plan': Y, 'create partners': Y, 'create, no document named': Y,
    export: Y, 'import own unit': Y, 'import other unit': Y, 'import indicator catalog': Y,
    'admin API': 'role-forbids', 'manage members, tokens and units': Y,
  },
  editor: {
    'read a document': Y, 'list the workspace': Y,
    'write own unit': Y, 'write other unit': 'not-own-unit', 'write own indicator values': Y,
    'write county action plan': Y,
    'write partners': 'shared-reference-data', 'write indicator catalog': 'shared-reference-data',
    'write, no document named': 'document-required',
    'create for own unit': Y, 'create for other unit': 'not-own-unit',
    'create county action plan': 'not-own-unit', 'create partners': 'shared-reference-data',
    'create, no document named': 'document-required',
    export: Y, 'import own unit': Y, 'import other unit': 'not-own-unit',
    'import indicator catalog': 'shared-reference-data',
    'admin API': 'role-forbids', 'manage members, tokens and units': 'role-forbids',
  },
  viewer: {
    'read a document': Y, 'list the workspace': Y,
    'write own unit': 'role-forbids', 'write other unit': 'role-forbids', 'write own indicator values': 'role-forbids',
    'write county action plan': 'role-forbids', 'write partners': 'role-forbids',
    'write indicator catalog': 'role-forbids', 'write, no document named': 'role-forbids',
    'create for own unit': 'role-forbids', 'create for other unit': 'role-forbids',
    'create county action plan': 'role-forbids', 'create partners': 'role-forbids',
    'create, no document named': 'role-forbids',
    export: Y, 'import own unit': 'role-forbids', 'import other unit': 'role-forbids',
    'import indicator catalog': 'role-forbids', 'admin API': 'role-forbids',
    'manage members, tokens and units': 'role-forbids',
  },
};

const answer = (role: Role, c: Case): Expected => {
  const [action, target] = CASES[c];
  const decision = authorize(as(role), action, target);
  return decision.ok ? Y : decision.reason;
};

describe('auth policy', () => {
  describe('matrix: every role × every action', () => {
    it('covers every role and every action', () => {
      expect(Object.keys(MATRIX).sort()).toEqual([...ROLES].sort());
      expect(new Set(Object.values(CASES).map(([action]) => action))).toEqual(new Set(ACTIONS));
    });

    const rows = ROLES.flatMap((role) => (Object.keys(CASES) as Case[]).map((c) => ({ role, c })));
    it.each(rows)('$role: $c → as in the table', ({ role, c }) => {
      expect(answer(role, c)).toBe(MATRIX[role][c]);
    });

    it('answers 100 % of the table as expected', () => {
      const wrong = rows.filter(({ role, c }) => answer(role, c) !== MATRIX[role][c]);
      expect(wrong).toEqual([]);
      expect(rows).toHaveLength(ROLES.length * Object.keys(CASES).length);
    });
  });

  describe('other workspaces', () => {
    const rows = ROLES.flatMap((role) => ACTIONS.map((action) => ({ role, action })));
    it.each(rows)('refuses $role of another workspace to $action', ({ role, action }) => {
      const target = { workspace: 'lan-jonkoping', doc: { kind: 'activity-plan', ownerUnit: 'husby' } };
      expect(authorize(as(role), action, target)).toEqual({ ok: false, reason: 'other-workspace' });
    });
  });

  describe('members below admin', () => {
    const ROLE_OR_NONE = [null, ...ROLES] as const;
    it('lets an admin grant, change and remove every role', () => {
      for (const current of ROLE_OR_NONE) for (const next of ROLE_OR_NONE) expect(canManageMember(as('admin'), current, next)).toBe(true);
    });

    it('never lets a coordinator grant admin or touch an admin', () => {
      for (const current of ROLE_OR_NONE) {
        for (const next of ROLE_OR_NONE) {
          expect(canManageMember(as('coordinator'), current, next)).toBe(current !== 'admin' && next !== 'admin');
        }
      }
    });
  });

  describe('editors of several units', () => {
    it('write the documents of each of their units and no others', () => {
      const anna = as('editor', ['husby', 'rinkeby']);
      expect(authorize(anna, 'write', { workspace: WS, doc: otherPlan }).ok).toBe(true);
      expect(authorize(anna, 'write', { workspace: WS, doc: { ...ownPlan, ownerUnit: 'tensta' } }).ok).toBe(false);
    });

    it('do not inherit the clinics below a region unit they belong to', () => {
      const regional = as('editor', ['region']);
      expect(authorize(regional, 'write', { workspace: WS, doc: ownPlan })).toEqual({ ok: false, reason: 'not-own-unit' });
    });
  });

  describe('action-plan rows', () => {
    it('lets an editor write rows of its own unit only', () => {
      expect(canWriteRow(as('editor'), countyPlan, 'husby')).toBe(true);
      expect(canWriteRow(as('editor'), countyPlan, 'rinkeby')).toBe(false);
    });

    it('refuses an editor a row without a unit (a new row must carry the editor’s unit)', () => {
      expect(canWriteRow(as('editor'), countyPlan, null)).toBe(false);
    });

    it('lets an editor of two units write rows of both', () => {
      const anna = as('editor', ['husby', 'rinkeby']);
      expect(canWriteRow(anna, countyPlan, 'rinkeby')).toBe(true);
      expect(canWriteRow(anna, countyPlan, 'tensta')).toBe(false);
    });

    it('lets coordinators and admins write every row, with or without a unit', () => {
      for (const role of ['admin', 'coordinator'] as const) {
        for (const unit of ['husby', 'rinkeby', null]) expect(canWriteRow(as(role), countyPlan, unit)).toBe(true);
      }
    });

    it('refuses viewers every row', () => {
      for (const unit of ['husby', 'rinkeby', null]) expect(canWriteRow(as('viewer'), countyPlan, unit)).toBe(false);
    });
  });

  describe('rows of other kinds follow the document owner', () => {
    it('lets an editor write any row of its own clinic’s plan, whatever the row’s unit cell', () => {
      expect(canWriteRow(as('editor'), ownPlan, 'rinkeby')).toBe(true);
      expect(canWriteRow(as('editor'), ownPlan, null)).toBe(true);
    });

    it('refuses an editor rows of another clinic’s plan and of reference data', () => {
      expect(canWriteRow(as('editor'), otherPlan, 'husby')).toBe(false);
      expect(canWriteRow(as('editor'), partners, 'husby')).toBe(false);
      expect(canWriteRow(as('editor'), catalog, null)).toBe(false);
    });
  });
});
