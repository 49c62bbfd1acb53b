#!/usr/bin/env bash
# tasklife.sh - what must hold when forktop dies or is stressed: a daemonic task ends
# with a SIGKILLed forktop, the terminal comes back after one; a daemonic command may
# fork; many tasks stay watched; output is bounded in memory; Ctrl-Z always stops.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 19

# Pids of the processes whose command line contains TEXT.
marked() {
	local f
	for f in /proc/[0-9]*/cmdline; do
		{ tr '\0' ' ' <"$f"; } 2>/dev/null | grep -qF -- "$1" && { f=${f#/proc/}; echo "${f%/cmdline}"; }
	done
	return 0
}

none_marked() {
	[ -z "$(marked "$1")" ]
}

# forktop's pid when the pane runs it under a shell.
child_forktop() {
	pgrep -P "$1" | head -n 1
}

# --- 4: a daemonic task ends with a SIGKILLed forktop, even when it ignores SIGTERM ------
mark="sleep 7$$"
tm_start "$FORKTOP" -d 5
wait_screen 'PID +USER' >/dev/null
fpid=$(tm_pane_pid)
new_command "trap '' TERM; $mark" daemon
wait_screen "● running .*trap" >/dev/null
tp=$(task_pid Process-1)
[ -n "$tp" ] && track_group "$tp"
WAIT_FOR=5 wait_until eval '[ "$(marked "$mark" | wc -l)" -ge 2 ]'	# sh and sleep
before=$(marked "$mark" | wc -l)
safe_kill KILL "$fpid"
if [ "$before" -ge 2 ] && WAIT_FOR=10 wait_until none_marked "$mark"; then
	pass "a daemonic command that ignores SIGTERM, and its child, end when forktop is SIGKILLed"
else
	fail "a daemonic command that ignores SIGTERM, and its child, end when forktop is SIGKILLed"
	diag "before: $before processes; still there: $(marked "$mark" | tr '\n' ' ')"
fi

# The same on a normal quit: q ends the daemonic command and its child, not only the shell.
mark="sleep 8$$"
tm_start "$FORKTOP" -d 5
wait_screen 'PID +USER' >/dev/null
new_command "trap '' TERM; $mark" daemon
wait_screen "● running .*trap" >/dev/null
tp=$(task_pid Process-1)
[ -n "$tp" ] && track_group "$tp"
WAIT_FOR=5 wait_until eval '[ "$(marked "$mark" | wc -l)" -ge 2 ]'
before=$(marked "$mark" | wc -l)
tm_keys q
if [ "$before" -ge 2 ] && wait_ended 10 &&
	WAIT_FOR=5 wait_until none_marked "$mark"; then
	pass "q ends a daemonic command that ignores SIGTERM, and its child"
else
	fail "q ends a daemonic command that ignores SIGTERM, and its child"
	diag "before: $before processes; still there: $(marked "$mark" | tr '\n' ' ')"
fi

# --- 5: a daemonic command may fork (Python's daemonic processes may) ---------------------
tm_start "$FORKTOP" -d 5
wait_screen 'PID +USER' >/dev/null
new_command "sh -c 'sleep 0.1; echo hi$$'" daemon
check_screen "a daemonic command forks and runs: it prints hi and exits 0" \
	"Process-1 pid [0-9]+: exitcode 0"
ok_if "its output is in the pane" grep -q "^hi$$" <<<"$LAST_SCREEN"
tm_keys q

# --- 10: mouse tracking: button presses only; a SIGKILLed forktop leaves none on ---------
tm_start sh -c '"$0" -d 5; exec sleep 1000' "$FORKTOP"
wait_screen 'PID +USER' >/dev/null
is "$(tm_format '#{mouse_all_flag} #{mouse_button_flag} #{mouse_standard_flag}')" "0 0 1" \
	"mouse tracking reports button presses only: no motion (1003), no drag (1002)"
fpid=$(child_forktop "$(tm_pane_pid)")
[ -n "$fpid" ] && safe_kill KILL "$fpid"
if WAIT_FOR=5 wait_until eval '[ "$(tm_format "#{mouse_any_flag} #{alternate_on}")" = "0 0" ]'; then
	pass "after forktop is SIGKILLed, mouse tracking is off and the normal screen is back"
else
	fail "after forktop is SIGKILLed, mouse tracking is off and the normal screen is back"
	diag "forktop: ${fpid:-none}; flags: $(tm_format '#{mouse_any_flag} #{alternate_on}')"
fi
ok_if "the terminal modes are the shell's again (echo on)" \
	eval "stty -a <\"\$(tm_format '#{pane_tty}')\" | grep -qE '(^| )echo( |$)'"

# --- 9: Ctrl-Z always stops forktop, however busy (ncurses must not drop a pending one) ---
# Thousands of processes keep forktop busy scanning and drawing every 0.1 s: a Ctrl-Z that
# came in meanwhile was lost when ncurses set SIGTSTP to ignored around a redraw.
load=$(spawn_tree -f 16 -d 3 -n tstpload$$)
tm_start env PS1='$ ' sh -i
wait_screen '^\$ *$' >/dev/null
tm_type "$FORKTOP -d 1"
tm_keys Enter
wait_screen 'PID +USER' >/dev/null
sh=$(tm_pane_pid)
fp=$(child_forktop "$sh")
stops=0 prompts=0
stopped() { grep -q '^State:.*T' "/proc/$fp/status" 2>/dev/null; }
for i in 1 2 3 4 5 6 7 8; do
	tm_keys C-z
	WAIT_FOR=4 wait_until stopped && stops=$((stops + 1))
	tm_type "echo ok-$i-\$((6*7))"
	tm_keys Enter
	wait_screen "^ok-$i-42" 4 >/dev/null && prompts=$((prompts + 1))
	tm_type fg
	tm_keys Enter
	wait_screen 'PID +USER' 5 >/dev/null
	WAIT_FOR=4 wait_until eval '! stopped'
done
is "$stops" 8 "Ctrl-Z stopped forktop (state T) each of 8 times, with -d 1 and thousands of processes"
is "$prompts" 8 "each time the shell prompt was usable"
check_screen "fg brings the screen back" 'PID +USER'
[ -n "$load" ] && safe_kill_group TERM "$load"
tm_keys q

# --- 6: thousands of tasks all stay watched; the fd limit is raised -----------------------
# 2,100 commands hold 4,200 fds, more than the old fixed poll array of 4,096 entries: the
# last task, past the end of it, would hang in a pipe write with no exit ever seen. Under
# the common soft limit of 1,024 fds, forktop raises it to the hard one.
many() {	# CMD COUNT: daemonic commands, so that q ends them all at once
	new_command "$1" count="$2" daemon
}
if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt 5000 ]; then
	for d in "2,100 tasks run" "2,100 tasks all watched" "the soft fd limit goes up" \
		"q ends the 2,100 daemonic tasks"; do
		pass "$d # SKIP the hard fd limit ($(ulimit -Hn)) is below 5,000"
	done
else
	mark="sleep 6$$"
	tm_start -y 50 sh -c 'ulimit -Sn 1024 && exec "$0" -d 20' "$FORKTOP"
	wait_screen 'PID +USER' >/dev/null
	fp=$(tm_pane_pid)
	many "$mark" 1000
	wait_screen 'tasks 1000 \(1000 alive\)' 30 >/dev/null
	many "$mark" 1000
	wait_screen 'tasks 2000 \(2000 alive\)' 30 >/dev/null
	many "$mark" 100
	check_screen "2,100 daemonic commands run, under a soft fd limit of 1,024" \
		'tasks 2100 \(2100 alive\)' 30
	new_command "seq 100000"
	check_screen "2,100 tasks running, and task 2,101 (seq 100000) is read to its end and exits 0" \
		'Process-2101 pid [0-9]+: exitcode 0' 30
	limits=$(awk '/^Max open files/ { print $4, $5 }' "/proc/$fp/limits")
	one=$(marked "$mark" | head -n 1)
	tlimit=$(awk '/^Max open files/ { print $4 }' "/proc/$one/limits" 2>/dev/null)
	ok_if "forktop's soft fd limit goes up to the hard one ($limits); its tasks keep 1,024 ($tlimit)" \
		eval "[ -n '$limits' ] && [ \"\${limits% *}\" = \"\${limits#* }\" ] && [ '$tlimit' = 1024 ]"
	tm_keys q
	if wait_ended 30 && WAIT_FOR=10 wait_until none_marked "$mark"; then
		pass "q ends the 2,100 daemonic tasks"
	else
		fail "q ends the 2,100 daemonic tasks"
		diag "left: $(marked "$mark" | wc -l)"
	fi
fi

# When the fds run out anyway, a start is refused with a message, and every task that did
# start is watched.
tm_start sh -c 'ulimit -n 300 && exec "$0" -d 20' "$FORKTOP"
wait_screen 'PID +USER' >/dev/null
many "sleep 5$$" 200
check_screen "out of fds: the New dialog says so and stays open" \
	'out of file descriptors \(limit 300\): join or end some tasks'
n=$(grep -oE 'tasks [0-9]+ \([0-9]+ alive\)' <<<"$LAST_SCREEN")
ok_if "the tasks that started all run and are watched ($n)" \
	eval "[[ '$n' =~ ^tasks\ ([0-9]+)\ \(([0-9]+)\ alive\)$ ]] && [ \${BASH_REMATCH[1]} = \${BASH_REMATCH[2]} ] && [ \${BASH_REMATCH[1]} -gt 50 ]"
tm_keys Escape q
wait_ended 15

# --- 8: output is bounded in memory; a joined task keeps only what its pane shows ---------
# Three tasks print 20 MB each without a newline: forktop kept 2,000 pieces of 4 KB of
# each, and never gave the memory back.
tm_start "$FORKTOP" -d 5
wait_screen 'PID +USER' >/dev/null
fp=$(tm_pane_pid)
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$fp/status"; }	# kB
base=$(rss)
# forktop reads every process on the machine each refresh (--pid only narrows the tree):
# processes another run starts meanwhile are not charged to the output, at up to 2 KiB each.
nprocs() { find /proc -maxdepth 1 -name '[0-9]*' | wc -l; }
procs0=$(nprocs)
allow() { local d=$(($(nprocs) - procs0)); echo $(($1 + (d > 0 ? d * 2 : 0))); }
for i in 1 2 3; do	# 4,883 pieces of 4,096 bytes, then the marker on a line of its own
	new_command "head -c 20000768 /dev/zero | tr '\\0' x; printf END$i-$$"
	wait_screen "Process-$i pid [0-9]+ \\(head" >/dev/null
done
WAIT_FOR=60 wait_until eval '[ "$(tm_capture | grep -cE "Process-[123] pid [0-9]+: exitcode 0")" = 3 ]'
grown=$(($(rss) - base))
limit=$(allow 16384)
ok_if "3 tasks printed 20 MB each without a newline: forktop grew by $((grown / 1024)) MB (< $((limit / 1024)))" \
	[ "$grown" -lt "$limit" ]
check_screen "the pane shows the tail of the selected task's output" "^END3-$$"
tm_keys J
wait_screen 'joined every task' >/dev/null
WAIT_FOR=5 wait_until eval '[ $(($(rss) - base)) -lt $(allow 8192) ]'
grown=$(($(rss) - base))
limit=$(allow 8192)
ok_if "after J, what the panes no longer show is freed: $((grown / 1024)) MB over the start (< $((limit / 1024)))" \
	[ "$grown" -lt "$limit" ]
tm_keys q
wait_ended 10
