#!/usr/bin/env bash
# threads.sh - htop's H: the user threads of a process as rows below it, with their own
# TIDs and names; H again hides them; what a thread's row is selected for acts on its
# process; the setup saves the choice in forktoprc (user_threads) for the next start.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 8

use_columns "$PPID_COLUMNS"
T=th$$x
spawn_tree -T 3 -n "$T" >"$E2E_TMP/root" || {
	fail "ftspawn started a process with 3 more threads"
	exit 1
}
root=$(cat "$E2E_TMP/root")
mapfile -t tids < <(ls "/proc/$root/task" | grep -vx "$root" | sort -n)
[ "${#tids[@]}" -eq 3 ] || {
	fail "the test process has 3 threads besides its main one (${tids[*]})"
	exit 1
}
row() { echo "^ *$1 +$root +S .*[├└]─ \{$T-t$2\}\$"; }

tm_start "$FORKTOP" -d 5 --pid "$root"
wait_screen "^ *$root .* $T-0\$" >/dev/null

# 1-2: H shows the three threads below the process, each its own TID and name.
tm_keys H
if wait_screen "$(row "${tids[0]}" 1)" && wait_screen "$(row "${tids[1]}" 2)" &&
	wait_screen "$(row "${tids[2]}" 3)"; then
	pass "H: the 3 threads below their process, with their TIDs (${tids[*]}) and names"
else
	fail "H: the 3 threads below their process, with their TIDs (${tids[*]}) and names"
	diag_screen
fi
check_screen "H says what it did and how to undo it" "user threads shown below their process"

# 3: a thread's row selected: k acts on the process, and says so.
tm_keys Down k
check_screen "k on a thread's row: the signal menu for its process" \
	"thread ${tids[0]} of process $root: acting on the process"
tm_keys Escape

# 4: H again: the threads go, over a window of refreshes.
tm_keys H
wait_no_screen "^ *${tids[0]} " >/dev/null
check_never "H again: no thread row during 2 s" "^ *(${tids[0]}|${tids[1]}|${tids[2]}) " 2

# 5-6: shown again and saved by the setup (S, s): forktoprc says user_threads = on, and
# the next forktop starts with them.
tm_keys H
wait_screen "$(row "${tids[2]}" 3)" >/dev/null
tm_keys S
wait_screen "user threads" >/dev/null
tm_keys s
if wait_until grep -qx 'user_threads = on' "$XDG_CONFIG_HOME/forktop/forktoprc"; then
	pass "the setup saves user_threads = on in forktoprc"
else
	fail "the setup saves user_threads = on in forktoprc"
	sed 's/^/# /' "$XDG_CONFIG_HOME/forktop/forktoprc"
fi
tm_keys Escape q
wait_ended 5
tm_start "$FORKTOP" -d 5 --pid "$root"
check_screen "the next forktop shows the threads from the start" "$(row "${tids[1]}" 2)"
tm_keys q
wait_ended 5

# 7-8: at 80x24 too.
printf 'columns = %s\n' "$PPID_COLUMNS" >"$XDG_CONFIG_HOME/forktop/forktoprc"
tm_start -x 80 -y 24 "$FORKTOP" -d 5 --pid "$root"
wait_screen "^ *$root .* $T-0\$" >/dev/null
check_never "80x24, H not pressed: no thread row" "^ *${tids[0]} " 1
tm_keys H
check_screen "80x24: H shows them" "$(row "${tids[0]}" 1)"
tm_keys q
wait_ended 5
safe_kill_group TERM "$root"
