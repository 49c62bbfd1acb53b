#!/usr/bin/env bash
# reuse.sh - a pid reused between the moment the user picks a process and the moment
# the signal goes: forktop sends nothing and says what happened. Runs in a PID namespace
# of its own (unshare --pid --fork --mount-proc) where the next pid can be chosen
# (/proc/sys/kernel/ns_last_pid), so the reuse is certain, not a matter of luck.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 9

# Rows are read as "pid ppid state ...": the columns PID, PPID, S first.
use_columns "$PPID_COLUMNS"

if ! command -v unshare >/dev/null || ! command -v nsenter >/dev/null ||
	! unshare --pid --fork --mount-proc true 2>/dev/null; then
	for i in 1 2 3 4 5 6 7 8 9; do echo "ok $i # SKIP no PID namespaces here (unshare)"; done
	_tap_n=9
	exit 0
fi

# The namespace's init is bash: it reaps its children (and orphans) while forktop runs in
# the foreground, so a pid that ends is free again at once.
cat >"$E2E_TMP/inner.sh" <<'EOF'
dir=$1 forktop=$2
sleep 1000 &
echo "$!" >"$dir/old.pid"
"$forktop" -d 2 --pid "$!"
EOF

old_ready() { [ -s "$E2E_TMP/old.pid" ]; }
# The namespace's init (bash), as this side sees it: the child of unshare.
init_of_ns() { nsinit=$(awk -v p="$upid" '$2 == p { print $1; exit }' < <(proc_table)); [ -n "$nsinit" ]; }

# forktop --pid on a sleep, in a new namespace; old: the sleep's pid there.
ns_start() {
	rm -f "$E2E_TMP/old.pid"
	tm_start unshare --pid --fork --mount-proc bash "$E2E_TMP/inner.sh" "$E2E_TMP" "$FORKTOP"
	wait_until old_ready
	old=$(cat "$E2E_TMP/old.pid" 2>/dev/null)
	[ "$old" -gt 1 ] 2>/dev/null || old=
	upid=$(tm_pane_pid)
	wait_until init_of_ns
	track_group "$upid"
}

# Inside the namespace: a command run by its own shell, /proc being the namespace's.
in_ns() {
	nsenter -t "$nsinit" -p -m sh -c "$1"
}

# reuse_old SECONDS: the sleep $old ends and its pid goes to a new `sleep SECONDS`; prints
# the new process's pid.
reuse_old() {
	in_ns "
	kill -TERM $old
	i=0; while [ -e /proc/$old ] && [ \$i -lt 200 ]; do sleep 0.01; i=\$((i + 1)); done
	echo $((old - 1)) >/proc/sys/kernel/ns_last_pid
	setsid sleep $1 </dev/null >/dev/null 2>&1 &
	echo \$!"
}

ns_start

# 1
check_screen "forktop in the namespace shows the sleep $old" "^ *$old +1 S .* sleep 1000\$"

# 2: the user opens the signal menu on it ...
tm_keys F9
check_screen "F9 opens the signal menu for $old" "Send a signal to $old "

# ... and meanwhile that sleep ends and its pid goes to a new process.
new=$(reuse_old 2000)
# 3
ok_if "the pid $old was reused by a new sleep (got ${new:-nothing})" [ "${new:-x}" = "$old" ]
new_start=$(in_ns "cut -d' ' -f22 /proc/$old/stat")

# 4: Enter sends TERM: refused, with the reason.
tm_keys Enter
check_screen "Enter: 'process $old is gone (pid now used by \`sleep\`)', nothing sent" \
	"process $old is gone \(pid now used by .sleep.\)"

# 5: the new process did not get the signal.
state=$(in_ns "cat /proc/$old/stat 2>/dev/null" | awk '{ sub(/.*\) /, ""); print $1, $20 }')
ok_if "the new sleep $old is alive and untouched (state S, same start time)" \
	[ "$state" = "S $new_start" ]

tm_keys q
wait_ended 5

# --pid follows the process, not the number: once the root ends and a new process is given
# its pid, forktop says the root has ended and never shows the stranger as the root.
ns_start
# 6
check_screen "forktop --pid $old shows the sleep as its root" "^ *$old +1 S .* sleep 1000\$"
new=$(reuse_old 3000)
# 7
ok_if "the pid $old was reused by a new sleep (got ${new:-nothing})" [ "${new:-x}" = "$old" ]
# 8
check_screen "the screen says process $old has ended" "process $old has ended"
# 9 (over a window: refreshes every 0.2 s)
check_never "the new process with pid $old is never shown as the root" "sleep 3000" 2
in_ns "kill -TERM $old" 2>/dev/null
tm_keys q
wait_ended 5
finish
