import { describe, expect, it } from 'vitest';
import { FIGURES, stormsSaid } from '../../bench/region/figures.js';
import { FAN_DOCS } from '../../bench/region/options.js';

const labels = FIGURES.map(([label]) => label);
/** The GC figures of a fan-out part, by what follows `fan-out <part>: `. */
const GC = ['heap KB allocated per edit', 'heap KB allocated per delivered edit', 'minor GCs per second', 'major GCs per second', 'heap KB promoted to old space per edit', 'main-thread GC ms per second'];

describe('bench/region figures', () => {
  it('prints the GC rows of both fan-outs, the 100-doc one and the 1-doc one', () => {
    for (const part of [`${FAN_DOCS} docs`, '1 doc']) {
      for (const gc of GC) expect(labels).toContain(`fan-out ${part}: ${gc}`);
    }
  });

  it('reads each part its own figures', () => {
    const one = { allocPerEdit: 2048, allocPerDelivery: 1024, scavengesPerSecond: 3, majorsPerSecond: 0.5, promotedPerEdit: 512, gcMsPerSecond: 7 };
    const many = { allocPerEdit: 0, allocPerDelivery: 0, scavengesPerSecond: 0, majorsPerSecond: 0, promotedPerEdit: 0, gcMsPerSecond: 0 };
    const f = { one, many } as never;
    const shown = (label: string): string => {
      const figure = FIGURES.find(([l]) => l === label);
      if (!figure) throw new Error(`no figure ${label}`);
      return figure[2](figure[1](f));
    };
    expect(GC.map((gc) => shown(`fan-out 1 doc: ${gc}`))).toEqual(['2.00', '1.00', '3.0', '0.50', '0.50', '7.00']);
    expect(GC.map((gc) => shown(`fan-out ${FAN_DOCS} docs: ${gc}`))).toEqual(['0.00', '0.00', '0.0', '0.00', '0.00', '0.00']);
  });

  it("gives the cold storms' bench clients' CPU as a share of each storm's wall time", () => {
    const f = { cold: { clientCpuMs: 450, ms: 500 }, stored: { clientCpuMs: 300, ms: 1200 } } as never;
    const shown = (label: string): string => {
      const figure = FIGURES.find(([l]) => l === label);
      if (!figure) throw new Error(`no figure ${label}`);
      return figure[2](figure[1](f));
    };
    expect(shown(`connect storm cold: bench clients' CPU, % of the wall time`)).toBe('90');
    expect(shown(`connect storm cold, loading the plans from storage: bench clients' CPU, % of the wall time`)).toBe('25');
  });

  it('says what each server\'s cold storm is, names the fair cold figure and prints both', () => {
    const said = stormsSaid(4);
    expect(said).toContain('spread over 4 client processes');
    expect(stormsSaid(1)).toContain('in the bench process');
    expect(said).toMatch(/- cold: .*Samplan loads and serves its \d+ stored plans.*both serve empty documents.*unequal work/);
    expect(said).toMatch(/- cold, every server loading the plans from its own storage: the fair cold figure/);
    const cold = labels.filter((l) => /^connect storm \d+ clients, cold/.test(l));
    expect(cold).toHaveLength(2);
    expect(cold.find((l) => l.includes('unequal work'))).toBeDefined();
    expect(cold.find((l) => l.includes('the fair cold figure'))).toBeDefined();
  });

  it('prints what each server gives the same bench clients to read per edit, and their collections', () => {
    const one = { readerBytesPerDelivery: 36.8, readerFramesPerDelivery: 0.96, writerBytesPerEdit: 0, writerFramesPerEdit: 0, clientGcsPerSecond: 3.25, clientAllocPerDelivery: 1536, p99WithoutClientGc: 2.5, clientGcStalledShare: 0.0125 };
    const many = { readerBytesPerDelivery: NaN, readerFramesPerDelivery: NaN, writerBytesPerEdit: 37.6, writerFramesPerEdit: 1, clientGcsPerSecond: 2, clientAllocPerDelivery: NaN, p99WithoutClientGc: NaN, clientGcStalledShare: NaN };
    const f = { one, many } as never;
    const shown = (label: string): string => {
      const figure = FIGURES.find(([l]) => l === label);
      if (!figure) throw new Error(`no figure ${label}`);
      return figure[2](figure[1](f));
    };
    const rows = ['bytes a reader reads per delivered edit', 'frames a reader gets per delivered edit', 'bytes the writer reads per edit sent', 'frames the writer gets per edit sent', "bench clients' GCs per second", "bench clients' heap KB allocated per delivered edit", 'p99 ms of the deliveries no bench-client GC fell in', 'deliveries a bench-client GC fell in, %'];
    expect(rows.map((r) => shown(`fan-out 1 doc: ${r}`))).toEqual(['36.8', '0.960', '0.0', '0.000', '3.3', '1.50', '2.50', '1.25']);
    // With the readers in client processes their reads are not counted here: no figure rather than a wrong one.
    expect(rows.map((r) => shown(`fan-out ${FAN_DOCS} docs: ${r}`))).toEqual(['NaN', 'NaN', '37.6', '1.000', '2.0', 'NaN', 'NaN', 'NaN']);
  });
});
