#!/bin/sh
# Starts the Chromium named by $SAMPLAN_CHROMIUM_EXECUTABLE with the arguments given, every
# --disable-features= among them joined into one, and every --enable-features= into one.
# Chromium keeps only the last of each (a second --disable-features drops the first's list), and
# Playwright passes a list of its own before the caller's arguments: joined, both lists hold
# (server/print/browser.ts, browserLaunchOptions). `exec`, so the browser keeps this process's id
# and Playwright's stop reaches it.
disabled=
enabled=
for arg do
  shift
  case $arg in
    --disable-features=*) disabled="${disabled:+$disabled,}${arg#--disable-features=}" ;;
    --enable-features=*) enabled="${enabled:+$enabled,}${arg#--enable-features=}" ;;
    *) set -- "$@" "$arg" ;;
  esac
done
exec "$SAMPLAN_CHROMIUM_EXECUTABLE" "$@" ${disabled:+"--disable-features=$disabled"} ${enabled:+"--enable-features=$enabled"}
