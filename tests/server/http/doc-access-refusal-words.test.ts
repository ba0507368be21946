/**
 * A write the room's check refuses (`registryDocAccess`) is answered in words: the English joined
 * `The server refused the change: ${reason}.` onto a reason that ends a sentence already, so it
 * ended in "..", and the Swedish said only the code ("(personnummer)"). Now the check's own
 * sentence is carried in both languages and the joined one ends in one stop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, setCells } from '../../../shared/doc/index.js';
import { registryDocAccess } from '../../../server/http/doc-access.js';
import { AppError, sentence } from '../../../server/http/errors.js';
import { makeFixture, WS, type Fixture } from './support.js';

describe('the words of a write the room refuses', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  it('end in one full stop in English and give the check sentence in Swedish', async () => {
    const ref = { workspace: WS, doc: 'plan-a' };
    const rowId = rowsOf(await f.samplan.registry.getDoc(ref))[0]?.id as string;
    const err = await registryDocAccess(f.samplan.registry)
      .write(ref, null, (doc) => void setCells(doc, rowId, { comment: 'Ring 19121212-1212' }))
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const details = (err as AppError).details as { message: { sv: string; en: string } };
    expect((err as AppError).code).toBe('update-refused-personnummer');
    expect(details.message.en).toMatch(/^The server refused the change: .*personal identity number.*[^.]\.$/);
    expect(details.message.sv).toMatch(/personnummer\. Personnummer får inte sparas i Samplan\.$/);
    expect(JSON.stringify(details)).not.toMatch(/1212/);
  });

  it('closes a sentence once, whatever ends the words', () => {
    expect(sentence('Refused: a reason.')).toBe('Refused: a reason.');
    expect(sentence('Refused: a reason cut…')).toBe('Refused: a reason cut…');
    expect(sentence('Refused: why?')).toBe('Refused: why?');
    expect(sentence('Refused: a reason')).toBe('Refused: a reason.');
  });
});
