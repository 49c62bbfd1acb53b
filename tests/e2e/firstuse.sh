#!/usr/bin/env bash
# firstuse.sh - what a new user meets first: the search bar opens empty (typing replaces
# the last search, F3 repeats it, a miss is said), the New dialog's args are Python
# literals, typing a command selects the command target, a demo's seconds are bounded.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 11

# Quits forktop like a user: q, and "e" (end them) when the quit dialog asks.
quit_ending() {
	tm_keys q
	if wait_screen 'Quit: tasks are still running' 2; then
		tm_keys e
	fi
	WAIT_FOR=15 wait_until eval '! tm_alive'
}

# The New dialog, its focus moved down N fields from the target, TEXT typed there.
new_field() {
	tm_keys n
	wait_screen ' New task ' >/dev/null
	local i
	for ((i = 0; i < $1; i++)); do tm_keys Down; done
	tm_type "$2"
}

A=ua$$x B=ub$$x
spawn_tree -f 1 -d 1 -n "$A" >"$E2E_TMP/a" && spawn_tree -f 1 -d 1 -n "$B" >"$E2E_TMP/b" || {
	fail "ftspawn built the two test trees"
	exit 1
}
ra=$(cat "$E2E_TMP/a") rb=$(cat "$E2E_TMP/b")

tm_start "$FORKTOP" -d 5
wait_screen "^ *$ra .* $A-0\$" >/dev/null

# 1-4: / opens an empty bar: typing replaces the last search (it used to append to it).
tm_keys /
tm_type "$A-0"
check_selected "/ $A-0 selects $A-0" "$ra"
tm_keys Enter
tm_keys /
check_screen "/ again opens an empty bar that offers the last search for F3" \
	"^Search: _  F3 again: \"$A-0\""
tm_type "$B-0"
if wait_screen "^Search: $B-0_" && wait_selected "$rb"; then
	pass "typing replaces the last search: the bar holds $B-0 alone and selects it"
else
	fail "typing replaces the last search: the bar holds $B-0 alone and selects it"
	diag_screen
fi
tm_keys Enter
tm_keys / F3
check_screen "F3 in the empty bar searches for the last text again" "^Search: $B-0_"

# 5-6: nothing matches: said in the bar, and again when Enter closes it.
tm_keys C-u
tm_type "zz$$"
check_screen "a search that matches nothing says (no match)" "^Search: zz$$_  \\(no match\\)"
tm_keys Enter
check_screen "Enter on a miss says that no command holds the text" \
	"search: no process's command holds \"zz$$\""

# 7: args as Python writes them: 'uxjob', 40 is a str and an int (not 'uxjob,').
new_field 2 "'uj$$', 40"
tm_keys Enter
check_screen "New, args 'uj$$', 40: the log shows args=('uj$$', 40)" \
	"\\(sleeper, args=\\('uj$$', 40\\)\\)"

# 8: a malformed args field is refused in the dialog, nothing started.
new_field 2 "'uj$$, 40"
tm_keys Enter
check_screen "an unterminated quote in args is refused with a clear message" \
	"args: the quote ' is not closed"
tm_keys Escape

# 9: the sleeper's seconds: 1e400 is inf to Python, refused.
new_field 2 "1e400"
tm_keys Enter
check_screen "args 1e400 for the sleeper is refused: seconds from 0 to 1000000" \
	"args: 1e400: a demo's seconds or count must be a number from 0 to 1000000"
tm_keys Escape

# 10-11: typing a command while a demo is the target selects the command target, and the
# command runs (it used to start the demo and drop the command).
new_field 1 "echo said$$"
check_screen "typing a command sets the target to \"command\" and says so" \
	'target set to "command"'
tm_keys Enter
check_screen "the command ran: its output is on the screen" "^said$$\$"
quit_ending
finish
