import { describe, expect, it } from 'vitest';
import { refusalFor } from '../../../addin/sync/connection-status.js';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { RIGHTS_REASONS } from '../../../server/sync/rights.js';

describe('the words the pane shows when a rights change closes the socket with 4403', () => {
  it('says that the units changed, not the role, for a units change', () => {
    const { message } = refusalFor(CloseCode.forbidden, RIGHTS_REASONS.noWriteUnits);
    expect(message.sv).toMatch(/enheter har ändrats/);
    expect(message.en).toMatch(/units changed/);
    expect(message.sv).not.toMatch(/roll/i);
    expect(message.en).not.toMatch(/role/i);
  });

  it('names the role for a role change, in other words than for a units change', () => {
    const role = refusalFor(CloseCode.forbidden, RIGHTS_REASONS.noWrite).message;
    const units = refusalFor(CloseCode.forbidden, RIGHTS_REASONS.noWriteUnits).message;
    expect(role.sv).toMatch(/roll/);
    expect(role.en).toMatch(/role/);
    expect(units).not.toEqual(role);
  });

  it('has its own sentence for every 4403 reason of a rights change, not the generic one', () => {
    const generic = refusalFor(CloseCode.forbidden, 'something else').message;
    for (const reason of [RIGHTS_REASONS.noWrite, RIGHTS_REASONS.noWriteUnits]) {
      expect(refusalFor(CloseCode.forbidden, reason).message).not.toEqual(generic);
    }
  });
});
