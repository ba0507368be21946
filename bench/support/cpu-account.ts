/**
 * Where a measured server's CPU goes, process by process (`bench/scale.ts --account`): each Node
 * server process and the services under them (PostgreSQL with its backends, Redis), idle with
 * every client connected versus while edits flow, and so how much of the bench's "CPU per
 * delivery" is background work (timers, polls, probes) divided by the edits.
 *
 * The marks are taken where the bench reads the server's CPU anyway (`BenchServer.cpu`, which
 * `fanout` calls before and after its idle pause and its measured window), so nothing is added
 * to what runs during the measurement but a read of `/proc`.
 */

/** CPU of every part so far at one moment, in ms, and when (performance.now(), ms). */
interface Mark {
  at: number;
  ms: number[];
}

/** One part's figures over a case: CPU per second of wall time idle and while editing, in ms/s. */
export interface PartFigures {
  name: string;
  idleMsPerSecond: number;
  editMsPerSecond: number;
}

/** The split of one case (`fanout` with an idle pause): each part, the window's length and the deliveries. */
export interface CpuSplit {
  parts: PartFigures[];
  windowSeconds: number;
  deliveries: number;
}

/** Marks the CPU of named parts each time the server's CPU is read. */
export class CpuAccount {
  private marks: Mark[] = [];

  /**
   * @param nodeNames a name for each Node process, in the order `mark` gets their CPU
   * @param services names and readers of the other parts' CPU so far, in ms (NaN when unknown)
   */
  constructor(
    private readonly nodeNames: readonly string[],
    private readonly services: readonly { name: string; ms: () => number }[] = [],
  ) {}

  /** Forget the marks so far (a new case starts). */
  reset(): void {
    this.marks = [];
  }

  /** Record the Node processes' CPU so far (µs each, as `BenchServer.cpu` answers) and the services'. */
  mark(perNodeUs: readonly number[]): void {
    this.marks.push({ at: performance.now(), ms: [...perNodeUs.map((us) => us / 1000), ...this.services.map((s) => s.ms())] });
  }

  /**
   * The split of the case since the last `reset`, whose marks are, in order: idle start, idle end,
   * the warm-up's reads (`fanout` asks the CPU once a second while warming up, so any number of
   * them), window start, window end (`fanout` with `idleSeconds` > 0): the idle rate is the first
   * two marks', the editing rate the last two's. Null with fewer than four marks.
   */
  split(deliveries: number): CpuSplit | null {
    if (this.marks.length < 4) return null;
    const [i0, i1] = this.marks as [Mark, Mark];
    const [w0, w1] = this.marks.slice(-2) as [Mark, Mark];
    const names = [...this.nodeNames, ...this.services.map((s) => s.name)];
    const rate = (a: Mark, b: Mark, k: number): number => ((b.ms[k] as number) - (a.ms[k] as number)) / ((b.at - a.at) / 1000);
    return {
      parts: names.map((name, k) => ({ name, idleMsPerSecond: rate(i0, i1, k), editMsPerSecond: rate(w0, w1, k) })),
      windowSeconds: (w1.at - w0.at) / 1000,
      deliveries,
    };
  }
}

const f1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');
const f2 = (n: number): string => (Number.isFinite(n) ? n.toFixed(2) : '–');

/**
 * Table rows (Markdown) of a split: per part, idle ms/s, ms/s while editing, CPU per delivery
 * (the window's CPU over the deliveries), the idle part of it (the idle rate over the same
 * window) and the rest, what the edits cost; then the Node processes' sum and everything's sum.
 */
export function splitRows(run: number, server: string, s: CpuSplit, nodeCount: number): string[] {
  const per = (msPerSecond: number): number => (msPerSecond * s.windowSeconds) / Math.max(1, s.deliveries);
  const line = (name: string, idle: number, edit: number): string =>
    `| ${run} | ${server} | ${name} | ${f1(idle)} | ${f1(edit)} | ${f2(per(edit))} | ${f2(per(idle))} | ${f2(per(edit - idle))} |`;
  const sum = (parts: PartFigures[], k: keyof Omit<PartFigures, 'name'>): number => parts.reduce((a, p) => a + p[k], 0);
  const nodes = s.parts.slice(0, nodeCount);
  const rows = s.parts.map((p) => line(p.name, p.idleMsPerSecond, p.editMsPerSecond));
  if (nodeCount > 1) rows.push(line('Node processes', sum(nodes, 'idleMsPerSecond'), sum(nodes, 'editMsPerSecond')));
  if (s.parts.length > nodeCount) rows.push(line('all', sum(s.parts, 'idleMsPerSecond'), sum(s.parts, 'editMsPerSecond')));
  return rows;
}

/** The header of {@link splitRows}' table. */
export const SPLIT_HEADER = [
  '| run | server | process | idle, ms/s | editing, ms/s | CPU per delivery, ms | of which idle, ms | of which edits, ms |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
];
