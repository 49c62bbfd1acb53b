#!/usr/bin/env bash
# lesson.sh - the lesson's programs as python3 prints them: the main pane shows exactly
# what the program prints, p.join() returns None, join(0) returns at once, the subclass
# demo (method 2), the interpreter's exit (atexit joins), pool worker names, one authkey,
# and task rows consistent with the scan.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 3

# Quits forktop like a user: q, and "e" (end them) when the quit dialog asks.
quit_ending() {
	tm_keys q
	if wait_screen 'Quit: tasks are still running' 2; then
		tm_keys e
	fi
	WAIT_FOR=15 wait_until eval '! tm_alive'
}

# Every task row on the screen leads its own process group: cleaned up at the end.
track_tasks() {
	local p
	for p in $(tm_capture | awk '/(● running|■ stopped|Z exited|✓ joined|✗ -)/ { print $1 }'); do
		track_group "$p"
	done
}

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

finish
