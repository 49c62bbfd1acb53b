#!/usr/bin/env bash
# menu.sh - the signal menu against keys typed by mistake: text meant for a shell typed
# into forktop sends nothing; several tagged processes are signalled only after a y.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 7

# A test tree: mk-0 with three children.
spawn_tree -f 3 -d 1 -n mk >"$E2E_TMP/root" || {
	fail "ftspawn built the test tree"
	exit 1
}
root=$(cat "$E2E_TMP/root")
mapfile -t kids < <(awk -v p="$root" '$2 == p { print $1 }' <<<"$(proc_subtree "$root")" | sort -n)

tm_start "$FORKTOP" -d 5 --pid "$root"
wait_screen "^ *${kids[2]} .*└─ mk-0\.3\$" >/dev/null

# 1-3: a shell command typed into the screen by mistake: c tags the root and its
# children, k opens the signal menu, and Enter would send SIGTERM. Other letters close
# the menu; Enter in the same burst as the k sends nothing; and 4 tagged processes
# would need a y.
tm_keys Home
tm_type "clear; make check"
tm_keys Enter
wait_no_screen "Send a signal" >/dev/null
ok_if "text typed by mistake ('clear; make check' Enter) leaves all 4 processes alive" \
	alive_over 1 "$root" "${kids[@]}"
check_never "and no signal is logged" 'signal +SIGTERM sent' 1
tm_keys Escape Escape U Home
tm_type $'k\r'	# in one write, as a paste comes
check_screen "k Enter in one burst (a paste) sends nothing and says why" \
	'^nothing sent: Enter came with the key that opened the signal menu'

# 4-7: two tagged processes: Enter asks first; Esc there sends nothing; y sends.
tm_keys Escape U Home Down Space Space	# Space tags and moves down, as in htop
tm_keys F9
wait_screen 'Send a signal to 2 tagged' >/dev/null
tm_keys Enter
check_screen "Enter on 2 tagged processes asks again before sending" \
	'SIGTERM to 2 tagged processes\? y sends it, other keys cancel'
tm_keys n
if wait_screen '^nothing sent' && proc_alive "${kids[0]}" && proc_alive "${kids[1]}"; then
	pass "any other key than y sends nothing"
else
	fail "any other key than y sends nothing"
	diag_screen
fi
tm_keys F9
wait_screen 'Send a signal to 2 tagged' >/dev/null
tm_keys Enter
wait_screen 'y sends it' >/dev/null
tm_keys y
check_screen "y sends it: SIGTERM sent to 2 of 2 tagged processes" \
	'SIGTERM sent to 2 of 2 tagged processes'
if WAIT_FOR=5 wait_until eval "! proc_alive ${kids[0]} && ! proc_alive ${kids[1]}" &&
	proc_alive "${kids[2]}" && proc_alive "$root"; then
	pass "the two tagged processes ended; the untagged ones run on"
else
	fail "the two tagged processes ended; the untagged ones run on"
	diag_screen
fi

finish
