#!/usr/bin/env bash
# find.sh - htop's F3 search and F4 filter: the search selects the next process whose
# command holds the text, the filter shows only those (with their ancestors in the tree).
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 12

# Rows are read as "pid ppid state ...": the columns PID, PPID, S first.
use_columns "$PPID_COLUMNS"

# Two test trees of 4 processes each: fa-0 with fa-0.1 .. fa-0.3, and fb-0 likewise, their
# names unique to this run (another run of the suite may be filtering for its own).
A=fa$$x B=fb$$x
spawn_tree -f 3 -d 1 -n "$A" >"$E2E_TMP/a" && spawn_tree -f 3 -d 1 -n "$B" >"$E2E_TMP/b" || {
	fail "ftspawn built the two test trees"
	exit 1
}
ra=$(cat "$E2E_TMP/a") rb=$(cat "$E2E_TMP/b")
mapfile -t kb < <(awk -v p="$rb" '$2 == p { print $1 }' <<<"$(proc_subtree "$rb")" | sort -n)
kb2=$(awk -v want="$B-0.2" '{ for (i = 1; i <= NF; i++) if ($i == want) print $1 }' \
	<<<"$(ps -eo pid=,args=)")

# The whole machine: the filter has something to leave out.
tm_start "$FORKTOP" -d 5
wait_screen "^ *$ra .* $A-0\$" >/dev/null

# 1-3: F4 fb: only fb's processes and the ancestors leading to them.
tm_keys F4
tm_type "$B-"
if wait_screen "^Filter: $B-_" && wait_screen "^ *$rb .* $B-0\$" &&
	wait_no_screen "^ *$ra " && grep -qE "^ *${kb[2]} +$rb .*└─ $B-0\.3\$" <<<"$LAST_SCREEN"; then
	pass "F4 fb-: fa's processes vanish, fb-0 and its children stay with their connectors"
else
	fail "F4 fb-: fa's processes vanish, fb-0 and its children stay with their connectors"
	diag_screen
fi
ppid_b=$(awk '{ sub(/.*\) /, ""); print $2 }' "/proc/$rb/stat")
check_screen "the filtered tree keeps fb-0's parent ($ppid_b), which leads to it" "^ *$ppid_b "
tm_keys Enter
check_screen "Enter keeps the filter: the key bar says F4Filter[fb-]" "F4Filter\\[$B-\\]"

# 4: the list shows the matches alone.
tm_keys t
if wait_screen '^list sorted by PID' && wait_no_screen "^ *$ppid_b " &&
	[ "$(tm_capture | awk '/^ *[0-9]+ +[0-9]+ [A-Z] /' | wc -l)" -eq 4 ]; then
	pass "filtered list: fb's 4 processes alone, no ancestor"
else
	fail "filtered list: fb's 4 processes alone, no ancestor"
	diag_screen
fi
tm_keys t

# 5: Esc in the filter bar clears it.
tm_keys F4
wait_screen "^Filter: $B-_" >/dev/null
tm_keys Escape
if wait_screen "^ *$ra .* $A-0\$" && wait_screen '^filter cleared' &&
	wait_no_screen 'F4Filter\['; then
	pass "F4 then Esc clears the filter: fa's processes are back"
else
	fail "F4 then Esc clears the filter: fa's processes are back"
	diag_screen
fi

# 6-7: F3 search selects the match; F3 again the next one.
tm_keys Home F3
tm_type "$B-0."
check_selected "F3 fb-0. selects fb-0's first child as the text is typed" "${kb[0]}"
tm_keys F3
check_selected "F3 again selects the next match, fb-0.2" "$kb2"

# 8: nothing matches: said, and the selection stays.
tm_type zzz
if wait_screen "^Search: $B-0\\.zzz_  \\(no match\\)" && [ "$(selected_pid)" = "$kb2" ]; then
	pass "a search that matches nothing says (no match) and leaves the selection"
else
	fail "a search that matches nothing says (no match) and leaves the selection"
	diag_screen
fi

# 9: Enter closes the bar; the keys are back.
tm_keys Enter
check_screen "Enter ends the search: the key bar is back" '^F1Help F2Setup F3Search F4Filter'

# 10-12: sorting (htop's N, I, F6): siblings in the tree, all rows in the list; fb's
# tree filtered in, so its rows are on screen however many processes the machine has.
tm_keys F4
tm_type "$B-"
tm_keys Enter
wait_screen "F4Filter\\[$B-\\]" >/dev/null
tm_keys N I
_desc_siblings() {
	LAST_SCREEN=$(tm_capture)
	[ "$(grep -nE "^ *${kb[2]} +$rb " <<<"$LAST_SCREEN" | cut -d: -f1)" -lt \
		"$(grep -nE "^ *${kb[0]} +$rb " <<<"$LAST_SCREEN" | cut -d: -f1)" ] 2>/dev/null
}
if wait_until _desc_siblings && last_has '^sorted by PID, largest first' \
	"^ *${kb[2]} +$rb .*├─ $B-0\.3\$" "^ *${kb[0]} +$rb .*└─ $B-0\.1\$"; then
	pass "N I: the tree keeps its shape, fb-0's children in descending pid order (0.3 first)"
else
	fail "N I: the tree keeps its shape, fb-0's children in descending pid order (0.3 first)"
	diag_screen
fi
_marked() {
	tm_capture_e | grep -a -m1 'PPID' | grep -qE $'^(\e\\[[0-9;]*m)*\e\\[([0-9]*;)*7m(\e\\[[0-9;]*m)* *PID'
}
ok_if "the sort column's heading is marked (reverse video on PID)" _marked
tm_keys t
_list_desc() {
	local pids
	pids=$(tm_capture | awk '/^ *[0-9]+ +[0-9]+ [A-Z] / { print $1 }')
	[ -n "$pids" ] && [ "$pids" = "$(sort -rn <<<"$pids")" ]
}
if wait_screen '^list sorted by PID' && wait_until _list_desc; then
	pass "in the list every row is in descending pid order"
else
	fail "in the list every row is in descending pid order"
	diag_screen
fi

finish
