#!/usr/bin/env bash
# refresh.sh - the incremental refresh as a user sees it: rows on screen are current at
# every refresh (a stop shows in the next one), a parent that ends moves its children in
# the very refresh that sees it gone, and forktop's own figures (FORKTOP_STATS) say how
# old the rest is, when the first screen came and how fast keys are answered.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 8

use_columns "$PPID_COLUMNS"
# A chain of 4 below the root, names unique to this run: root -> c1 -> c2 -> c3 -> c4.
T=rf$$x
spawn_tree -c 4 -n "$T" >"$E2E_TMP/root" || {
	fail "ftspawn built the test chain"
	exit 1
}
root=$(cat "$E2E_TMP/root")
mapfile -t chain < <(proc_subtree "$root" | awk '$3 > 0 { print $1 }')
[ "${#chain[@]}" -eq 4 ] || {
	fail "the chain has 4 processes below its root (${chain[*]})"
	exit 1
}
stats=$E2E_TMP/stats
stat_of() { awk -v k="$1" '$1 == k { print $2 }' "$stats" 2>/dev/null; }
stat_ge() { awk -v v="$(stat_of "$1")" -v m="$2" 'BEGIN { exit !(v != "" && v + 0 >= m + 0) }'; }

tm_start env FORKTOP_STATS="$stats" "$FORKTOP" -d 5 --pid "$root"
wait_screen "^ *${chain[3]} +${chain[2]} +S " >/dev/null

# 1: the figures are written at every refresh, the first screen among them.
if wait_until stat_ge refreshes 3 && stat_ge first_draw_ms 0.1 && stat_ge procs 5; then
	pass "FORKTOP_STATS: refreshes counted, the first screen's time and the processes"
else
	fail "FORKTOP_STATS: refreshes counted, the first screen's time and the processes"
	cat "$stats" 2>/dev/null | sed 's/^/# /'
fi

# 2: a key and the screen that answers it.
tm_keys Down
if wait_until stat_ge keys 1 && stat_ge key_ms_max 0.001 &&
	awk -v v="$(stat_of key_ms_max)" 'BEGIN { exit !(v < 1000) }'; then
	pass "a key is counted with the time to the screen that shows it ($(stat_of key_ms_max) ms)"
else
	fail "a key is counted with the time to the screen that shows it"
	cat "$stats" 2>/dev/null | sed 's/^/# /'
fi

# 3: the machine's other processes are read whole at most 6 refreshes apart (5 old).
n0=$(stat_of refreshes)
if wait_until stat_ge refreshes $((n0 + 8)) && stat_ge age_max_ever_refreshes 1 &&
	awk -v v="$(stat_of age_max_ever_refreshes)" 'BEGIN { exit !(v <= 5) }'; then
	pass "rows off screen are at most 5 refreshes old ($(stat_of age_max_ever_refreshes))"
else
	fail "rows off screen are at most 5 refreshes old"
	cat "$stats" 2>/dev/null | sed 's/^/# /'
fi

# 4: a refresh reads a file or so per process, not every stat (and statm) of the machine.
if awk -v f="$(stat_of files_last)" -v p="$(stat_of procs)" 'BEGIN { exit !(f > 0 && f < 1.8 * p) }'; then
	pass "a refresh read $(stat_of files_last) files for $(stat_of procs) processes"
else
	fail "a refresh read $(stat_of files_last) files for $(stat_of procs) processes (< 1.8 each)"
fi

# 5-6: a stop and a continue of a row on screen show at the next refresh (0.5 s).
safe_kill STOP "${chain[3]}"
check_screen "c3 stopped by the test shows T at the next refresh" \
	"^ *${chain[3]} +${chain[2]} +T " 2
safe_kill CONT "${chain[3]}"
check_screen "c3 continued shows S again" "^ *${chain[3]} +${chain[2]} +S " 2

# 7-8: c1 ends (a zombie: the root does not reap it): c2 is adopted (by pid 1 or a
# subreaper), out of this subtree, in the refresh that sees c1 end.
safe_kill TERM "${chain[0]}"
check_screen "c1 ended: a zombie of the root at the next refresh" "^ *${chain[0]} +$root +Z " 2
check_no_screen "c2, adopted away from the root's subtree, left with c1" "^ *${chain[1]} " 2
tm_keys q
wait_ended 5
safe_kill_group TERM "$root"
