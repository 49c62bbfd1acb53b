#!/usr/bin/env bash
# lesson.sh - the lesson's programs as python3 prints them: the main pane shows exactly
# what the program prints, p.join() returns None, join(0) returns at once, the subclass
# demo (method 2), the interpreter's exit (atexit joins), pool worker names, one authkey,
# and task rows consistent with the scan.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 19

# --- join: p.join() returns None; join(0) returns at once ------------------------------

tm_start -y 60 "$FORKTOP" -d 5 --demo isolation
check_screen "isolation: the join is narrated as Python has it: p.join() → None; p.exitcode → 0" \
	'p\.join\(\) → None; p\.exitcode → 0'
quit_ending

tm_start -y 60 "$FORKTOP" -d 5 --demo pid
wait_screen 'Process-1 \(pid\)' >/dev/null
track_tasks
p=$(task_pid Process-1)
tm_keys j
wait_screen ' Join [0-9]+' >/dev/null
tm_type 0
tm_keys Enter
check_screen "j with timeout 0: join(0) returns at once, the process still running" \
	"join ${p:-x}: join\\(0\\) returned at once, still running"
ok_if "join(0): the task runs on (pid ${p:-none} alive over 1 s)" alive_over 1 "${p:-0}"
quit_ending

# --- the main pane is the program's terminal: exactly what python3 prints ----------------

PY=$E2E_TMP/py
mkdir -p "$PY"
# The lesson's programs (the sleeps of 300 and 1000 s shortened: the output is the same).
cat >"$PY/sleeper.py" <<'PYEOF'
from multiprocessing import Process
import time
def task(name):
    print('%s is running' % name)
    time.sleep(3)
    print('%s is done' % name)
if __name__ == '__main__':
    p = Process(target=task, args=('子进程',))
    p.start()
    print('主')
PYEOF
cat >"$PY/subclass.py" <<'PYEOF'
from multiprocessing import Process
import time
class Myprocess(Process):
    def __init__(self, name):
        super().__init__()
        self.name = name
    def run(self):
        print('%s is running' % self.name)
        time.sleep(3)
        print('%s is done' % self.name)
if __name__ == '__main__':
    p = Myprocess('子进程')
    p.start()
    p.join()
    print('主')
PYEOF
cat >"$PY/join-trio.py" <<'PYEOF'
from multiprocessing import Process
import time
def task(name, n):
    print('%s is running' % name)
    time.sleep(n)
    print('%s is done' % name)
if __name__ == '__main__':
    start = time.time()
    p_l = []
    for i in range(1, 4):
        p = Process(target=task, args=('子进程%s' % i, i))
        p_l.append(p)
        p.start()
    for p in p_l:
        p.join()
    stop = time.time()
    print('主', (stop - start))
PYEOF
cat >"$PY/isolation.py" <<'PYEOF'
from multiprocessing import Process
n = 100
def task():
    global n
    n = 0
if __name__ == '__main__':
    p = Process(target=task, )
    p.start()
    p.join()
    print('主', n)
PYEOF
cat >"$PY/pid.py" <<'PYEOF'
from multiprocessing import Process, current_process
import time, os
def task():
    print('子进程[%s]  父进程<%s>' % (os.getpid(), os.getppid()))
    time.sleep(1)
if __name__ == '__main__':
    p = Process(target=task)
    p.start()
    print('主', os.getpid(), os.getppid())
    time.sleep(1)
PYEOF
cat >"$PY/name.py" <<'PYEOF'
from multiprocessing import Process
import time, os
def task():
    print('%s is running' % os.getppid())
    time.sleep(1)
if __name__ == '__main__':
    p = Process(target=task, name='子进程1')
    p.start()
    print(p.name)
    print('主')
    time.sleep(1)
PYEOF
cat >"$PY/terminate.py" <<'PYEOF'
from multiprocessing import Process
import time, os
def task():
    print('%s is running' % os.getppid())
    time.sleep(300)
if __name__ == '__main__':
    p = Process(target=task, name='子进程1')
    p.start()
    p.terminate()
    time.sleep(0.1)
    print(p.is_alive())
    print('主')
PYEOF
# forktop's daemon demo as a Python program (line 11: c.start()).
cat >"$PY/daemon.py" <<'PYEOF'
from multiprocessing import Process
import time

def task(name):
    print('%s is running' % name)
    time.sleep(300)
    print('%s is done' % name)

def spawn(name):
    c = Process(target=task, args=(name + ':1',))
    c.start()

if __name__ == '__main__':
    p = Process(target=task, args=('守护进程',), name='守护进程', daemon=True)
    p.start()
    print('主')
    p2 = Process(target=spawn, args=('守护进程2',), name='守护进程2', daemon=True)
    p2.start()
    p2.join()
PYEOF
LESSON_DEMOS="sleeper subclass join-trio isolation pid name terminate daemon"
have_python=0
# python3 -u writes a print's text and its newline apart: two processes printing at once
# may write "AB\n\n", two lines in one and an empty one (the programs print none). Such a
# run is taken again.
if command -v python3 >/dev/null 2>&1; then
	have_python=1
	for d in $LESSON_DEMOS; do
		(
			cd "$PY" || exit
			for _ in 1 2 3; do
				timeout 20 python3 -u "$d.py" >"$d.out" 2>&1
				grep -q '^$' "$d.out" || break
			done
		) &
	done
	wait
fi

# Pids and times differ between runs, and the path of a script in a traceback.
normalize() {
	sed -E 's/File "[^"]*\/([^/"]+)"/File "\1"/; s/[0-9]+\.[0-9]+/F/g; s/[0-9]+/N/g; s/ +$//'
}

# The output pane's lines (blank lines dropped), normalized.
pane_lines() {
	tm_capture | awk '/^─ output/ { p = 1; next } /^─ events/ { p = 0 } p && NF' | normalize
}

# The pane's height: it shows the last lines of the program's output.
pane_height() {
	tm_capture | awk '/^─ output/ { p = 1; next } /^─ events/ { p = 0 } p { n++ } END { print n + 0 }'
}

# python3's own races on a busy machine: sleeper, pid and name print main's lines and the child's
# in either order (compared sorted); terminate's child may print before terminate()
# reaches it (that line is not required).
python_lines() {
	case "$1" in
	sleeper|pid|name) normalize <"$PY/$1.out" | sort ;;
	terminate) normalize <"$PY/$1.out" | grep -v ' is running$' ;;
	*) normalize <"$PY/$1.out" ;;
	esac
}

pane_matches() {
	local order=cat
	case "$1" in sleeper|pid|name) order=sort ;; esac
	[ "$(pane_height)" -gt 0 ] && [ -n "$(pane_lines)" ] &&
		[ "$(pane_lines | $order)" = "$(python_lines "$1" | tail -n "$(pane_height)")" ]
}

# holds_over SECONDS CMD...: CMD succeeds on every try during the window.
holds_over() {
	local deadline=$(($(_now_ms) + $1 * 1000))
	shift
	while [ "$(_now_ms)" -lt "$deadline" ]; do
		"$@" || return 1
		sleep 0.1
	done
}

# The line after which nothing more is printed.
last_line() {
	case "$1" in
	sleeper) echo 'is done' ;; subclass|terminate) echo '^主$' ;; join-trio) echo '^主 ' ;;
	isolation) echo '^主 100' ;; pid) echo '子进程\[' ;; name) echo 'is running' ;;
	daemon) echo '^AssertionError' ;;
	esac
}

for d in $LESSON_DEMOS; do
	if [ "$have_python" = 0 ]; then
		pass "$d: the main pane shows what python3 prints (skipped: no python3)"
		continue
	fi
	tm_start -y 60 "$FORKTOP" -d 5 --demo "$d"
	wait_screen "$(last_line "$d")" 15 >/dev/null
	track_tasks
	# A task still running is selected: its parent's row, forktop's, shows the terminal.
	if ! grep -q '^─ output: main' <<<"$LAST_SCREEN"; then
		tm_keys Up
		wait_screen '^─ output: main' >/dev/null
	fi
	if wait_until pane_matches "$d" && holds_over 1 pane_matches "$d"; then
		pass "$d: the main pane shows exactly what python3 prints (pids and times aside)"
	else
		fail "$d: the main pane shows exactly what python3 prints (pids and times aside)"
		diag "python3: $(tr '\n' '|' <"$PY/$d.out")"
		diag "pane:    $(pane_lines | tr '\n' '|')"
	fi
	quit_ending
done

# --- method 2 in the catalogue ----------------------------------------------------------

ok_if "--list-demos lists subclass (method 2: a Process subclass, joined before 主)" \
	eval '"$FORKTOP" --list-demos | grep -qE "^ *subclass +.*subclass"'

# --- the interpreter's exit: main joins its children, terminates the daemonic ones --------

tm_start -y 60 "$FORKTOP" -d 5 --demo sleeper
check_screen "sleeper: main has printed 主 and ends: it waits for its non-daemonic child" \
	'the main process waits for Process-1 pid [0-9]+ before it exits'
track_tasks
check_screen "sleeper: once 子进程 is done, main's exit joins it: every child joined" \
	'the main process has exited: every child joined' 10
ok_if "sleeper: the join at exit is logged as p.join() → None; p.exitcode → 0" \
	grep -qE 'join +Process-1 pid [0-9]+: exitcode 0 .*p\.join\(\) → None; p\.exitcode → 0' <<<"$LAST_SCREEN"
quit_ending

tm_start -y 60 "$FORKTOP" -d 5 --demo daemon
check_screen "daemon: at main's exit the daemonic 守护进程 is terminated, as multiprocessing's atexit does" \
	'SIGTERM sent to [0-9]+ \(守护进程\): daemonic, it ends with the main process'
track_tasks
check_screen "daemon: then joined: exitcode -15" 'join +守护进程 pid [0-9]+: exitcode -15'
quit_ending

# --- one authkey: the main process's, inherited by every task ----------------------------

# "NAME KEY" from the details dialog of the selected task.
details_key() {
	tm_keys Enter
	wait_screen 'authkey [0-9a-f]{64}' >/dev/null || return
	awk 'match($0, /task [^ ]+/) { n = substr($0, RSTART + 5, RLENGTH - 5) }
	     match($0, /authkey [0-9a-f]+/) { k = substr($0, RSTART + 8, RLENGTH - 8) }
	     /authkey [0-9a-f]+  \(main.s, inherited\)/ { i = "inherited" }
	     END { print n, k, i }' <<<"$LAST_SCREEN"
	tm_keys Escape
	wait_no_screen 'authkey [0-9a-f]{64}' >/dev/null
}

tm_start -y 60 "$FORKTOP" -d 50 --demo join-trio
wait_screen 'Process-3 \(sleeper\)' >/dev/null
track_tasks
read -r n1 k1 i1 <<<"$(details_key)"
tm_keys Up
read -r n2 k2 _ <<<"$(details_key)"
if [ -n "${k1:-}" ] && [ "${k1:-}" = "${k2:-}" ] && [ "${n1:-}" != "${n2:-}" ] &&
	[ "${i1:-}" = inherited ]; then
	pass "details: $n1 and $n2 show the same authkey, the main process's (inherited)"
else
	fail "details: two tasks show the same authkey, the main process's (inherited)"
	diag "${n1:-?} ${k1:-?} / ${n2:-?} ${k2:-?}"
fi
quit_ending

# --- rows of tasks agree with the task table at every frame (cpu demo) -----------------

# One capture: no joined (reaped) task still shows as a process row, and as many rows
# say "● running" as the header counts alive tasks.
rows_consistent() {
	local scr alive rows
	scr=$(tm_capture)
	alive=$(grep -oE 'tasks [0-9]+ \([0-9]+ alive\)' <<<"$scr" | grep -oE '\([0-9]+' | tr -d '(')
	rows=$(grep -cE '^ *[0-9]+ .*● running' <<<"$scr")
	if grep -qE '^ *[0-9]+ .*✓ joined' <<<"$scr" ||
		{ [ -n "$alive" ] && [ "$alive" != "$rows" ]; }; then
		BAD_SCREEN=$scr
		return 1
	fi
}

# On its own tree (--pid itself): on a busy machine the tasks' rows would otherwise be
# spread over thousands of rows, some off the page.
tm_start -y 60 sh -c 'exec "$0" --pid $$ -d 5 --demo cpu' "$FORKTOP"
wait_screen 'cpu\)' >/dev/null
track_tasks
ok=1
deadline=$(($(_now_ms) + 40000))
while [ "$(_now_ms)" -lt "$deadline" ]; do
	# (one capture may catch a frame half drawn: the next one, taken at once, must agree)
	rows_consistent || rows_consistent || { ok=0; break; }
	grep -qE 'twice as many workers: [0-9.]+ s' <<<"$(tm_capture)" && break
done
track_tasks
if [ "$ok" = 1 ] && [ "$(_now_ms)" -lt "$deadline" ]; then
	pass "cpu: at every frame no joined task shows as a process and every alive task has its row"
else
	fail "cpu: at every frame no joined task shows as a process and every alive task has its row"
	diag "$(grep -E 'tasks [0-9]|● running|✓ joined' <<<"${BAD_SCREEN:-}" | head -12)"
fi
quit_ending

finish
