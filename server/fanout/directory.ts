/**
 * Which processes hold a document, kept in Redis beside the fan-out (`redis.ts`), and the one
 * server-side step that routes a document's message to them.
 *
 * Each process has a channel of its own per document it holds (`<doc channel>:<process id>`) and
 * its id in the document's directory, a Redis set (`<channel>:holders:<workspace>:<doc>`). A
 * message is published by {@link ROUTE}, run inside Redis: it sends the message on the channel of
 * every holder but the sender. So no process hears its own messages back (with one channel per
 * document every holder, the sender too, was woken for each message, read and decoded it, and
 * threw away its own: a third of what each of three processes read), and a process holding nothing
 * of a document hears nothing of it.
 *
 * The directory needs no expiry and no heartbeat: the channels are the truth, the set only a list
 * of where to look. PUBLISH answers how many subscribers heard it; a holder whose channel nobody
 * listens to (its process died, unloaded the document, or lost its Redis connection) is taken out
 * of the set by the first message that finds it so, in the same atomic step. A process adds itself
 * after its subscription is in place and only then reads storage (`watch`), and again after every
 * reconnect before it catches up from storage (`FanoutHandlers.resync`): as a script runs alone,
 * every message published after the add reaches it, and everything before is in what it reads.
 * Redis restarted empty loses the sets and the function; every process reconnects, loads the
 * function again and adds itself again before catching up.
 *
 * The step is a Redis function (Redis 7, `FUNCTION LOAD`), and a script run by its digest
 * (`EVALSHA`) on older servers.
 */
import type { Redis } from 'ioredis';

/** The body of the routing step, on `keys` (the holders set) and `args` (sender id, channel prefix, message). */
const BODY = `
  local sent = 0
  for _, id in ipairs(redis.call('SMEMBERS', keys[1])) do
    if id ~= args[1] then
      if redis.call('PUBLISH', args[2] .. id, args[3]) == 0 then
        redis.call('SREM', keys[1], id)
      else
        sent = sent + 1
      end
    end
  end
  return sent`;

/** Library name, with a version: a changed body gets a new name, so that processes of two versions do not replace each other's. */
export const LIBRARY = 'samplan_fanout_1';
/** The function's name: `FCALL samplan_publish 1 <holders key> <sender id> <channel prefix> <message>`. */
export const ROUTE = 'samplan_publish';
const FUNCTION_SOURCE = `#!lua name=${LIBRARY}\nredis.register_function('${ROUTE}', function(keys, args)${BODY}\nend)`;
const SCRIPT_SOURCE = `local keys, args = KEYS, ARGV${BODY}`;

/** Sends one message to every other holder of a document: the holders key, the channel prefix, the bytes. */
export interface Route {
  (holders: string, prefix: string, message: Buffer): void;
  /**
   * The command that runs the step, before its key count: `['FCALL', ROUTE]`, or `['EVALSHA', <digest>]`
   * on Redis before 7; then `1 <holders> <sender> <prefix> <message>` (`quiet-publisher.ts` writes it so).
   */
  readonly words: readonly string[];
}

/**
 * Load the routing step into the Redis behind `conn` (ready), and answer how to call it from
 * `sender`. Call again after every reconnect, before the first message: a restarted Redis has
 * forgotten it. The call writes its command to the socket at once and never throws; a message
 * that fails (Redis gone) is dropped, as storage has it anyway.
 *
 * @throws when Redis refuses both `FUNCTION LOAD` and `SCRIPT LOAD` (with Redis's words).
 */
export async function loadRoute(conn: Redis, sender: string): Promise<Route> {
  const ignore = (): undefined => undefined;
  try {
    await conn.call('FUNCTION', 'LOAD', 'REPLACE', FUNCTION_SOURCE);
    return Object.assign((holders: string, prefix: string, message: Buffer) => void conn.call('FCALL', ROUTE, 1, holders, sender, prefix, message).catch(ignore), {
      words: ['FCALL', ROUTE],
    });
  } catch (err) {
    if (!/unknown command|unknown subcommand/i.test((err as Error).message)) throw err;
  }
  const sha = String(await conn.call('SCRIPT', 'LOAD', SCRIPT_SOURCE));
  return Object.assign((holders: string, prefix: string, message: Buffer) => void conn.call('EVALSHA', sha, 1, holders, sender, prefix, message).catch(ignore), {
    words: ['EVALSHA', sha],
  });
}
