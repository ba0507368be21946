import { describe, expect, it } from 'vitest';
import { syncRefByUrl, syncRefOf } from '../../../server/sync/route.js';

/** URLs a client, a proxy or an attacker may send: plain ones and every kind the fast path must leave to `URL`. */
const PATHS = [
  '/v1/sync/hbi-stockholm/plan-2026',
  '/v1/sync/ws/doc_1',
  '/v1/sync/ws/',
  '/v1/sync//doc',
  '/v1/sync/ws/doc/extra',
  '/v1/sync/ws/./doc',
  '/v1/sync/ws/../doc',
  '/v1/sync/ws/%2e%2e',
  '/v1/sync/ws/%2E',
  '/v1/sync/ws/pl%C3%A4n',
  '/v1/sync/ws/pl%ZZn',
  '/v1/sync/ws\\doc',
  '/v1/sync/ws/do\tc',
  '/v1/sync/ws/doc\n',
  ' /v1/sync/ws/doc',
  '/v1/sync/ws/plän',
  '/v1/sync/ws/doc#frag',
  '/v1/sync/ws/doc.v2',
  '/v1/Sync/ws/doc',
  '/v2/sync/ws/doc',
  '//evil.example/v1/sync/ws/doc',
  '/v1/sync/ws/doc%2Fx',
];
const QUERIES = [
  '',
  '?',
  '?token=abc',
  '?token=a%20b&notices=1',
  '?notices=1',
  '?notices=0&token=x',
  '?token=a+b',
  '?token=%ZZ',
  '?token=a"b<c>',
  "?token=a'b",
  '?token=a b',
  '?token=ä',
  '?token=a\tb',
  '?token=a#b',
  '?token=1&token=2',
  '?notices=1&notices=0',
  '?token=%F0%9F%98%80',
  '?token=\ud800',
];

describe('reading a sync URL', () => {
  it('reads every URL as the WHATWG parser does, plain or not', () => {
    for (const path of PATHS) {
      for (const query of QUERIES) {
        const url = path + query;
        expect(syncRefOf(url), url).toEqual(syncRefByUrl(url));
      }
    }
    expect(syncRefOf(undefined)).toEqual(syncRefByUrl(undefined));
  });

  it('finds the workspace, document, token and notices of a plain URL', () => {
    expect(syncRefOf('/v1/sync/hbi-stockholm/plan-2026?token=s3cret&notices=1')).toEqual({
      ref: { workspace: 'hbi-stockholm', doc: 'plan-2026' },
      token: 's3cret',
      notices: true,
    });
    expect(syncRefOf('/v1/sync/ws/doc')).toEqual({ ref: { workspace: 'ws', doc: 'doc' }, token: undefined, notices: false });
    expect(syncRefOf('/v1/sync/ws/doc/extra')).toBeNull();
  });
});
