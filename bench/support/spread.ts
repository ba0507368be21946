/**
 * How the scale bench places its clients on the processes of a cluster, as a load balancer in
 * front of them would (`bench/scale.ts`).
 *
 * A balancer's round robin (nginx `upstream` without `hash`, HAProxy `balance roundrobin`) hands
 * each new connection to the next process. Plain round robin over the bench's connections puts
 * the i-th on process `i mod n`; but the bench opens them in a fixed pattern, each document's
 * writer then its reader, so with two processes every writer landed on the first and every reader
 * on the second: one process took all the edits and commits while the other only relayed. Real
 * clients do not arrive in lockstep with the number of processes. {@link spreadPick} therefore
 * starts each round of `n` connections one process further on: every process still gets one
 * connection of every round (the counts differ by at most one), and a repeating pattern of roles
 * in the connection order no longer lines up with `n`.
 *
 * With two clients per document (writer, reader) this places the writers evenly, the readers
 * evenly, and every reader on another process than its writer, for every `n` of 2 or more (with
 * three processes exactly as plain round robin did: the figure is unchanged there); with
 * one document and many clients, (n − 1) / n of the readers are on another process than the writer.
 */

/**
 * The process (0 … `processes` − 1) that the `index`-th connection (0-based, in the order they
 * are opened) goes to: `(index + ⌊index / processes⌋) mod processes`.
 *
 * @param index the connection's place in the order of opening, a whole number ≥ 0
 * @param processes how many processes, a whole number ≥ 1
 * @throws RangeError for an index or a count that is not such a whole number
 */
export function spreadPick(index: number, processes: number): number {
  if (!Number.isInteger(processes) || processes < 1) throw new RangeError(`processes must be a whole number of at least 1, not ${processes}`);
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`a connection's index must be a whole number of at least 0, not ${index}`);
  return (index + Math.floor(index / processes)) % processes;
}
