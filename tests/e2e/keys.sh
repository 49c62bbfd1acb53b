#!/usr/bin/env bash
# keys.sh - htop's keys with htop's meaning, on processes this test starts: F7/F8 renice
# (read back from /proc), u shows one user's processes, a sets the CPU affinity, F follows
# a process, F2 opens the setup, O hides the panes, a key that does nothing says so; and
# the screen at 80x24: meters, 12 tree rows with readable commands, the whole F1-F10 bar,
# a dialog as wide as the screen.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 14

tag=k$$
# The test's tree: a root running two sleeps named for the run, one as root, one as
# nobody (uid 65534).
setsid bash -c "exec -a $tag-root bash -c '(exec -a $tag-mine sleep 300) & setpriv \
--reuid=65534 --regid=65534 --clear-groups bash -c \"exec -a $tag-nobody sleep 300\" & \
exec -a $tag-wait sleep 300'" &
root=$!
track_group "$root"
# Each child is known once it runs sleep as its user: a child still forking, or not yet
# through setpriv, would leave mine or theirs empty (and ^ *$mine matching any row).
kids_up() {
	mine=$(pgrep -P "$root" -u 0 -x sleep)
	theirs=$(pgrep -P "$root" -u 65534 -x sleep)
	[[ $mine =~ ^[0-9]+$ && $theirs =~ ^[0-9]+$ ]]
}
wait_until kids_up || diag "the test's children did not start"

nice_of() { awk '{ sub(/.*\) /, ""); print $17 }' "/proc/$1/stat"; }
ncpu=$(grep -c '^cpu[0-9]' /proc/stat)

tm_start "$FORKTOP" -d 5 --pid "$root"
wait_screen "^ *$mine " >/dev/null

# Selects the row of PID (Down from the top until it is selected).
select_pid() {
	local i
	tm_keys Home
	for ((i = 0; i < 6; i++)); do
		wait_selected "$1" 1 && return 0
		tm_keys Down
	done
	wait_selected "$1" 1
}

# 1-2: F8 then F7 (htop's Nice + and Nice -), read back from /proc.
select_pid "$mine"
n0=$(nice_of "$mine")
tm_keys F8
nice_is() { [ "$(nice_of "$1")" = "$2" ]; }
if wait_until nice_is "$mine" $((n0 + 1)) && wait_screen "$mine: nice $n0 -> $((n0 + 1))"; then
	pass "F8: nice $n0 -> $((n0 + 1)) in /proc/$mine/stat, and said"
else
	fail "F8: nice $n0 -> $((n0 + 1)) in /proc/$mine/stat, and said (now $(nice_of "$mine"))"
	diag_screen
fi
tm_keys F7 F7
ok_if "F7 twice: nice $((n0 - 1)) (a higher priority: root may)" \
	wait_until nice_is "$mine" $((n0 - 1))

# 3-4: u: a list of the users present; picking nobody shows only nobody's processes
# (with the ancestors that lead to them in the tree).
tm_keys u
check_screen "u lists the users present: nobody and root" ' nobody +uid 65534'
tm_keys Home Down Enter	# by name: all users, nobody, root
if wait_screen "^ *$theirs " && screen_never "^ *$mine " 1; then
	pass "u nobody: nobody's sleep shows, root's sleep does not (watched for 1 s)"
else
	fail "u nobody: nobody's sleep shows, root's sleep does not"
	diag_screen
fi
tm_keys u Home Enter
wait_screen "^ *$mine " >/dev/null

# 5: a: untick core 1, Enter: the process may run on core 0 only.
select_pid "$mine"
tm_keys a
if [ "$ncpu" -lt 2 ]; then
	check_screen "a: the affinity picker lists the one core" '\[x\] CPU 0'
	tm_keys Escape
else
	wait_screen '\[x\] CPU 1' >/dev/null
	tm_keys Down Space Enter
	allowed() { grep -q '^Cpus_allowed_list:[[:space:]]*0$' "/proc/$mine/status"; }
	if wait_until allowed && wait_screen "$mine may run on 1 core"; then
		pass "a: CPU 1 unticked, Enter: /proc/$mine/status says Cpus_allowed_list 0"
	else
		fail "a: CPU 1 unticked, Enter: Cpus_allowed_list 0"
		diag "$(grep Cpus_allowed_list "/proc/$mine/status")"
		diag_screen
	fi
fi

# 6-7: F follows the selected process; a cursor key stops it; its end is said.
tm_keys F
check_screen "F: following the selected process, said" "following $mine"
tm_keys Down
check_screen "a cursor key stops following" 'no longer following \(the cursor moved\)'

# 8: F2 is htop's Setup.
tm_keys F2
check_screen "F2 opens the setup screen" ' Setup +\('
tm_keys Escape

# 9: a key bound to nothing says so.
tm_keys Z
check_screen "a key that does nothing says why: 'Z' does nothing here" \
	"'Z' does nothing here: F1 or \\? lists the keys"

# 10-11: O hides the panes and shows them again (a task gives an output pane).
new_command "sleep 300"
wait_screen '(^| )output: ' 5 >/dev/null
tm_keys O
if wait_screen 'output pane and event log hidden: O shows them' &&
	screen_never '(^| )output: ' 1; then
	pass "O hides the output pane and the event log (none over 1 s)"
else
	fail "O hides the output pane and the event log"
	diag_screen
fi
tm_keys O
check_screen "O again shows them" '(^| )output: '

# 12-13: 80x24: meters, 12 or more tree rows with the commands readable, the key bar whole.
tm_resize 80 24
rows_ok() {
	LAST_SCREEN=$(tm_capture)
	local n
	n=$(awk '/^ +PID +/ { t = 1; next } t && /^ *[0-9]+ /' <<<"$LAST_SCREEN" | wc -l)
	[ "$n" -ge 3 ] && grep -q '^ *1\[' <<<"$LAST_SCREEN" && grep -q "$tag-nobody 300\$" <<<"$LAST_SCREEN"
}
tree_room() {
	LAST_SCREEN=$(tm_capture)
	local top bottom
	top=$(column_header_at "$LAST_SCREEN")
	bottom=$(awk '/(^| )output: / { print NR - 1; exit }' <<<"$LAST_SCREEN")
	[ -n "$top" ] && [ -n "$bottom" ] && [ $((bottom - top - 1)) -ge 12 ]
}
if wait_until rows_ok && wait_until tree_room && rows_ok; then
	pass "80x24: meters on top, 12 or more tree rows above the panes, commands whole"
else
	fail "80x24: meters on top, 12 or more tree rows above the panes, commands whole"
	diag_screen
fi
check_screen "80x24: the key bar shows htop's F1 to F10" \
	'^F1Help F2Setup F3Search F4Filter F5Tree F6SortBy F7Nice- F8Nice\+ F9Kill F10Quit'

# 14: 80x24: the New task dialog takes the whole width, so the hint of args (78 cells)
# shows whole, not cut at 76 with the screen's edges beside it.
new_dialog
tm_keys Down Down
check_screen "80x24: a dialog takes the whole width: the args hint is whole" \
	"^ +Python literals, separated by commas: '子进程1', 3  \\('text', 1\\.5, True, None\\)\$"
tm_keys Escape

# The task ends with forktop: q, then "e" (end them) in a read of its own.
quit_ending || diag "forktop did not quit"

finish
