#!/bin/sh
# Ends what a test run left running or written when the run's own process is gone, however it
# ended (tests/support/office-watch.ts starts this from vitest's main process). Its standard input
# is a pipe whose only writer is that process: the kernel closes it when the process exits, SIGKILL
# included, and `cat` then returns. Then, in order:
# - The resident LibreOffice: it runs in a process group of its own (detached, so that a stop
#   reaches `oosplash` and `soffice.bin`), whose id the office's starter wrote to
#   <run dir>/office/pid; that group gets SIGTERM, then SIGKILL after 5 s.
# - The PostgreSQL and Redis servers the run started (tests/support/services.ts): one file each in
#   <run dir>/services, naming the server's folder on its first line and, for Redis, its pid on the
#   second (PostgreSQL's is the first line of its data folder's postmaster.pid while it runs). Each
#   gets SIGINT (a fast shutdown for both), SIGKILL after 5 s, and its folder is removed.
# - What compiled.ts compiled for the run: <compiled root>/<run dir's name>, the second argument.
# - The run's folder.
# Signals sent to the run's process group are ignored here: only the pipe's end counts.
trap '' INT TERM HUP
run="$1"
compiled="$2"
cat >/dev/null

# Whether process $1 (or, with a leading -, a process of group ${1#-}) still runs, read from /proc.
# A zombie does not: one whose parent ended first waits for init to reap it, here 0.5-1.5 s after
# it died, and `kill -0`, which a zombie answers, held every stop that long.
running() {
  case "$1" in
    -*) proc_stats='/proc/[0-9]*/stat' ;;
    *) proc_stats="/proc/$1/stat" ;;
  esac
  for proc_stat in $proc_stats; do
    { read -r proc_line <"$proc_stat"; } 2>/dev/null || continue
    # After the command's name, which may hold spaces and parentheses: state, parent, group.
    set -- "$1" ${proc_line##*") "}
    case "$1" in
      -*) [ "$4" = "${1#-}" ] || continue ;;
    esac
    [ "$2" != Z ] && return 0
  done
  return 1
}

# Signal $2 to process (or, with a leading -, group) $1, then SIGKILL after 5 s if it runs on.
stop() {
  if kill "-$2" "$1" 2>/dev/null; then
    waited=0
    while [ "$waited" -lt 50 ] && running "$1"; do
      sleep 0.1
      waited=$((waited + 1))
    done
    kill -KILL "$1" 2>/dev/null
  fi
}

# Only a run's own scratch folder (run-dir.ts names them so) is acted on.
case "$run" in
  */samplan-test-run-*) ;;
  *) exit 0 ;;
esac

pid=$(cat "$run/office/pid" 2>/dev/null)
[ -n "$pid" ] && stop "-$pid" TERM

for entry in "$run"/services/*; do
  [ -f "$entry" ] || continue
  dir=$(sed -n 1p "$entry")
  pid=$(sed -n 2p "$entry")
  [ -n "$pid" ] || pid=$(sed -n 1p "$dir/data/postmaster.pid" 2>/dev/null)
  [ -n "$pid" ] && stop "$pid" INT
  case "$dir" in
    */samplan-pg-* | */samplan-redis-*) rm -rf "$dir" ;;
  esac
done

[ -n "$compiled" ] && rm -rf "$compiled/$(basename "$run")"
rm -rf "$run"
exit 0
