import { afterEach, describe, expect, it } from 'vitest';
import { setCell } from '../../../shared/doc/index.js';
import { createWorkbook, CustomFunctionsRuntime, type EmulatedInvocation } from '../../../addin/excel-emulator/index.js';
import { provideIndicatorFeed, registerCustomFunctions } from '../../../addin/functions/functions.js';
import { feedFromSource } from '../../../addin/functions/source-feed.js';
import { docIndicatorSource } from '../../../addin/indicators/indicator-source.js';
import { indicatorDocs } from '../indicators/fixture.js';

const undo: (() => void)[] = [];
afterEach(() => {
  provideIndicatorFeed(null);
  for (const u of undo.splice(0)) u();
});

describe('custom functions in the emulator', () => {
  it('runs a streaming function: #BUSY! until its first result, then every result it sets', async () => {
    const runtime = new CustomFunctionsRuntime('DEMO');
    let invocation: EmulatedInvocation | undefined;
    const args: unknown[][] = [];
    runtime.associate('ECHO', (a: unknown, b: unknown, inv: unknown) => {
      args.push([a, b]);
      invocation = inv as EmulatedInvocation;
    });
    const host = createWorkbook({ sheets: ['Blad1'], customFunctions: runtime });
    let renders = 0;
    host.subscribe(() => renders++);
    host.user.type('Blad1', 'A1', 'två; tre');
    host.user.type('Blad1', 'B1', '=demo.echo(A1; "a ""citat""")');
    expect(host.read('Blad1', 'B1')[0]?.[0]).toBe('#BUSY!');
    expect(args).toEqual([['två; tre', 'a "citat"']]);
    invocation?.setResult(41);
    expect(host.read('Blad1', 'B1')[0]?.[0]).toBe(41);
    const before = renders;
    invocation?.setResult(42);
    expect(host.read('Blad1', 'B1')[0]?.[0]).toBe(42);
    expect(renders).toBe(before + 1);
    invocation?.setResult({ code: '#N/A', message: 'Värde saknas' });
    expect(host.read('Blad1', 'B1')[0]?.[0]).toBe('#N/A');
  });

  it('shows #NAME? for a function nobody registered, as Excel does', () => {
    const host = createWorkbook({ sheets: ['Blad1'], customFunctions: new CustomFunctionsRuntime('SAMPLAN') });
    host.user.type('Blad1', 'A1', '=SAMPLAN.NOPE(1)');
    expect(host.read('Blad1', 'A1')[0]?.[0]).toBe('#NAME?');
    const without = createWorkbook({ sheets: ['Blad1'] });
    without.user.type('Blad1', 'A1', '=SAMPLAN.INDICATOR("a";"b";"c")');
    expect(without.read('Blad1', 'A1')[0]?.[0]).toBe('#NAME?');
  });

  it('cancels the invocation once the formula leaves the cell', () => {
    const runtime = new CustomFunctionsRuntime('DEMO');
    let canceled = 0;
    let invocation: EmulatedInvocation | undefined;
    runtime.associate('TICK', (inv: unknown) => {
      invocation = inv as EmulatedInvocation;
      invocation.onCanceled = () => canceled++;
    });
    const host = createWorkbook({ sheets: ['Blad1'], customFunctions: runtime });
    host.user.type('Blad1', 'A1', '=DEMO.TICK()');
    expect(host.read('Blad1', 'A1')[0]?.[0]).toBe('#BUSY!');
    host.user.type('Blad1', 'A1', 'text');
    invocation?.setResult(1);
    expect(canceled).toBe(1);
    expect(runtime.runningCells).toEqual([]);
    expect(host.read('Blad1', 'A1')[0]?.[0]).toBe('text');
  });

  it('runs =SAMPLAN.INDICATOR as the add-in registers it: the cell follows the shared value', async () => {
    const runtime = new CustomFunctionsRuntime('SAMPLAN');
    undo.push(runtime.install());
    expect(registerCustomFunctions()).toBe(true);
    const docs = indicatorDocs();
    const source = docIndicatorSource([docs.catalog.manager], [docs.values.manager]);
    const host = createWorkbook({ sheets: ['Chef'], customFunctions: runtime });
    host.user.type('Chef', 'A1', '=SAMPLAN.INDICATOR("far-6man"; "vc-rinkeby"; "2025")');
    host.user.type('Chef', 'A2', '=SAMPLAN.INDICATOR("far-6man"; "vc-rinkeby"; "2025"; "X")');
    expect(host.read('Chef', 'A1')[0]?.[0]).toBe('#BUSY!');
    expect(host.read('Chef', 'A2')[0]?.[0]).toBe('#N/A');
    provideIndicatorFeed(feedFromSource(source));
    await until(() => host.read('Chef', 'A1')[0]?.[0] === 50);
    setCell(docs.values.coordinator, docs.values.ids[0] as string, 'numerator', 42);
    await until(() => host.read('Chef', 'A1')[0]?.[0] === 70);
  });
});

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not met within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
