#!/usr/bin/env bash
# threads.sh - htop's H: the user threads of a process as rows below it, before its child
# processes, with their own TIDs, names and CPU%; H again hides them. Signals on a
# thread's row go to its process (and say so); F7/F8 and a change the thread itself (read
# back from /proc/PID/task/TID); F follows the thread; the filter keeps a process's
# threads with it and finds a thread by its name; search selects a thread's row; collapse
# folds the threads away. The setup saves the choice in forktoprc (user_threads) for the
# next start; at 80x24 too.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 18

use_columns "$PPID_COLUMNS"
T=th$$x
# The test's process: 3 more threads ($T-t1 .. $T-t3) and a child process ($T-0.1).
spawn_tree -T 3 -f 1 -d 1 -n "$T" >"$E2E_TMP/root" || {
	fail "ftspawn started a process with 3 more threads"
	exit 1
}
root=$(cat "$E2E_TMP/root")
mapfile -t tids < <(ls "/proc/$root/task" | grep -vx "$root" | sort -n)
[ "${#tids[@]}" -eq 3 ] || {
	fail "the test process has 3 threads besides its main one (${tids[*]})"
	exit 1
}
kid=$(pgrep -P "$root" | head -n 1)
# Each thread's name says its number: tids[] is in tid order, not necessarily in theirs.
declare -A tid_of
for t in "${tids[@]}"; do
	name=$(cat "/proc/$root/task/$t/comm")
	tid_of[${name##*-t}]=$t
done
t1=${tid_of[1]} t2=${tid_of[2]} t3=${tid_of[3]}
row() { echo "^ *$1 +$root +S .*[├└]─ \{$T-t$2\}\$"; }

# select_row PID: Down from the top until PID's row is selected.
select_row() {
	local i
	tm_keys Home
	for ((i = 0; i < 8; i++)); do
		wait_selected "$1" 1 && return 0
		tm_keys Down
	done
	wait_selected "$1" 1
}
# The field of /proc/ROOT/task/TID/stat after the command: nice is 17.
task_nice() { awk '{ sub(/.*\) /, ""); print $17 }' "/proc/$root/task/$1/stat"; }
task_cpus() { awk '/^Cpus_allowed_list:/ { print $2 }' "/proc/$root/task/$1/status"; }

tm_start "$FORKTOP" -d 1 --pid "$root"
wait_screen "^ *$root .* $T-0\$" >/dev/null

# 1-2: H shows the three threads below the process, each its own TID and name.
tm_keys H
if wait_screen "$(row "$t1" 1)" && wait_screen "$(row "$t2" 2)" &&
	wait_screen "$(row "$t3" 3)"; then
	pass "H: the 3 threads below their process, with their TIDs (${tids[*]}) and names"
else
	fail "H: the 3 threads below their process, with their TIDs (${tids[*]}) and names"
	diag_screen
fi
check_screen "H says what it did and how to undo it" "user threads shown below their process"

# 3: the threads come first below the process, then its child process.
order=$(awk -v r="$root" -v k="$kid" '$1 == r { on = 1; next } on && $1 ~ /^[0-9]+$/ {
	printf "%s ", ($1 == k ? "child" : "thread") }' <<<"$LAST_SCREEN")
is "$order" "thread thread thread child " "the threads come before the child process $kid"

# 4: k on a thread's row: the signal menu for its process, and said.
select_row "$t2"
tm_keys k
if wait_screen "thread $t2 of $root: signalling process $root" &&
	wait_screen "Send a signal to $root "; then
	pass "k on a thread's row: the signal menu for its process, said in the status line"
else
	fail "k on a thread's row: the signal menu for its process, said in the status line"
	diag_screen
fi
tm_keys Escape
wait_no_screen "Send a signal to" >/dev/null

# 5: F8 on a thread's row: that thread's nice value, not the process's main thread's.
n0=$(task_nice "$t2") m0=$(task_nice "$root")
tm_keys F8
nice_now() { [ "$(task_nice "$t2")" = $((n0 + 1)) ]; }
if wait_until nice_now && wait_screen "thread $t2 of $root: nice $n0 -> $((n0 + 1))" &&
	[ "$(task_nice "$root")" = "$m0" ] && [ "$(task_nice "$t1")" = "$n0" ]; then
	pass "F8 on a thread's row: its nice $n0 -> $((n0 + 1)) in task/$t2/stat, the others' kept"
else
	fail "F8 on a thread's row: its nice $n0 -> $((n0 + 1)), the main thread's $m0 kept"
	diag "now $(task_nice "$t2") and $(task_nice "$root")"
	diag_screen
fi

# 6: a on a thread's row: that thread's cores.
ncpu=$(grep -c '^cpu[0-9]' /proc/stat)
if [ "$ncpu" -lt 2 ]; then
	echo "ok 6 # SKIP one core: no affinity to change"
	_tap_n=$((_tap_n + 1))
else
	c0=$(task_cpus "$root")
	tm_keys a
	wait_screen "CPU affinity of thread $t2 of $root" >/dev/null
	tm_keys Down Space Enter
	one_core() { [ "$(task_cpus "$t2")" = 0 ]; }
	if wait_until one_core && wait_screen "thread $t2 of $root may run on 1 core" &&
		[ "$(task_cpus "$root")" = "$c0" ]; then
		pass "a on a thread's row: task/$t2 may run on core 0 only, the main thread on $c0"
	else
		fail "a on a thread's row: task/$t2 on core 0 only, the main thread on $c0"
		diag "now $(task_cpus "$t2") and $(task_cpus "$root")"
		diag_screen
	fi
fi

# 7: F follows the thread itself.
tm_keys F
check_screen "F on a thread's row follows the thread" "following thread $t2 of $root"
tm_keys F

# 8-9: the filter keeps a process's threads with it, and finds a thread by its name.
tm_keys F4
tm_type "$T-0"
tm_keys Enter
check_screen "filter on the process's command: its threads stay below it" "$(row "$t3" 3)"
tm_keys F4 C-u
tm_type "$T-t2"
tm_keys Enter
if wait_screen "F4Filter\\[$T-t2\\]" && wait_screen "$(row "$t2" 2)" &&
	wait_screen "^ *$root .* $T-0\$" && screen_never "^ *($t1|$t3|$kid) " 1; then
	pass "filter on a thread's name: that thread and its process, not the other rows"
else
	fail "filter on a thread's name: that thread and its process, not the other rows"
	diag_screen
fi
tm_keys F4 Escape
wait_screen "$(row "$t1" 1)" >/dev/null

# 10: search selects a thread's row by its name.
tm_keys Home F3
tm_type "$T-t3"
check_selected "search for a thread's name selects its row" "$t3"
tm_keys Enter

# 11: collapse on the process folds its threads away; + brings them back.
select_row "$root"
tm_keys -
wait_no_screen "^ *$t1 " >/dev/null
check_never "- on the process: no thread row for 1 s" "^ *($t1|$t2|$t3) " 1
tm_keys +
wait_screen "$(row "$t3" 3)" >/dev/null

# 12: H again: the threads go, over a window of refreshes.
tm_keys H
wait_no_screen "^ *$t1 " >/dev/null
check_never "H again: no thread row during 2 s" "^ *($t1|$t2|$t3) " 2
tm_keys q
wait_ended 5

# 13: a busy thread's CPU% shows on its own row, its idle sibling's stays low.
spawn_tree -T 2 -B -n "${T}b" >"$E2E_TMP/busy" || diag "ftspawn -B did not start"
broot=$(cat "$E2E_TMP/busy")
busy=$(grep -lx "${T}b-t1" /proc/"$broot"/task/*/comm | awk -F/ '{ print $5 }')
idle=$(grep -lx "${T}b-t2" /proc/"$broot"/task/*/comm | awk -F/ '{ print $5 }')
tm_start "$FORKTOP" -d 1 --pid "$broot"
wait_screen "^ *$broot " >/dev/null
tm_keys H
cpu_of() { awk -v p="$1" '$1 == p { print int($4) }' <<<"$LAST_SCREEN"; }
busy_row() {
	LAST_SCREEN=$(tm_capture)
	local b i
	b=$(cpu_of "$busy") i=$(cpu_of "$idle")
	[ -n "$b" ] && [ -n "$i" ] && [ "$b" -ge 30 ] && [ "$i" -le 5 ]
}
if wait_until busy_row; then
	pass "the busy thread $busy shows $(cpu_of "$busy")% on its own row, its idle sibling"
	diag "the idle sibling's row: $(cpu_of "$idle")%"
else
	fail "the busy thread $busy shows 30% or more on its own row, its idle sibling little"
	diag_screen
fi
tm_keys q
wait_ended 5
safe_kill_group TERM "$broot"

# 14-16: shown again and saved by the setup (S, s): forktoprc says user_threads = on, and
# the next forktop starts with them.
tm_start "$FORKTOP" -d 1 --pid "$root"
wait_screen "^ *$root .* $T-0\$" >/dev/null
tm_keys H
wait_screen "$(row "$t3" 3)" >/dev/null
tm_keys S
check_screen "the setup shows user threads shown" "user threads +< shown >"
tm_keys s
if wait_until grep -qx 'user_threads = on' "$XDG_CONFIG_HOME/forktop/forktoprc"; then
	pass "the setup saves user_threads = on in forktoprc"
else
	fail "the setup saves user_threads = on in forktoprc"
	sed 's/^/# /' "$XDG_CONFIG_HOME/forktop/forktoprc"
fi
tm_keys Escape q
wait_ended 5
tm_start "$FORKTOP" -d 1 --pid "$root"
check_screen "the next forktop shows the threads from the start" "$(row "$t2" 2)"
tm_keys q
wait_ended 5

# 17-18: at 80x24 too.
printf 'columns = %s\n' "$PPID_COLUMNS" >"$XDG_CONFIG_HOME/forktop/forktoprc"
tm_start -x 80 -y 24 "$FORKTOP" -d 1 --pid "$root"
wait_screen "^ *$root .* $T-0\$" >/dev/null
check_never "80x24, H not pressed: no thread row" "^ *$t1 " 1
tm_keys H
check_screen "80x24: H shows them" "$(row "$t1" 1)"
tm_keys q
wait_ended 5
safe_kill_group TERM "$root"
