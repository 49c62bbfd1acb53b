#!/usr/bin/env bash
# screen.sh - the interactive screen: the tree of a process, moving the selection,
# collapsing and expanding, list mode, the help screen, the selection following its
# process while rows come and go, and a small terminal.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 30

# Rows are read as "pid ppid state ...": the columns PID, PPID, S first.
use_columns "$PPID_COLUMNS"
HEADER_RE='^ +PID +PPID S +CPU% +RES +THR +ELAPSED +COMMAND'

# Rows of the process table on the current screen, as "pid ppid rest..."
screen_rows() {
	tm_capture | awk 'NR > 2 && /^ *[0-9]+ +[0-9]+ [A-Z] /'
}

# A test tree: e2e-0 with three children, each with three children (13 processes).
root=$(spawn_tree -f 3 -d 2 -n e2e) || {
	fail "ftspawn -f 3 -d 2 built the test tree"
	exit 1
}
sub=$(proc_subtree "$root")
mapfile -t kids < <(awk '$3 == 1 { print $1 }' <<<"$sub" | sort -n)
c1=${kids[0]} c2=${kids[1]} c3=${kids[2]}
mapfile -t g1 < <(awk -v p="$c1" '$2 == p { print $1 }' <<<"$sub" | sort -n)
mapfile -t g3 < <(awk -v p="$c3" '$2 == p { print $1 }' <<<"$sub" | sort -n)
all_pids=$(awk '{ print $1 }' <<<"$sub")
name1=$(proc_cmdline "$c1") name2=$(proc_cmdline "$c2") name3=$(proc_cmdline "$c3")

tm_start "$FORKTOP" -d 2 --pid "$root"

# 1
check_screen "the screen shows the root process e2e-0 with its pid" \
	"^ *$root +[0-9]+ S .*  e2e-0\$"

# 2: each child with its name (e2e-0.N) and a connector; the last child gets the corner.
if wait_screen "^ *$c3 +$root .*└─ $name3\$" &&
	last_has "^ *$c1 +$root .*├─ $name1\$" "^ *$c2 +$root .*├─ $name2\$"; then
	pass "the children show with their pids, names ($name1...) and connectors ├─ └─"
else
	fail "the children show with their pids, names ($name1...) and connectors ├─ └─"
	diag_screen
fi

# 3: every one of the 13 processes, grandchildren indented under a │ rail.
shown=$(screen_rows | awk '{ print $1 }' | sort -n | tr '\n' ' ')
want=$(sort -n <<<"$all_pids" | tr '\n' ' ')
if [ "$shown" = "$want" ] && grep -qE "^ *${g1[0]} +$c1 .*│  ├─ " <<<"$(tm_capture)"; then
	pass "all 13 processes are shown, grandchildren under a │ rail"
else
	fail "all 13 processes are shown, grandchildren under a │ rail"
	diag "shown: $shown" "want:  $want"
	diag_screen
fi

# 4
check_selected "the root is selected at start" "$root"

# 5
tm_keys Down
check_selected "Down selects the first child" "$c1"

# 6: collapse the first child.
tm_keys -
if wait_screen "^ *$c1 +$root .*├\+ $name1  \[\+3\]\$" &&
	wait_no_screen "^ *(${g1[0]}|${g1[1]}|${g1[2]}) "; then
	pass "- collapses the selected branch: its 3 children vanish, ├+ and [+3] show"
else
	fail "- collapses the selected branch: its 3 children vanish, ├+ and [+3] show"
	diag_screen
fi

# 7
check_selected "the collapsed process stays selected" "$c1"

# 8: expand it again.
tm_keys +
if wait_screen "^ *${g1[2]} +$c1 " && wait_no_screen '\[\+[0-9]+\]'; then
	pass "+ expands the branch: the children are back, no [+N] left"
else
	fail "+ expands the branch: the children are back, no [+N] left"
	diag_screen
fi

# 9: collapse the three children one after the other (Down walks over collapsed rows).
tm_keys -
wait_screen "$name1  \[\+3\]\$" >/dev/null
tm_keys Down -
wait_screen "$name2  \[\+3\]\$" >/dev/null
tm_keys Down -
if wait_screen "└\+ $name3  \[\+3\]\$" && [ "$(screen_rows | wc -l)" -eq 4 ] &&
	[ "$(grep -cE '\[\+3\]$' <<<"$LAST_SCREEN")" -eq 3 ]; then
	pass "three branches collapsed: 4 rows, three [+3], the last one └+"
else
	fail "three branches collapsed: 4 rows, three [+3], the last one └+"
	diag_screen
fi

# 10
tm_keys '*'
if wait_no_screen '\[\+[0-9]+\]' && wait_until eval '[ "$(screen_rows | wc -l)" -eq 13 ]'; then
	pass "* expands every branch: 13 rows again"
else
	fail "* expands every branch: 13 rows again"
	diag_screen
fi

# 11-14: moving.
tm_keys End
check_selected "End selects the last process (the last grandchild)" "${g3[2]}"
tm_keys Home
check_selected "Home selects the first process (the root)" "$root"
tm_keys Down Down Up
check_selected "Down Down Up selects the first child" "$c1"
tm_keys NPage
check_selected "PgDn on a short tree selects the last process" "${g3[2]}"

# 15: list mode.
tm_keys Home t
if wait_screen '^list sorted by PID' && wait_screen '^F1Help F2Setup F3Search F4Filter F5List' &&
	wait_until eval '[ "$(screen_rows | awk "{ print \$1 }" | tr "\n" " ")" = "$want" ]' &&
	! grep -qE '[├└│]|\|-|\\-' <<<"$(tm_capture)"; then
	pass "t shows the list: sorted by pid, no connectors, 'F5List' in the key bar"
else
	fail "t shows the list: sorted by pid, no connectors, 'F5List' in the key bar"
	diag "want pids in order: $want"
	diag_screen "$(tm_capture)"
fi

# 16
tm_keys -
check_screen "- in list mode says the tree is needed" '^list mode: press t or F5 for the tree'

# 17
tm_keys t
if wait_screen "└─ $name3\$" && wait_screen '^F1Help F2Setup F3Search F4Filter F5Tree'; then
	pass "t again returns to the tree with its connectors"
else
	fail "t again returns to the tree with its connectors"
	diag_screen
fi

# 18-20: help.
tm_keys '?'
if wait_screen 'collapse the selected branch' && wait_screen 'expand every branch' &&
	wait_screen '^ +F10 q +quit' && wait_screen '^Press any key to return'; then
	pass "? shows the help screen with the keys and what they do"
else
	fail "? shows the help screen with the keys and what they do"
	diag_screen
fi
tm_keys x
if wait_screen "$HEADER_RE" && wait_no_screen 'Press any key to return'; then
	pass "any key leaves the help screen"
else
	fail "any key leaves the help screen"
	diag_screen
fi
tm_keys F1
wait_screen 'Press any key to return' >/dev/null
tm_keys q
if wait_screen "$HEADER_RE" && tm_alive; then
	pass "F1 opens the help; q there only closes the help, forktop keeps running"
else
	fail "F1 opens the help; q there only closes the help, forktop keeps running"
	diag_screen
fi

# 21: a process that ended but was not reaped shows as a zombie.
safe_kill TERM "${g1[0]}"
check_screen "a child killed but not reaped stays in the tree as a zombie (state Z)" \
	"^ *${g1[0]} +$c1 Z .*├─ "

# 22: the whole tree ends.
safe_kill_group TERM "$root"
check_screen "when the --pid process ends the screen says so" \
	"(process $root has ended|the process has ended)"

# --- The selection follows its process while rows come and go. -------------------------
# A hub: a bash whose children come and go on request (bash reaps them, so they vanish):
# "sub" (a bash subshell that starts sleeps when told) and the sleeps the hub starts.
cat >"$E2E_TMP/hub.sh" <<'EOF'
dir=$1
exec 3<>"$dir/hub.in" 4<>"$dir/sub.in"
(
	exec 3<&-
	while read -r cmd <&4; do
		[ "$cmd" = spawn ] && { sleep 1000 & }
	done
) &
echo "$!" >"$dir/sub.pid"
while read -r cmd <&3; do
	[ "$cmd" = spawn ] && { sleep 1000 & echo "$!" >"$dir/last.pid"; }
done
EOF
mkfifo "$E2E_TMP/hub.in" "$E2E_TMP/sub.in"
setsid bash "$E2E_TMP/hub.sh" "$E2E_TMP" </dev/null >/dev/null 2>&1 &
hub=$!
hub_ready() { [ -s "$E2E_TMP/sub.pid" ]; }
if wait_until hub_ready && [ "$(awk '{ sub(/.*\) /, ""); print $3 }' "/proc/$hub/stat")" = "$hub" ]; then
	track_group "$hub"
	hubsub=$(cat "$E2E_TMP/sub.pid")
else
	hubsub=
fi
echo spawn >"$E2E_TMP/hub.in"
last_ready() { [ -s "$E2E_TMP/last.pid" ]; }
wait_until last_ready
last=$(cat "$E2E_TMP/last.pid" 2>/dev/null)

tm_start "$FORKTOP" -d 2 --pid "$hub"
wait_screen "^ *$last +$hub .*└─ sleep 1000\$" >/dev/null
# 23
tm_keys End
check_selected "End selects the hub's last child (a sleep)" "$last"

# 24: three processes appear above the selected row.
echo spawn >"$E2E_TMP/sub.in"
echo spawn >"$E2E_TMP/sub.in"
echo spawn >"$E2E_TMP/sub.in"
if WAIT_FOR=10 wait_until eval '[ "$(screen_rows | awk -v s="$hubsub" "\$2 == s" | wc -l)" -eq 3 ]'; then
	check_selected "rows appearing above it leave the selection on the same process" "$last"
else
	fail "rows appearing above it leave the selection on the same process"
	diag "the three new sleeps under $hubsub never showed"
	diag_screen
fi

# 25: the sibling above and its children end (and are reaped): rows vanish above.
subkids=$(proc_table | awk -v s="$hubsub" '$2 == s { print $1 }')
for p in $subkids; do safe_kill TERM "$p"; done
[ -n "$hubsub" ] && safe_kill TERM "$hubsub"
if wait_no_screen "^ *$hubsub "; then
	check_selected "rows vanishing above it leave the selection on the same process" "$last"
else
	fail "rows vanishing above it leave the selection on the same process"
	diag "the killed sibling $hubsub never vanished"
	diag_screen
fi

# 26: more processes start, now below the selection.
echo spawn >"$E2E_TMP/hub.in"
if wait_until eval '[ "$(screen_rows | awk -v h="$hub" "\$2 == h" | wc -l)" -eq 2 ]'; then
	check_selected "a new sibling below leaves the selection on the same process" "$last"
else
	fail "a new sibling below leaves the selection on the same process"
	diag_screen
fi

# 27: the selected process ends: the selection moves to its parent.
safe_kill TERM "$last"
if wait_no_screen "^ *$last "; then
	check_selected "when the selected process ends its parent is selected" "$hub"
else
	fail "when the selected process ends its parent is selected"
	diag "the killed process $last never vanished"
	diag_screen
fi

# --- A small terminal. --------------------------------------------------------------------
# 28-30
tm_start -x 40 -y 12 "$FORKTOP" -d 2 --pid "$hub"
if wait_screen '^ forktop 0\.1\.0' && wait_screen '^ +PID S +CPU% +RES +COMMAND' &&
	wait_screen "^ *$hub S .* bash "; then
	pass "40x12: the header, the columns that fit and the rows show"
else
	fail "40x12: the header, the columns that fit and the rows show"
	diag_screen
fi
lines=$(tm_capture)
if [ "$(tail -n 1 <<<"$lines" | cut -c1-39)" = "F1Help F2Setup F3Search F4Filter F5Tree" ]; then
	pass "40x12: the key bar is on the last line"
else
	fail "40x12: the key bar is on the last line"
	diag_screen "$lines"
fi
if [ "$(wc -L <<<"$lines")" -le 40 ] && tm_alive; then
	pass "40x12: no line is wider than the terminal"
else
	fail "40x12: no line is wider than the terminal"
	diag_screen "$lines"
fi

finish
