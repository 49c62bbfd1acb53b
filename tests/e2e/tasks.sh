#!/usr/bin/env bash
# tasks.sh - forktop's own processes: each demo of the lesson, exit codes of command
# tasks as Python's exitcode, join (also of a process that is not forktop's child), the
# signal menu, orphans re-parented, and quitting without leaving anything behind.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 43

# Rows are read as "pid ppid state ...": the columns PID, PPID, S first.
use_columns "$PPID_COLUMNS"

# forktop showing only itself and its tasks (--pid of its own pid: the shell execs it), so
# another run's demo processes ("forktop: Process-1 (sleeper)") are never on its screen.
ft_own() {	# [-y H] ARGS...
	local size=()
	[ "$1" = -y ] && { size=(-y "$2"); shift 2; }
	tm_start "${size[@]}" sh -c 'exec "$0" --pid $$ "$@"' "$FORKTOP" "$@"
}

# --- Demos ------------------------------------------------------------------------------

# 1-2: join-trio: three children of 1, 2, 3 s, joined in order: about 3 s, not 6 (a
# loaded machine stretches the sleeps: under the 6 s that one after another takes).
ft_own -y 60 -d 5 --demo join-trio
check_screen "join-trio: three tasks start, Process-1..3 with the sleeper target" \
	'Process-3 \(sleeper\)'
track_tasks
check_screen "join-trio: all joined, 主 printed after about 3 s, not 6" \
	'主 [345]\.[0-9][0-9]' 15
if grep -q 'one after another would take 6 s' <<<"$LAST_SCREEN" &&
	[ "$(grep -c 'join .*Process-[123] pid [0-9]*: exitcode 0 after' <<<"$LAST_SCREEN")" -eq 3 ]; then
	pass "join-trio: three joins with exitcode 0 are logged, and the sequential time is said"
else
	fail "join-trio: three joins with exitcode 0 are logged, and the sequential time is said"
	diag_screen
fi
quit_ending

# 4-8: a joined task leaves the tree at once, not at the next refresh (here 10 s away);
# forktop's own row shows what the main process printed.
ft_own -y 60 -d 100 --demo join-trio
check_screen "join-trio: the three task rows are up" 'Process-3 \(sleeper\)' 5
check_no_screen "join-trio: joined tasks leave the tree at once, not at the next refresh 10 s on" \
	'Process-[123] \(sleeper\)' 6
check_selected "join-trio: the selection moves from the reaped task to its parent, forktop" \
	"$(tm_pane_pid)" 3
check_screen "join-trio: forktop's own row shows the main process's output" \
	"output: main \\(forktop, pid $(tm_pane_pid)\\)" 3
if last_has '^主 [345]\.[0-9][0-9]' '^子进程1 is done' '^子进程3 is done'; then
	pass "join-trio: the main pane is the program's terminal: the tasks' lines, then 主 3.xx"
else
	fail "join-trio: the main pane is the program's terminal: the tasks' lines, then 主 3.xx"
	diag_screen
fi
# 9: L: the lifecycle timeline draws the three lives on one axis: 1, 2 and 3 s long,
# started together.
tm_keys L
bars() {
	LAST_SCREEN=$(tm_capture)
	awk '/^ +Process-[123] +█/ { n = gsub(/█/, "&"); printf "%d ", n }' <<<"$LAST_SCREEN"
}
wait_screen 'Lifecycle timeline' >/dev/null
read -r b1 b2 b3 <<<"$(bars)"
if [ -n "${b3:-}" ] && awk -v a="$b1" -v b="$b2" -v c="$b3" \
	'BEGIN { exit !(a < b && b < c && c > 2.5 * a && c < 3.5 * a) }' &&
	[ "$(grep -cE '^ +Process-[123] +█' <<<"$LAST_SCREEN")" -eq 3 ]; then
	pass "L: the timeline's bars for the trio are 1 : 2 : 3 long, from one start ($b1 $b2 $b3)"
else
	fail "L: the timeline's bars for the trio are 1 : 2 : 3 long, from one start (${b1:-} ${b2:-} ${b3:-})"
	diag_screen
fi
tm_keys Escape
quit_ending

# 4: isolation: the child's n is 0, main still prints 100.
ft_own -y 60 -d 5 --demo isolation
check_screen "isolation: the event log says the child had n=0 (the child prints nothing)" \
	'child [0-9]+ had n=0'
check_screen "isolation: main (forktop) still prints 主 100" '主 100'
quit_ending

# 6: pid: the child's parent is forktop.
ft_own -y 60 -d 5 --demo pid
fpid=$(tm_pane_pid)
check_screen "pid: the child prints its pid and its parent's, which is forktop's ($fpid)" \
	"子进程\[[0-9]+\] +父进程<$fpid>"
track_tasks
quit_ending
ok_if "pid: quitting (e: end them) ends the long-sleeping child" \
	[ -z "$(proc_table | awk -v p="$fpid" '$2 == p')" ]

# 8: name: the task is named 子进程1 (Python's name=), its comm too.
ft_own -y 60 -d 5 --demo name
check_screen "name: the task row shows 子进程1 (name), columns aligned" \
	'^ *[0-9]+ +[0-9]+ S .* ● running +.*子进程1 \(name\)$'
p=$(task_pid 子进程1)
track_tasks
ok_if "name: ps shows the comm 子进程1 for pid $p" \
	[ "$(cat "/proc/${p:-0}/comm" 2>/dev/null)" = 子进程1 ]
quit_ending

# 10: terminate: is_alive True right after terminate(), False 0.1 s later, exitcode -15.
ft_own -y 60 -d 5 --demo terminate
check_screen "terminate: the event log tells p.is_alive() right after p.terminate() (not printed)" \
	'p.is_alive\(\) → (True|False) right after p.terminate\(\)'
if wait_screen 'main +False +time.sleep\(0.1\); print\(p.is_alive\(\)\)' &&
	wait_screen 'p.exitcode → -15'; then
	pass "terminate: 0.1 s later p.is_alive() is False and p.exitcode is -15"
else
	fail "terminate: 0.1 s later p.is_alive() is False and p.exitcode is -15"
	diag_screen
fi
quit_ending

# 12: daemon: a daemonic task may not start children (Python's AssertionError).
tm_start -y 60 "$FORKTOP" -d 5 --demo daemon
check_screen "daemon: a daemonic task starting a child fails with Python's message" \
	'daemonic processes are not allowed to have children'
track_tasks
# The demo's main ends: Python's atexit terminates the daemonic task; q quits at once.
check_screen "daemon: at main's exit the daemonic task is terminated, as Python does at exit" \
	"SIGTERM sent to [0-9]+ \\(守护进程\\): daemonic"
dpid=$(grep -oE 'SIGTERM sent to [0-9]+ \(守护进程\)' <<<"$LAST_SCREEN" | grep -oE '[0-9]+')
tm_keys q
wait_ended 10
ok_if "daemon: q quits at once and the daemonic task has ended" \
	eval "[ -n '$dpid' ] && ! proc_alive '$dpid'"

# 14: spawner: terminate the task: its children are orphaned and re-parented.
tm_start -y 60 "$FORKTOP" -d 5 --demo spawner
check_screen "spawner: the task's two children show under it" \
	'Process-1:2 pid=[0-9]+ ppid=[0-9]+'
track_tasks
sp=$(task_pid Process-1)
kids=$(proc_table | awk -v p="${sp:-0}" '$2 == p { print $1 }' | tr '\n' ' ')
for k in $kids; do track_group "$k"; done
tm_keys F9
wait_screen 'Send a signal to' >/dev/null
tm_keys Enter		# TERM is preselected
check_screen "spawner: terminate logs SIGTERM with Python's p.terminate()" \
	"SIGTERM sent to $sp \(Process-1\) +p.terminate\(\)"
k1=${kids%% *}
if [ -n "$k1" ] && [ "$(proc_cmdline "$k1" | sed 's/ *$//')" = "forktop: Process-1:1" ] &&
	"$FORKTOP" --tree --pid "$k1" | grep -qE "^ *$k1 +[0-9]+ .*forktop: Process-1:1\$"; then
	pass "spawner: a task's child is titled 'forktop: Process-1:1' (cmdline, --tree), not forktop's own command line"
else
	fail "spawner: a task's child is titled 'forktop: Process-1:1' (cmdline, --tree), not forktop's own command line"
	diag "cmdline of $k1: $(proc_cmdline "$k1")"
	diag_screen
fi
check_screen "spawner: the orphans are re-parented: event 'reparented $k1: $sp → …'" \
	"reparented $k1: $sp → [0-9]+"
quit_ending
for k in $kids; do safe_kill TERM "$k"; done

# 17: zombie: a child that exits and is never waited for shows Z under the task.
ft_own -y 60 -d 5 --demo zombie
zp=
wait_screen 'Process-1 \(zombie\)' >/dev/null && zp=$(task_pid Process-1)
track_tasks
check_screen "zombie: the task's child shows in state Z under it" \
	"^ *[0-9]+ +${zp:-x} Z "
quit_ending

# 18-19: pool: the workers are seen at work at the default refresh, then the report.
ft_own -y 60 --demo pool
check_screen "pool: the workers show in the tree while they work (state S, default refresh)" \
	'^ *[0-9]+ +[0-9]+ S .*forktop: ForkPoolWorker-[1-4]$' 5
check_screen "pool: 4 workers drain the 12 jobs" 'pool done: 12 jobs by 4 workers' 15
quit_ending

# 20-21: cpu: the same work per worker; twice as many workers as cores take longer.
ft_own -y 60 -d 5 --demo cpu
if wait_screen 'twice as many workers: [0-9.]+ s' 40; then
	t1=$(grep -oE 'one worker per core: [0-9.]+' <<<"$LAST_SCREEN" | grep -oE '[0-9.]+$')
	t2=$(grep -oE 'twice as many workers: [0-9.]+' <<<"$LAST_SCREEN" | grep -oE '[0-9.]+$')
	pass "cpu: two rounds, both timed by main (主): $t1 s and $t2 s"
	# (how much longer round 2 takes depends on what else runs: not asserted)
	ok_if "cpu: one worker per core, then twice as many: $((3 * $(nproc))) tasks in all" \
		grep -qE "tasks $((3 * $(nproc))) \(0 alive\)" <<<"$LAST_SCREEN"
else
	fail "cpu: two rounds, both timed by main (主)"
	fail "cpu: one worker per core, then twice as many"
	diag_screen
fi
quit_ending
ft_own -y 60 -d 5 --demo pipeline
check_screen "pipeline: the producer's items reach the consumer through a pipe" \
	'producer done; consumer pid [0-9]+ exited 0' 15
quit_ending

# --- Command tasks: exitcode as Python's ------------------------------------------------

tm_start -y 60 "$FORKTOP" -d 5
wait_screen 'PID +PPID' >/dev/null
fpid=$(tm_pane_pid)

# 20: exit 3 -> a zombie "exited 3, not joined" until joined; then "joined 3".
new_command 'exit 3' name=three
check_screen "'exit 3' stays a zombie: Z exited 3, not joined" \
	'Z exited 3, not joined +.*three \(exit 3\)'
track_tasks
p3=$(task_pid three)
ok_if "the exited task is really a zombie of forktop until joined (state Z in /proc)" \
	grep -q '^State:.*Z' "/proc/${p3:-0}/status"
# 22: join it (it is selected: new tasks are).
tm_keys j
check_screen "j on an exited task joins it at once: exitcode 3 in the event log" \
	"join +three pid $p3: exitcode 3"
ok_if "once joined, the zombie is reaped" eval "! [ -e /proc/${p3:-0} ]"

# 24: kill -SEGV $$ -> -11.
new_command 'kill -SEGV $$' name=segv
check_screen "'kill -SEGV \$\$' gives exitcode -11 SIGSEGV" '✗? ?-11 SIGSEGV|exited -11'
track_tasks

# 25: terminate a sleep -> -15; kill another -> -9.
new_command 'sleep 100' name=sl
wait_screen '● running +.*sl \(sleep 100\)' >/dev/null
track_tasks
tm_keys F9
wait_screen 'Send a signal to' >/dev/null
tm_keys Enter
check_screen "terminate (SIGTERM) of 'sleep 100' gives exitcode -15 SIGTERM" \
	'-15 SIGTERM.*sl \(sleep 100\)'
new_command 'sleep 100' name=sk
wait_screen '● running +.*sk \(sleep 100\)' >/dev/null
track_tasks
tm_keys F9
wait_screen 'Send a signal to' >/dev/null
tm_keys Down Enter	# KILL
check_screen "kill (SIGKILL) of 'sleep 100' gives exitcode -9 SIGKILL" \
	'-9 SIGKILL.*sk \(sleep 100\)'

# 27: join every task, then quit: nothing of forktop's is left, zombie or not.
tm_keys J
wait_screen 'joined every task|no task running' >/dev/null
quit_ending
ok_if "after quitting, forktop left no child and no zombie" \
	[ -z "$(proc_table | awk -v p="$fpid" '$2 == p')" ]

# --- Join a process that is not forktop's child ------------------------------------------

# 28-29: ftspawn's child (ftspawn never reaps): join it, end it; the kernel still has its
# exit status while it is a zombie.
jroot=$(spawn_tree -f 1 -d 1 -n jn) || jroot=
jkid=$(proc_table | awk -v p="${jroot:-x}" '$2 == p { print $1; exit }')
tm_start "$FORKTOP" -d 2 --pid "${jkid:-1}"
wait_screen "^ *$jkid +$jroot S " >/dev/null
tm_keys j
wait_screen "Join $jkid " >/dev/null
tm_keys Enter
check_screen "j Enter on a process that is not a task: 'waiting for $jkid … (Esc cancels)'" 	"waiting for $jkid .* \(Esc cancels\)"
safe_kill TERM "$jkid"
check_screen "when it ends: the join reports exitcode -15 read from the zombie its parent left" 	"join $jkid: ended after [0-9.]+ s, exitcode -15"
tm_keys q
wait_ended 5

# 37-38: the terminal closes under a task that keeps writing: as on SIGHUP, the task is
# left running with its output in a log file (it does not die of SIGPIPE).
mkdir -p "$E2E_TMP/state"
tm_start -y 60 env XDG_STATE_HOME="$E2E_TMP/state" "$FORKTOP" -d 5
wait_screen 'PID +PPID' >/dev/null
new_command 'while :; do echo tick; sleep 0.2; done' name=ticker
wait_screen '● running +.*ticker \(while' >/dev/null
track_tasks
tpid=$(task_pid ticker)
tm kill-pane -t "$E2E_SESSION"
_log_grows() {
	local f
	f=$(ls "$E2E_TMP"/state/forktop/logs/*.log 2>/dev/null | head -n 1)
	[ -n "$f" ] && [ "$(grep -c '^tick' "$f")" -ge 5 ]
}
ok_if "the terminal closed: the writing task runs on (pid ${tpid:-?})" \
	eval "[ -n '$tpid' ] && WAIT_FOR=5 wait_until _log_grows && proc_alive '$tpid'"
ok_if "and its output goes on into a log file under XDG_STATE_HOME/forktop/logs" _log_grows
[ -n "$tpid" ] && safe_kill_group TERM "$tpid"

# 39: a daemonic task dies with forktop even when forktop is SIGKILLed (PR_SET_PDEATHSIG).
tm_start "$FORKTOP" -d 5 --demo daemon
wait_screen '守护进程 \(daemon\)' >/dev/null
track_tasks
dpid=$(task_pid 守护进程)
fpid=$(tm_pane_pid)
[ -n "$dpid" ] && proc_alive "$dpid" && safe_kill KILL "$fpid"
if [ -n "$dpid" ] && WAIT_FOR=5 wait_until eval "! proc_alive $dpid"; then
	pass "a daemonic task ends when forktop is killed with SIGKILL"
else
	fail "a daemonic task ends when forktop is killed with SIGKILL"
	diag "daemonic task: '${dpid:-}', forktop: $fpid"
fi

finish
