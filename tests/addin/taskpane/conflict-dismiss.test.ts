/**
 * Closing a conflict in Problems (Stäng) reaches the document's binding, which holds it
 * (`BindingHandle.dismiss`): the person accepts the value the plan kept. On the old code only a
 * told loss could be closed; a conflict's button did nothing.
 */
import { describe, expect, it } from 'vitest';
import { DocumentsController } from '../../../addin/taskpane/documents-controller.js';
import type { DocumentInfo, Me } from '../../../addin/taskpane/api-client.js';
import type { BindingHandle } from '../../../addin/taskpane/ports.js';
import type { Problem } from '../../../shared/validate/problem.js';
import { fakeHost, fakePorts } from './support.js';

const info: DocumentInfo = { id: 'plan-t', kind: 'activity-plan', title: 'Aktivitetsplan Tensta', ownerUnit: 'vc-tensta', updatedAt: null, archivedAt: null, archivedBy: null };
const me: Me = { memberId: 'm-t', name: 'Tina Tensta', role: 'editor', units: ['vc-tensta'] };
const run = (async () => undefined) as never;

const conflict: Problem = {
  doc: 'plan-t',
  rowId: 'r1',
  column: 'title',
  severity: 'warning',
  code: 'conflict',
  message: { sv: 'Cellen ändrades både i arbetsboken och av någon annan …; ditt värde var: Lokal', en: 'The cell was changed both … yours was: Lokal' },
  dismissable: true,
  copyText: 'Lokal',
};

describe('a conflict closed in Problems', () => {
  it('goes to the binding, which takes it out of Problems', async () => {
    const { ports, record } = fakePorts();
    const closed: Problem[] = [];
    const bind = ports.bind.bind(ports);
    ports.bind = async (...args): Promise<BindingHandle> => {
      const handle = await bind(...args);
      return {
        ...handle,
        dismiss(problem) {
          if (problem.code !== 'conflict') return false;
          closed.push(problem);
          args[3].onProblems([]);
          return true;
        },
      };
    };
    const host = fakeHost();
    const docs = new DocumentsController(host, ports);
    await docs.openDoc({ serverUrl: 'http://x', token: 't', workspace: 'hbi', info, me, lang: 'sv', run });
    record.binds[0]!.onProblems([conflict]);
    expect(docs.problems().filter((p) => p.code === 'conflict')).toHaveLength(1);
    const updates = host.updates;
    docs.dismissLost(conflict);
    expect(closed).toEqual([conflict]);
    expect(docs.problems().filter((p) => p.code === 'conflict')).toEqual([]);
    expect(host.updates).toBeGreaterThan(updates);
  });
});
