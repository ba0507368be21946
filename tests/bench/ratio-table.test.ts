import { describe, expect, it } from 'vitest';
import { ratioRows, type Figure } from '../../bench/support/ratio-table.js';

const figures: Figure<{ ms: number }>[] = [['p99 ms', (f) => f.ms, (x) => x.toFixed(1)]];
const peers = ['y-websocket-server', 'hocuspocus'];

describe('bench ratio table', () => {
  it('divides Samplan by each peer of the same run, every run', () => {
    const runs = [
      [{ ms: 2 }, { ms: 4 }, { ms: 1 }],
      [{ ms: 3 }, { ms: 3 }, { ms: 6 }],
    ];
    expect(ratioRows(['samplan', 'y-websocket-server', 'hocuspocus'], peers, runs, figures)).toEqual([
      ['p99 ms', 1, '2.0', '4.0', '1.0', '0.50×', '2.00×'],
      ['', 2, '3.0', '3.0', '6.0', '1.00×', '0.50×'],
    ]);
  });

  it('finds the columns by server, whatever servers were picked and in whatever order', () => {
    expect(ratioRows(['samplan', 'hocuspocus'], peers, [[{ ms: 2 }, { ms: 8 }]], figures)).toEqual([['p99 ms', 1, '2.0', '8.0', '—', '0.25×']]);
    expect(ratioRows(['y-websocket-server', 'samplan'], peers, [[{ ms: 4 }, { ms: 2 }]], figures)).toEqual([['p99 ms', 1, '4.0', '2.0', '0.50×', '—']]);
    expect(ratioRows(['hocuspocus'], peers, [[{ ms: 4 }]], figures)).toEqual([['p99 ms', 1, '4.0', '—', '—']]);
  });

  it('leaves out a figure no server measured in any run', () => {
    const two: Figure<{ ms: number; storm: number }>[] = [
      ['p99 ms', (f) => f.ms, (x) => x.toFixed(1)],
      ['storm ms', (f) => f.storm, (x) => x.toFixed(0)],
    ];
    expect(ratioRows(['samplan', 'y-websocket-server'], peers, [[{ ms: 2, storm: NaN }, { ms: 4, storm: NaN }]], two)).toEqual([['p99 ms', 1, '2.0', '4.0', '0.50×', '—']]);
  });
});
