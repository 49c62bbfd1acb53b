#!/usr/bin/env bash
# resize.sh - the terminal changes size under forktop: below 30x6 a centred "terminal
# too small" message, the full screen again when it grows back, nothing at 1x1 that
# kills it, a storm of resizes that leaves a correct screen and the same selection, rows
# never wider than the terminal, and the help screen following along.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 10

KEYBAR='F1Help F2Setup F3Search F4Filter F5Tree F6SortBy F7Nice- F8Nice+ F9Kill F10Quit  nNew jJoin XEndTree dDaemon rRename LLife oPanes'

# The tree: rz-0, 2 children, 4 grandchildren, and a chain of 20 (27 processes).
# spawn_tree runs in this shell, not in $(...): a subshell would lose its record of the
# process group, and the clean-up would leave the tree running.
spawn_tree -f 2 -d 2 -c 20 -n rz >"$E2E_TMP/root" || {
	fail "ftspawn -f 2 -d 2 -c 20 built the test tree"
	exit 1
}
root=$(cat "$E2E_TMP/root")
NPROC=27
order=$(proc_subtree "$root" | awk '{ print $1 }' | sort -n | tr '\n' ' ')
chain_end=$(proc_subtree "$root" | sort -k3,3n | tail -n 1 | cut -d ' ' -f 1)

tm_start "$FORKTOP" -d 2 --pid "$root"
ftpid=$(tm_pane_pid)

# The screen "too small" must show at W x H: the three lines centred (each cut to the
# width), from line (H - 3) / 2.
small_screen() {
	local w=$1 h=$2 y y0 m x
	local -a msg=("terminal too small" "(need 30x6)" "now ${w}x$h")
	y0=$((h > 3 ? (h - 3) / 2 : 0))
	for ((y = 0; y < h; y++)); do
		if [ "$y" -ge "$y0" ] && [ "$y" -lt $((y0 + 3)) ]; then
			m=${msg[y - y0]}
			x=$((w > ${#m} ? (w - ${#m}) / 2 : 0))
			[ ${#m} -le $((w - x)) ] || m="${m:0:w - x - 1}…"
			printf '%*s%s\n' "$x" '' "$m"
		else
			echo
		fi
	done
}

_small_is() {
	LAST_SCREEN=$(tm_capture)
	[ "$LAST_SCREEN" = "$(small_screen "$1" "$2")" ]
}

# check_small DESC W H: resizes to W x H and waits for exactly the message screen.
check_small() {
	tm_resize "$2" "$3"
	if wait_until _small_is "$2" "$3"; then
		pass "$1"
	else
		fail "$1"
		diag "expected:"
		diag "$(small_screen "$2" "$3" | sed 's/^/|/')"
		diag_screen
	fi
}

# The full screen at W x H: header (the meters, or one line on a short terminal), column
# header, the 27 rows, blank lines, the key bar (cut to W), nothing wider than W, no
# trace of the "too small" message.
_full_ok() {
	local w=$1 h=$2 rows nrows top
	LAST_SCREEN=$(tm_capture)
	local -a l
	mapfile -t l <<<"$LAST_SCREEN"
	top=$(column_header_at "$LAST_SCREEN")
	[ "${#l[@]}" -eq "$h" ] && [ -n "$top" ] && header_ok "$w" "$h" "$top" "${l[0]}" || return 1
	[ "$w" -lt 120 ] || [[ ${l[top]} =~ $DEFAULT_HEADER_RE ]] || return 1
	[ "$w" -ge 120 ] || [[ ${l[top]} =~ ^\ +PID\ .*COMMAND ]] || return 1
	[[ ${l[h - 1]} == "${KEYBAR:0:w - 1}"* ]] || return 1
	nrows=$((h - top - 2 < NPROC ? h - top - 2 : NPROC))
	rows=$(printf '%s\n' "${l[@]:top + 1:nrows}" | awk '$1 ~ /^[0-9]+$/' | wc -l)
	[ "$rows" -eq "$nrows" ] || return 1
	[ "$(printf '%s\n' "${l[@]:top + 1 + nrows:h - top - 2 - nrows}" | grep -c .)" -eq 0 ] || return 1
	[ "$(wc -L <<<"$LAST_SCREEN")" -le "$w" ] && ! grep -q 'too small' <<<"$LAST_SCREEN"
}

# The pids of the rows, sorted.
screen_pids() {
	tm_capture | awk 'NR > 2 && $1 ~ /^[0-9]+$/ { print $1 }' | sort -n | tr '\n' ' '
}

check_full() {
	tm_resize "$2" "$3"
	if wait_until _full_ok "$2" "$3" && { [ "$3" -lt 30 ] || [ "$(screen_pids)" = "$order" ]; }; then
		pass "$1"
	else
		fail "$1"
		diag_screen
	fi
}

# 1
check_full "120x40: header, column header, the 27 processes, the key bar" 120 40

# 2
check_small "20x5: 'terminal too small', '(need 30x6)', 'now 20x5', centred" 20 5

# 3
check_full "back to 120x40: the whole screen again, no trace of the message" 120 40

# 4: the limits: 30x6 is enough, one less in either direction is not.
tm_resize 29 6
if wait_until _small_is 29 6 && { tm_resize 30 5; wait_until _small_is 30 5; } &&
	{ tm_resize 30 6; wait_until _full_ok 30 6; }; then
	pass "29x6 and 30x5 are too small; 30x6 shows the header, 3 rows and the key bar"
else
	fail "29x6 and 30x5 are too small; 30x6 shows the header, 3 rows and the key bar"
	diag_screen
fi

# 5: tiny terminals: the message cut to what fits, and forktop keeps running.
_screen_is() {
	LAST_SCREEN=$(tm_capture)
	[ "$LAST_SCREEN" = "$1" ]
}
tiny_ok=1
for size in 1x1 5x1 2x2 1x5; do
	w=${size%x*} h=${size#*x}
	tm_resize "$w" "$h"
	case $size in
	1x1) want='…' ;;
	5x1) want='term…' ;;
	2x2) want=$'t…\n(…' ;;
	1x5) want=$'\n…\n…\n…' ;;
	esac
	if ! wait_until _screen_is "$want" || ! proc_alive "$ftpid" || ! tm_alive; then
		tiny_ok=0
		diag "at $size:"
		diag_screen
		break
	fi
done
if [ "$tiny_ok" = 1 ]; then
	pass "1x1, 5x1, 2x2, 1x5: the message cut to fit (… at 1x1), forktop still running"
else
	fail "1x1, 5x1, 2x2, 1x5: the message cut to fit (… at 1x1), forktop still running"
fi

# 6: a storm: 50 resizes in a row without waiting, tiny to large, ending at 25x10.
tm_resize 120 40
wait_until _full_ok 120 40 >/dev/null
tm_keys End
wait_selected "$chain_end" >/dev/null
sizes=(1x1 200x60 29x6 30x6 2x2 120x40 5x1 1x5 80x24 31x7 40x12 1x40 150x3 30x5 60x6)
for ((i = 0; i < 49; i++)); do
	s=${sizes[i % ${#sizes[@]}]}
	tm_resize "${s%x*}" "${s#*x}"
done
tm_resize 25 10
if wait_until _small_is 25 10 && proc_alive "$ftpid" && tm_alive; then
	pass "a storm of 50 resizes ending at 25x10: 'now 25x10' centred, forktop running"
else
	fail "a storm of 50 resizes ending at 25x10: 'now 25x10' centred, forktop running"
	proc_alive "$ftpid" || diag "forktop ($ftpid) is gone"
	diag "expected:" "$(small_screen 25 10 | sed 's/^/|/')"
	diag_screen
fi

# 7
tm_resize 120 40
if wait_until _full_ok 120 40 && [ "$(screen_pids)" = "$order" ] && wait_selected "$chain_end" &&
	proc_alive "$ftpid"; then
	pass "after the storm: 120x40 whole again, the selection still on the chain's last process"
else
	fail "after the storm: 120x40 whole again, the selection still on the chain's last process"
	diag "selected: '$(selected_pid)', wanted the chain's end $chain_end"
	diag_screen
fi

# 8-9: 40x12: the columns that fit, rows cut to 40, the selected deep row scrolled into view.
tm_resize 40 12
if wait_until _full_ok 40 12 && [[ $(head -n 1 <<<"$LAST_SCREEN") == *… ]] &&
	[ "$(head -n 1 <<<"$LAST_SCREEN" | wc -L)" -eq 40 ] &&
	[[ $(sed -n 2p <<<"$LAST_SCREEN") =~ ^\ +PID\ +RES\ S\ +CPU%\ +COMMAND$ ]]; then
	pass "40x12: 9 rows under PID RES S CPU% COMMAND, no line wider than 40, the header cut with …"
else
	fail "40x12: 9 rows under PID RES S CPU% COMMAND, no line wider than 40, the header cut with …"
	diag_screen
fi
if wait_selected "$chain_end" && [ "$(tm_capture | sed -n 11p | awk '{ print $1 }')" = "$chain_end" ]; then
	pass "40x12: the selected process (20 levels deep) is scrolled into view on the last row"
else
	fail "40x12: the selected process (20 levels deep) is scrolled into view on the last row"
	diag "selected: '$(selected_pid)', wanted $chain_end"
	diag_screen
fi

# 10: the help screen through resizes.
_help_ok() {
	LAST_SCREEN=$(tm_capture)
	[[ $(head -n 1 <<<"$LAST_SCREEN") == "forktop 0.1.0 - "* ]] &&
		[[ $(tail -n 1 <<<"$LAST_SCREEN") == "Press any key to return"* ]] &&
		[ "$(wc -l <<<"$LAST_SCREEN")" -eq "$2" ] && [ "$(wc -L <<<"$LAST_SCREEN")" -le "$1" ]
}
tm_resize 120 40
wait_until _full_ok 120 40 >/dev/null
tm_keys '?'
if wait_until _help_ok 120 40 && { tm_resize 40 12; wait_until _help_ok 40 12; } &&
	{ tm_resize 20 5; wait_until _small_is 20 5; } &&
	{ tm_resize 120 40; wait_until _help_ok 120 40; } &&
	{ tm_keys x; wait_until _full_ok 120 40; } && wait_selected "$chain_end"; then
	pass "the help screen follows: fits 40x12, too small at 20x5, whole at 120x40; a key returns"
else
	fail "the help screen follows: fits 40x12, too small at 20x5, whole at 120x40; a key returns"
	diag_screen
fi

finish
