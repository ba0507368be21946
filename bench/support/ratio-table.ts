/**
 * The rows of a bench table that prints every run of every figure for several servers side by
 * side, with Samplan's ratio to each peer in the same run. The ratio columns are found by server
 * kind, never by position: `--servers samplan,hocuspocus` leaves the stock column at `—` instead
 * of filling it with Hocuspocus' ratio.
 */

/** One printed figure: its name, how a value is shown, and the value in one server's run. */
export type Figure<F> = [name: string, value: (f: F) => number, show: (x: number) => string];

/**
 * Rows `[figure name (first run only), run number, value per server…, Samplan ÷ peer per peer…]`.
 *
 * @param kinds the servers measured, in column order (`'samplan'` among them for the ratios)
 * @param peers the kinds Samplan is divided by, one ratio column each, in that order
 * @param runs per run, one figures object per server in `kinds` order
 * @returns rows of cells; a ratio whose server was not measured is `—`; a figure that is NaN for
 *   every server in every run (a part not measured) has no rows
 */
export function ratioRows<F>(kinds: readonly string[], peers: readonly string[], runs: readonly (readonly F[])[], figures: readonly Figure<F>[]): (string | number)[][] {
  const at = (kind: string): number => kinds.indexOf(kind);
  const rows: (string | number)[][] = [];
  for (const [name, value, show] of figures) {
    if (runs.every((perServer) => perServer.every((f) => Number.isNaN(value(f))))) continue;
    runs.forEach((perServer, run) => {
      const values = perServer.map(value);
      const samplan = values[at('samplan')];
      const ratio = (peer: string): string => {
        const other = values[at(peer)];
        return samplan === undefined || other === undefined ? '—' : `${(samplan / other).toFixed(2)}×`;
      };
      rows.push([run === 0 ? name : '', run + 1, ...values.map(show), ...peers.map(ratio)]);
    });
  }
  return rows;
}
