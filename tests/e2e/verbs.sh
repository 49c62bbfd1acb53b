#!/usr/bin/env bash
# verbs.sh - rename, daemonize, start detached, end subtree (X) and what happens to tasks
# when forktop quits or is told to end by a signal.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 18

# The session id of a process (field 6 of /proc/PID/stat).
proc_sid() {
	awk '{ sub(/.*\) /, ""); print $4 }' "/proc/$1/stat" 2>/dev/null
}

# --- rename ------------------------------------------------------------------------------
tm_start "$FORKTOP" -d 3 --demo pid
wait_screen 'Process-1 \(pid\)' >/dev/null
p=$(task_pid Process-1)
track_tasks
tm_keys r
wait_screen ' Rename ' >/dev/null
tm_keys C-u
tm_type worker
tm_keys Enter
# 1
check_screen "r renames the task on the screen: 'worker (pid)'" \
	"^ *$p .*● running +.*worker \\(pid\\)\$"
# 2
ok_if "the task set its own comm: ps shows 'worker' for $p" \
	eval "WAIT_FOR=5 wait_until eval '[ \"\$(cat /proc/$p/comm 2>/dev/null)\" = worker ]'"
# 3
check_screen "the event log says it in Python's words: p.name = 'worker'" \
	"rename +$p: Process-1 → worker +p.name = 'worker'"

# --- daemonize ---------------------------------------------------------------------------
tm_keys d
# 4
check_screen "d daemonizes it: '⇱ daemonized', now a child of PID 1 (or a subreaper)" \
	'⇱ daemonized +.*worker \(pid\)$'
np=$(task_pid worker)
[ -n "$np" ] && track_group "$(awk '{ sub(/.*\) /, ""); print $3 }' "/proc/$np/stat" 2>/dev/null)"
# 5
check_screen "the event log says 'daemonize … $p → $np'" "daemonize .*$p → ${np:-x}"
fsid=$(proc_sid "$(tm_pane_pid)")
# 6
ok_if "the new process $np is in a session of its own, not forktop's; the old pid is gone" \
	eval "[ -n '$np' ] && [ '$np' != '$p' ] && [ \"\$(proc_sid $np)\" != '$fsid' ] && ! proc_alive $p"
# 7: daemonized tasks are not asked about at quit, and outlive forktop.
tm_keys q
wait_ended 10
ok_if "q quits at once and the daemonized process $np outlives forktop" \
	eval "[ -n '$np' ] && proc_alive $np"
[ -n "$np" ] && safe_kill TERM "$np"

# --- what cannot be renamed or daemonized --------------------------------------------------
root=$(spawn_tree -f 1 -d 1 -n vb) || root=
tm_start "$FORKTOP" -d 3 --pid "${root:-1}"
wait_screen "^ *$root " >/dev/null
tm_keys r
# 8
check_screen "r on a process that is not a task: Linux only lets a process rename itself" \
	"cannot rename $root: Linux only lets a process rename itself"
tm_keys d
# 9
check_screen "d on a process that is not a task is refused with the reason" \
	"cannot daemonize $root: only forktop's own demo tasks"
tm_keys q
wait_ended 5

# --- start detached, and d on a command --------------------------------------------------
tm_start "$FORKTOP" -d 3
wait_screen 'PID +USER' >/dev/null
new_command 'sleep 300'
wait_screen '● running +.*\(sleep 300\)' >/dev/null
track_tasks
tm_keys d
# 10
check_screen "d on a running command: it cannot be detached, use 'start detached'" \
	'a running command cannot be detached'
new_command 'sleep 301' detached
# 11
check_screen "a command started detached runs outside forktop: '⇱ daemonized'" \
	'⇱ daemonized +.*\(sleep 301\)'
dp=$(task_pid 'Process-2')
[ -n "$dp" ] && track_group "$(awk '{ sub(/.*\) /, ""); print $3 }' "/proc/$dp/stat" 2>/dev/null)"
ok_if "the detached command $dp is not forktop's child" \
	eval "[ -n '$dp' ] && [ \"\$(awk '{ sub(/.*\\) /, \"\"); print \$2 }' /proc/$dp/stat)\" != '$(tm_pane_pid)' ]"
# 13: quit and leave the other one running (its row found through a filter: on a busy
# machine it may be off the screen).
tm_keys F4
tm_type 'sleep 30'
tm_keys Enter
WAIT_FOR=5 wait_until eval '[ -n "$(task_pid Process-1)" ]'
sp=$(task_pid 'Process-1')
tm_keys q
wait_screen 'Quit: tasks are still running' >/dev/null
tm_keys l
wait_ended 10
if [ -n "$sp" ] && proc_alive "$sp" &&
	E2E_HISTORY=1 wait_screen "left [12] tasks? running; output is appended to logs in"; then
	pass "quit, l: 'sleep 300' is left running and forktop says where its output goes"
else
	fail "quit, l: 'sleep 300' is left running and forktop says where its output goes"
	diag "task: ${sp:-none}"
	diag_screen
fi
[ -n "$sp" ] && safe_kill TERM "$sp"
[ -n "$dp" ] && safe_kill TERM "$dp"

# --- SIGTERM to forktop: daemonic tasks end, the others are left -------------------------
tm_start "$FORKTOP" -d 3
wait_screen 'PID +USER' >/dev/null
new_command 'sleep 304' daemon
wait_screen '● running +.*\(sleep 304\)' >/dev/null
new_command 'sleep 302'
wait_screen '● running +.*\(sleep 302\)' >/dev/null
track_tasks
dm=$(tm_capture | awk '/\(sleep 304\)/ { print $1; exit }')
sl=$(tm_capture | awk '/\(sleep 302\)/ { print $1; exit }')
safe_kill TERM "$(tm_pane_pid)"
wait_ended 10
# 14
ok_if "SIGTERM to forktop: the daemonic task $dm ended with it" \
	eval "[ -n '$dm' ] && WAIT_FOR=5 wait_until eval '! proc_alive $dm'"
# 15
ok_if "SIGTERM to forktop: the other task ($sl, sleep 302) is left running" \
	eval "[ -n '$sl' ] && proc_alive $sl"
[ -n "$sl" ] && safe_kill TERM "$sl"

# --- X: end a subtree, collapsed descendants included -------------------------------------
none_alive() {
	local q
	for q in $all; do
		proc_alive "$q" && return 1
	done
	return 0
}
big=$(spawn_tree -f 3 -d 3 -n xb) || big=
all=$(proc_subtree "${big:-1}" | awk '{ print $1 }')
tm_start "$FORKTOP" -d 3 --pid "${big:-1}"
wait_screen "^ *$big " >/dev/null
tm_keys Down - Down - Home	# two branches collapsed: their processes are not on screen
wait_screen '\[\+[0-9]+\]' >/dev/null
tm_keys X
wait_screen 'End subtree' >/dev/null
tm_keys y
# 16
n=$(wc -w <<<"$all")
if wait_screen "ended $n of $n processes of $big .*none survived" 15 &&
	WAIT_FOR=5 wait_until none_alive; then
	pass "X ends all $n processes of the subtree, the collapsed ones too, none survives"
else
	fail "X ends all $n processes of the subtree, the collapsed ones too, none survives"
	diag_screen
fi
tm_keys q
wait_ended 5

# 17-18: X and Enter on a process that ended after the last refresh (here 60 s apart): said
# at once, no question about a subtree that is not there.
sleep 600 &
gone=$!
tm_start "$FORKTOP" -d 600 --pid "$gone"
wait_screen "^ *$gone .* sleep 600\$" >/dev/null
safe_kill TERM "$gone"
wait "$gone" 2>/dev/null
tm_keys X
check_screen "X on a process that has just ended says so, and asks nothing" \
	"^process $gone has ended"
check_never "no End subtree question" "End subtree" 1

finish
