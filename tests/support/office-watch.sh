#!/bin/sh
# Ends the test run's resident LibreOffice when the run's own process is gone, however it ended
# (tests/support/office-watch.ts starts this from vitest's main process). Its standard input is a
# pipe whose only writer is that process: the kernel closes it when the process exits, SIGKILL
# included, and `cat` then returns. The office runs in a process group of its own (detached, so
# that a stop reaches `oosplash` and `soffice.bin`), whose id the office's starter wrote to
# <run dir>/office/pid; that group gets SIGTERM, then SIGKILL after 5 s, and the run's folder is
# removed. Signals sent to the run's process group are ignored here: only the pipe's end counts.
trap '' INT TERM HUP
run="$1"
cat >/dev/null
pid=$(cat "$run/office/pid" 2>/dev/null)
if [ -n "$pid" ] && kill -TERM -"$pid" 2>/dev/null; then
  waited=0
  while [ "$waited" -lt 50 ] && kill -0 -"$pid" 2>/dev/null; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL -"$pid" 2>/dev/null
fi
# Only a run's own scratch folder (run-dir.ts names them so) is removed.
case "$run" in
  */samplan-test-run-*) rm -rf "$run" ;;
esac
exit 0
