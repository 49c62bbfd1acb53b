#!/usr/bin/env bash
# safety.sh - forktop never signals what the user did not choose: a confirmation pasted
# together with the key that asked for it sends nothing, X ends exactly the subtree it
# counted, the signal menu refuses forktop's own ancestors, and quitting with "end them"
# ends every task at once.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 19

# ---- pastes: X y, X Enter, Enter y on tagged processes, q e ----------------------------
root=$(spawn_tree -f 2 -d 1 -n sp$$x) || {
	fail "ftspawn built the test tree"
	exit 1
}
mapfile -t kids < <(awk -v p="$root" '$2 == p { print $1 }' <<<"$(proc_subtree "$root")" | sort -n)
tm_start "$FORKTOP" -d 5 --pid "$root"
wait_screen "^ *${kids[1]} .*└─ sp$$x-0\.2\$" >/dev/null

# 1-2: X and y in one write (a paste): nothing ends, and forktop says why.
tm_type 'Xy'
check_screen "X y pasted in one write: nothing sent, and forktop says why" \
	'nothing sent: y came with the key that opened the end-subtree question'
ok_if "... and the 3 processes of the subtree stay alive (watched for 1 s)" \
	alive_over 1 "$root" "${kids[@]}"

# 3: X and Enter in one write.
tm_keys Escape
tm_type $'X\r'
if wait_screen 'nothing sent: Enter came with the key that opened the end-subtree' &&
	alive_over 1 "$root" "${kids[@]}"; then
	pass "X Enter pasted in one write: nothing sent, the subtree alive"
else
	fail "X Enter pasted in one write: nothing sent, the subtree alive"
	diag_screen
fi

# 4: two tagged processes, F9, then Enter and y in one write: the question's answer came
# with the Enter that asked it.
tm_keys Escape Home Down Space Space
tm_keys F9
wait_screen 'Send a signal to 2 tagged' >/dev/null
tm_type $'\ry'
if wait_screen 'nothing sent: y came with the key that opened the question' &&
	alive_over 1 "${kids[@]}"; then
	pass "Enter y pasted on 2 tagged processes: nothing sent, both alive"
else
	fail "Enter y pasted on 2 tagged processes: nothing sent, both alive"
	diag_screen
fi
tm_keys Escape U

# 5: X, then y typed on its own: the subtree ends (the question does work).
tm_keys Home X
wait_screen 'End subtree' >/dev/null
tm_keys y
gone() { ! proc_alive "$root" && ! proc_alive "${kids[0]}" && ! proc_alive "${kids[1]}"; }
if wait_screen "ended 3 of 3 processes of $root" 15 && WAIT_FOR=5 wait_until gone; then
	pass "X, then y on its own: the 3 processes end"
else
	fail "X, then y on its own: the 3 processes end"
	diag_screen
fi
tm_keys q
wait_ended 5

# 6-8: q and e in one write with a task running: forktop stays, the task runs on; q, then
# e on its own, ends it.
tm_start sh -c 'exec "$0" -d 5 --pid $$' "$FORKTOP"
wait_screen 'PID +USER' >/dev/null
new_command "sleep 30$$"
task_up() { tpid=$(task_pid 'Process-1'); [ -n "$tpid" ]; }
wait_until task_up
[ -n "${tpid:-}" ] && track_group "$tpid"
tm_type 'qe'
if wait_screen 'nothing sent: e came with the key that opened the quit question' &&
	alive_over 1 "${tpid:-x}" && tm_alive; then
	pass "q e pasted in one write: forktop stays and the task runs on"
else
	fail "q e pasted in one write: forktop stays and the task runs on"
	diag_screen
fi
tm_keys Escape q
wait_screen 'Quit: tasks are still running' >/dev/null
tm_keys e
task_gone() { WAIT_FOR=5 wait_until eval "! proc_alive ${tpid:-x}"; }
ok_if "q, then e on its own: forktop quits" wait_ended 15
ok_if "... and the task has ended" task_gone

# 9-11: X on the first program of a shell's job (`sleep A | sleep B &`): the dialog counts
# no descendants, and X ends that process alone; its sibling in the job's process group
# runs on.
setsid bash -c "set -m; sleep 91$$ | sleep 92$$ & wait" </dev/null >/dev/null 2>&1 &
jobsh=$!
track_group "$jobsh"
job_up() {
	first=$(proc_table | awk -v p="$jobsh" '$2 == p' | while read -r c _; do
		[ "$(proc_cmdline "$c")" = "sleep 91$$" ] && echo "$c"; done)
	second=$(proc_table | awk -v p="$jobsh" '$2 == p' | while read -r c _; do
		[ "$(proc_cmdline "$c")" = "sleep 92$$" ] && echo "$c"; done)
	[ -n "$first" ] && [ -n "$second" ]
}
wait_until job_up
[ -n "${first:-}" ] && track_group "$first"	# the job's own group
tm_start "$FORKTOP" -d 5 --pid "$jobsh"
wait_screen "^ *${first:-x} +$jobsh .* sleep 91$$" >/dev/null
tm_keys Down
wait_selected "${first:-x}" >/dev/null
tm_keys X
check_screen "X on 'sleep A' of the job: the question counts it alone" \
	"End ${first:-x}\\? It has no descendants"
tm_keys y
check_screen "y: 1 of 1 process ended" "ended 1 of 1 process of ${first:-x}"
ok_if "its sibling 'sleep B' ${second:-x} in the same process group runs on (watched for 1 s)" \
	alive_over 1 "${second:-x}"
tm_keys q
wait_ended 5
[ -n "${second:-}" ] && safe_kill TERM "$second"

# 12-13: the signal menu refuses forktop's own ancestors (here the shell that runs it), as
# X does.
tm_start sh -c '"$0" -d 5 --pid $$; sleep 600' "$FORKTOP"
shpid=$(tm_pane_pid)
wait_screen "^ *$shpid .*sleep 600" >/dev/null
wait_selected "$shpid" >/dev/null
tm_keys F9
wait_screen "Send a signal to $shpid" >/dev/null
tm_keys Down	# SIGKILL: a shell would outlive a SIGTERM while it waits
wait_screen "SIGKILL" >/dev/null
tm_keys Enter
check_screen "F9 SIGKILL on forktop's own shell: refused, with the reason" \
	"refusing to signal $shpid: forktop runs inside it"
ok_if "... and the shell runs on (watched for 1 s)" alive_over 1 "$shpid"
tm_keys q
WAIT_FOR=5 wait_until eval '! tm_alive || ! proc_alive "$(pgrep -P "$shpid" -x forktop)"'

# X logs no re-parenting for the processes it has just ended (their parents died first),
# while a real orphan, a child that outlives its terminated parent, is logged.
root=$(spawn_tree -f 2 -d 2 -n sp$$r) || fail "ftspawn built the test tree"
tm_start "$FORKTOP" -d 5 --pid "${root:-x}"
wait_screen "^ *${root:-x} " >/dev/null
wait_selected "${root:-x}" >/dev/null
tm_keys X
wait_screen 'End subtree' >/dev/null
tm_keys y
check_screen "X on a tree of 7: ended 7 of 7" "ended 7 of 7 processes of ${root:-x}"
check_never "... and no 'reparented' line for the processes it ended (watched for 2 s)" \
	'reparented' 2
tm_keys q
wait_ended 5
setsid sh -c "sleep 31$$ & exec sleep 32$$" </dev/null >/dev/null 2>&1 &
orphan_parent=$!
track_group "$orphan_parent"
orphan_up() {
	orphan=$(proc_table | awk -v p="$orphan_parent" '$2 == p { print $1 }')
	[ -n "$orphan" ] && [ "$(proc_cmdline "$orphan_parent")" = "sleep 32$$" ]
}
wait_until orphan_up
tm_start "$FORKTOP" -d 5 --pid "$orphan_parent"
wait_screen "^ *${orphan:-x} +$orphan_parent " >/dev/null
wait_selected "$orphan_parent" >/dev/null
tm_keys F9
wait_screen "Send a signal to $orphan_parent" >/dev/null
tm_keys Enter
check_screen "TERM to a parent whose child runs on: 'reparented ${orphan:-x}: $orphan_parent → …'" \
	"reparented ${orphan:-x}: $orphan_parent → [0-9]+"
tm_keys q
wait_ended 5
[ -n "${orphan:-}" ] && safe_kill TERM "$orphan"

# 17-19: quit's "end them" with 40 tasks that ignore SIGTERM: one operation whose
# progress is on the screen, SIGKILL after the 2 s grace, then forktop is gone and so is
# every task, quickly.
tm_start -y 30 sh -c 'exec "$0" -d 5 --grace 2 --pid $$' "$FORKTOP"
wait_screen 'PID +USER' >/dev/null
ftp=$(tm_pane_pid)
new_command "trap '' TERM; while :; do sleep 7$$; done" count=40
forty() { [ "$(proc_table | awk -v p="$ftp" '$2 == p && $1 != p' | wc -l)" -ge 41 ]; }
WAIT_FOR=20 wait_until forty	# 40 tasks and the watchdog's ... or the tasks alone
mapfile -t tasks40 < <(proc_table | awk -v p="$ftp" '$2 == p { print $1 }')
for p in "${tasks40[@]}"; do track_group "$p"; done
tm_keys q
wait_screen 'Quit: tasks are still running' >/dev/null
t0=$(_now_ms)
tm_keys e
check_screen "e: the progress of ending every task is on the screen" \
	'quitting: ending 40 subtrees: [0-9]+ of [0-9]+ processes ended' 5
if wait_ended 15; then
	pass "forktop quits after ending them, in $(( $(_now_ms) - t0 )) ms (grace 2 s)"
else
	fail "forktop quits after ending them (grace 2 s)"
	diag_screen
fi
none_left() {
	local p
	for p in "${tasks40[@]}"; do proc_alive "$p" && return 1; done
	! proc_table | awk -v p="$ftp" '$2 == p' | grep -q .
}
ok_if "none of the 40 tasks (nor their children) is left" none_left

finish
