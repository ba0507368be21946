/**
 * The pane reads a document's rows (`SamplanApi.rows`) by their row ids for every kind, the
 * indicator catalog too, whose JSON rows carry the indicator id as `id` and the row id as `rowId`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SamplanApi } from '../../../addin/taskpane/api-client.js';
import { makeFixture, putRegionDoc, WS, type Fixture } from '../../server/http/support.js';

describe('SamplanApi.rows', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await makeFixture();
  });
  afterEach(() => f.close());

  it('gives a catalog row its row id, with the indicator id among its cells', async () => {
    await putRegionDoc(f, 'katalog', 'indicator-catalog', [{ id: 'vc-far-uppf', name: 'Andel FaR följda upp' }]);
    const api = new SamplanApi('http://samplan.test', f.tokens.viewer, async (input, init) => f.samplan.app.request(String(input), init));
    const rows = await api.rows(WS, 'katalog');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toBe('vc-far-uppf');
    expect(rows[0]?.values).toMatchObject({ id: 'vc-far-uppf', name: 'Andel FaR följda upp' });
    expect(rows[0]?.values).not.toHaveProperty('rowId');
  });
});
