#!/usr/bin/env bash
# columns.sh - htop's columns: the default set at 120x40 and 80x24, the values of USER,
# NI, TIME+ and IO_W for processes the test started, columns added, removed and saved in
# the setup screen, forktoprc's order on screen, and F6's sort menu.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 17

tag=co$$x

# cell_of PID HEADING: the cell under HEADING on PID's row of the last screen (headings
# and cells hold no blank; COMMAND, the last column, may).
cell_of() {
	awk -v p="$1" -v h="$2" '
		!col && /^ +PID / { for (i = 1; i <= NF; i++) if ($i == h) col = i; next }
		col && $1 == p { print $col; exit }' <<<"$LAST_SCREEN"
}

# cells_are PID "HEADING..." "WANT": on a fresh capture, the cells of PID's row under
# those headings, blank-separated, are WANT.
cells_are() {
	local h got=
	LAST_SCREEN=$(tm_capture)
	for h in $2; do got="$got${got:+ }$(cell_of "$1" "$h")"; done
	[ "$got" = "$3" ]
}

# TIME+ as hundredths of a second: "1:02.03" -> 6203, "1:02:03" -> 372300.
time_cs() {
	awk -F '[:.]' 'index($0, ".") { print ($1 * 60 + $2) * 100 + $3; next }
		NF == 3 { print ($1 * 3600 + $2 * 60 + $3) * 100 }' <<<"$1"
}

# The test's processes: a tree, a sleep at nice 5, a busy loop, and, as root, a sleep of
# the user nobody (as another user, the test's own user).
root=$(spawn_tree -f 3 -d 1 -n "$tag") || {
	fail "ftspawn built the test tree"
	exit 1
}
mapfile -t kids < <(awk -v p="$root" '$2 == p { print $1 }' <<<"$(proc_subtree "$root")" | sort -n)
setsid nice -n 5 sleep 1001 </dev/null >/dev/null 2>&1 &
niced=$!
track_group "$niced"
setsid bash -c 'while :; do :; done' </dev/null >/dev/null 2>&1 &
busy=$!
track_group "$busy"
user=$(id -un)
owned=$niced
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	setsid setpriv --reuid=65534 --regid=65534 --clear-groups sleep 1002 </dev/null \
		>/dev/null 2>&1 &
	owned=$!
	track_group "$owned"
	user=$(getent passwd 65534 | cut -d: -f1)
	wait_until eval '[ "$(stat -c %u /proc/$owned 2>/dev/null)" = 65534 ]'
fi

# 1-4: the default columns at 120x40, with what they show of the test's processes.
tm_start "$FORKTOP" -d 5
if wait_screen "$DEFAULT_HEADER_RE"; then
	pass "120x40: htop's columns: PID USER PRI NI VIRT RES SHR S CPU% MEM% TIME+ COMMAND"
else
	fail "120x40: htop's columns: PID USER PRI NI VIRT RES SHR S CPU% MEM% TIME+ COMMAND"
	diag_screen
fi
tm_start "$FORKTOP" -d 5 --pid "$owned"
if wait_until cells_are "$owned" USER "$user"; then
	pass "USER shows the user of a process the test started ($user)"
else
	fail "USER shows the user of a process the test started ($user)"
	diag_screen
fi
tm_start "$FORKTOP" -d 5 --pid "$niced"
if wait_until cells_are "$niced" "NI PRI" "5 25"; then
	pass "NI of a process started with nice -n 5 shows 5, PRI 25"
else
	fail "NI of a process started with nice -n 5 shows 5, PRI 25"
	diag_screen
fi
tm_start "$FORKTOP" -d 5 --pid "$busy"
wait_screen "^ *$busy " >/dev/null
t1=$(time_cs "$(cell_of "$busy" TIME+)")
grown() {
	LAST_SCREEN=$(tm_capture)
	[ "$(time_cs "$(cell_of "$busy" TIME+)")" -gt "$((t1 + 50))" ]
}
if [ -n "$t1" ] && wait_until grown; then
	pass "TIME+ of a busy process grows (from $(cell_of "$busy" TIME+) on)"
else
	fail "TIME+ of a busy process grows (was '$t1')"
	diag_screen
fi
safe_kill_group KILL "$busy"

# 5-6: at 80x24 the least useful columns give way to the command (PRI, SHR, VIRT).
tm_start -x 80 -y 24 "$FORKTOP" -d 5 --pid "$root"
check_screen "80x24: PID USER NI RES S CPU% MEM% TIME+ COMMAND" \
	'^ +PID USER +NI +RES S +CPU% MEM% +TIME\+  COMMAND$'
check_screen "80x24: the commands stay readable (the last child's whole)" \
	"^ *${kids[2]} .* └─ $tag-0\\.3\$"

# 7-11: the setup screen: remove VIRT, add PPID after the column selected, save, and
# forktop starts again with them in that order.
tm_start "$FORKTOP" -d 5 --pid "$root"
wait_screen "$DEFAULT_HEADER_RE" >/dev/null
tm_keys S Up Up		# the columns line: second from the end (Up wraps)
check_screen "setup: the columns line says its keys" \
	'Left/Right select a column, \[ \] or F7/F8 move it, x or F9 removes it'
tm_keys Right Right Right Right
wait_screen 'columns +PID USER PRI NI \[VIRT\] RES' >/dev/null
tm_keys x
if wait_screen 'columns +PID USER PRI NI \[RES\] SHR' && tm_keys Escape &&
	wait_screen '^ +PID USER +PRI +NI +RES +SHR S +CPU% MEM% +TIME\+  COMMAND$'; then
	pass "setup: x removes VIRT: the screen shows it no more"
else
	fail "setup: x removes VIRT: the screen shows it no more"
	diag_screen
fi
tm_keys S Up			# the add line: the last
wait_screen 'add column +< VIRT: ' >/dev/null
tm_keys Right
wait_screen 'add column +< PPID: ' >/dev/null
tm_keys Enter
if wait_screen 'columns +PID \[PPID\] USER PRI' && tm_keys Escape &&
	wait_screen '^ +PID +PPID USER +PRI +NI +RES +SHR S +CPU% MEM% +TIME\+  COMMAND$' &&
	wait_screen "^ *${kids[0]} +$root .*├─ $tag-0\\.1\$"; then
	pass "setup: Enter adds PPID after the column selected: it shows the parents"
else
	fail "setup: Enter adds PPID after the column selected: it shows the parents"
	diag_screen
fi
tm_keys S s
rc=$XDG_CONFIG_HOME/forktop/forktoprc
if wait_screen "saved in " && grep -qx 'columns = PID,PPID,USER,PRI,NI,RES,SHR,S,CPU,MEM,TIME,TASK,COMMAND' "$rc"; then
	pass "setup: s saves the columns in forktoprc in the screen's order"
else
	fail "setup: s saves the columns in forktoprc in the screen's order"
	diag "forktoprc: $(cat "$rc" 2>&1)"
fi
tm_start "$FORKTOP" -d 5 --pid "$root"
check_screen "started again: the saved columns in their order" \
	'^ +PID +PPID USER +PRI +NI +RES +SHR S +CPU% MEM% +TIME\+  COMMAND$'

# 12-13: forktoprc's order is the screen's, at 120x40 and 80x24: COMMAND first.
use_columns COMMAND,PID,S
tm_start "$FORKTOP" -d 5 --pid "$root"
if wait_screen '^COMMAND +PID S$' && wait_screen "^└─ $tag-0\\.3 +${kids[2]} S$"; then
	pass "forktoprc columns = COMMAND,PID,S: that order on screen (120x40)"
else
	fail "forktoprc columns = COMMAND,PID,S: that order on screen (120x40)"
	diag_screen
fi
tm_resize 80 24
if wait_screen '^COMMAND {68}PID S$' && wait_screen "^$tag-0 +$root S$"; then
	pass "and at 80x24, the command as wide as the others leave"
else
	fail "and at 80x24, the command as wide as the others leave"
	diag_screen
fi

# 14-15: F6, the sort menu: every column; NI chosen sorts the children by their nice
# values (started in the other order).
setsid bash -c 'nice -n 3 sleep 1003 & nice -n 1 sleep 1004 & nice -n 2 sleep 1005 & wait' \
	</dev/null >/dev/null 2>&1 &
nroot=$!
track_group "$nroot"
nkids() { mapfile -t nk < <(awk -v p="$nroot" '$2 == p { print $1 }' <<<"$(proc_table)" | sort -n); [ "${#nk[@]}" -eq 3 ]; }
wait_until nkids
use_columns PID,USER,PRI,NI,S,CPU,TIME,COMMAND
tm_start "$FORKTOP" -d 5 --pid "$nroot"
wait_screen "^ *${nk[2]} .*└─ sleep 1005\$" >/dev/null
tm_keys F6
if wait_screen ' Sort by' && wait_screen 'Up/Down, Enter sorts, Esc closes' &&
	wait_screen '\* PID +process id' &&
	wait_screen 'IO_W +bytes/s written to storage .*\(not shown\)'; then
	pass "F6 opens the sort menu: the columns shown (PID marked as sorted by), then the others"
else
	fail "F6 opens the sort menu: the columns shown (PID marked as sorted by), then the others"
	diag_screen
fi
tm_keys Down Down Down Enter		# PID USER PRI NI
if wait_screen 'sorted by NI, smallest first' &&
	wait_until eval '[ "$(tm_capture | awk -v a="${nk[0]}" -v b="${nk[1]}" -v c="${nk[2]}" \
		"\$1 == a || \$1 == b || \$1 == c { print \$1 }" | tr "\n" " ")" = "${nk[1]} ${nk[2]} ${nk[0]} " ]'; then
	pass "Enter on NI sorts by it: the children nice 1, 2, 3 in that order, not by pid"
else
	fail "Enter on NI sorts by it: the children nice 1, 2, 3 in that order, not by pid"
	diag_screen
fi

# 16-17: IO_W of a process writing to a file (storage, not tmpfs, counts write_bytes).
dir=$E2E_TMP
[ "$(stat -f -c %T "$dir")" != tmpfs ] || dir=$(mktemp -d "$PWD/forktop-io.XXXXXX")
setsid bash -c 'while :; do printf "%065536d" 0 >"$1"; sleep 0.05; done' _ "$dir/io.out" \
	</dev/null >/dev/null 2>&1 &
writer=$!
track_group "$writer"
use_columns PID,USER,IO_R,IO_W,S,COMMAND
tm_start "$FORKTOP" -d 5 --pid "$writer"
rate_shown() {
	LAST_SCREEN=$(tm_capture)
	local r
	r=$(cell_of "$writer" IO_W)
	[[ $r =~ ^[0-9.]+[BKMG]$ ]]
}
if wait_until rate_shown; then
	pass "IO_W of a process writing a file shows its rate ($(cell_of "$writer" IO_W)/s)"
else
	fail "IO_W of a process writing a file shows its rate ('$(cell_of "$writer" IO_W)')"
	diag "write_bytes: $(grep write_bytes "/proc/$writer/io" 2>&1)"
	diag_screen
fi
ok_if "IO_R of it (no reads from storage) shows 0" eval '[ "$(cell_of "$writer" IO_R)" = 0 ]'
safe_kill_group KILL "$writer"
[ "$dir" = "$E2E_TMP" ] || rm -rf "$dir"

finish
