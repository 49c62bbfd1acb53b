#!/usr/bin/env bash
# hostile.sh - untrusted text from processes: a command line full of escape sequences
# (clear screen, an OSC title), C1 and DEL bytes, invalid UTF-8 and newlines; a command
# line of 100 kB; double-width (CJK) names. Nothing of it may reach the terminal raw: the
# screen shows it escaped on one row, the title and the screen stay intact, the rows keep
# the terminal's width, and --tree / --json stay plain text / valid JSON.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 13

NAME=子进程1
LONG_BYTES=100000
FFFD=$'\xef\xbf\xbd'
ESC=$'\e'

# What ftspawn -H runs: argv[0] "NAME-hostile" + ESC[2J ESC]0;pwned BEL, 0x9b (invalid
# UTF-8), C2 9B (the C1 control CSI), FF FE (invalid), "子进程1", newline, tab, DEL;
# argv[1] "子进程1". Shown escaped: \e \x07 \x9b \n \t \x7f, U+FFFD for invalid bytes.
HOSTILE_SHOWN="$NAME-hostile\\e[2J\\e]0;pwned\\x07$FFFD\\x9b$FFFD$FFFD$NAME\\n\\t\\x7f $NAME"

# spawn_tree runs in this shell, not in $(...): a subshell would lose its record of the
# process group, and the clean-up would leave the tree running.
spawn_tree -H -L "$LONG_BYTES" -n "$NAME" >"$E2E_TMP/root" || {
	fail "ftspawn -H -L $LONG_BYTES built the test tree"
	exit 1
}
root=$(cat "$E2E_TMP/root")
hostile='' long=''
for p in $(proc_table | awk -v r="$root" '$2 == r { print $1 }'); do
	case "$(proc_cmdline "$p")" in
	"$NAME-hostile"*) hostile=$p ;;
	"$NAME-long "*) long=$p ;;
	esac
done

# The screen starts only once the pane's title has been read: the pane waits for a file.
# 140 columns: the default columns leave the hostile command line room to show whole.
W=140
tm_start -x "$W" sh -c 'while [ ! -e "$2" ]; do sleep 0.05; done; exec "$0" -d 2 --pid "$1"' \
	"$FORKTOP" "$root" "$E2E_TMP/go"
title0=$(tm_format '#{pane_title}')
touch "$E2E_TMP/go"

# The screen line of a process's row (its number from 0) and the row itself.
row_of() {
	awk -v p="$1" '$1 == p && NF > 2 { print NR - 1 ": " $0; exit }' <<<"$LAST_SCREEN"
}

# raw_clean PID: in capture-pane -e, the command text of PID's row (after the connector
# and the SGR colours forktop sets there) holds no ESC byte: nothing from the process
# reached the terminal as a control sequence.
raw_clean() {
	local line rest sgr=$'^\e\\[[0-9;:]*m'
	line=$(tm_capture_e | awk -v p="$1" '{ s = $0; gsub(/\033\[[0-9;:]*m/, "", s); split(s, f, " ") }
		f[1] == p { print; exit }')
	rest=${line#*─ }
	[ -n "$line" ] && [ "$rest" != "$line" ] || return 1
	while [[ $rest =~ $sgr ]]; do rest=${rest#"${BASH_REMATCH[0]}"}; done
	[[ $rest != *"$ESC"* ]]
}

# The display width of each line (wc -L counts double-width characters as 2).
max_width() {
	wc -L <<<"$1"
}

# 1: the hostile row, escaped, on one line.
hostile_row_ok() {
	LAST_SCREEN=$(tm_capture)
	local line
	line=$(grep -F -- "$HOSTILE_SHOWN" <<<"$LAST_SCREEN") || return 1
	[[ $line =~ ^\ *$hostile\ .*\ S\  ]] && [[ $line == *"├─ $HOSTILE_SHOWN" ]]
}
if [ -n "$hostile" ] && wait_until hostile_row_ok; then
	pass "the hostile command line shows escaped on its row: \\e[2J\\e]0;pwned\\x07 \\x9b U+FFFD \\n\\t\\x7f"
else
	fail "the hostile command line shows escaped on its row: \\e[2J\\e]0;pwned\\x07 \\x9b U+FFFD \\n\\t\\x7f"
	diag "hostile pid: '$hostile'; expected the row to end with: $HOSTILE_SHOWN"
	diag_screen
fi

# 2: nothing cleared or moved: header, columns, the three rows, the key bar, nothing else.
layout_ok() {
	LAST_SCREEN=$(tm_capture)
	local -a l
	local t
	mapfile -t l <<<"$LAST_SCREEN"
	t=$(column_header_at "$LAST_SCREEN")
	[ "${#l[@]}" -eq 40 ] && [ -n "$t" ] && header_ok "$W" 40 "$t" "${l[0]}" &&
		[[ ${l[t]} =~ $DEFAULT_HEADER_RE ]] &&
		[[ ${l[t + 1]} =~ ^\ *$root\ .*\ S\ .*\ $NAME-0$ ]] &&
		[[ ${l[t + 2]} =~ ^\ *$hostile\ .*├─\  ]] && [[ ${l[t + 3]} =~ ^\ *$long\ .*└─\  ]] &&
		[[ ${l[39]} == "F1Help F2Setup F3Search F4Filter F5Tree "* ]] &&
		[ "$(printf '%s\n' "${l[@]:t + 4:35 - t}" | grep -c .)" -eq 0 ]
}
if wait_until layout_ok; then
	pass "the screen is intact: header, column header, 3 rows, key bar, nothing cleared or spilled"
else
	fail "the screen is intact: header, column header, 3 rows, key bar, nothing cleared or spilled"
	diag_screen
fi

# 3: the command text carries no escape sequence of its own: after the connector (and
# the row's own colours), no ESC byte reaches the terminal on the hostile and long rows.
bad=
for p in "$hostile" "$long"; do
	raw_clean "$p" || bad="$bad $p"
done
if [ -z "$bad" ]; then
	pass "capture-pane -e: the hostile and long command texts hold no escape sequence (no foreign SGR)"
else
	fail "capture-pane -e: the hostile and long command texts hold no escape sequence (no foreign SGR)"
	diag "rows with a raw ESC in the command text:$bad"
	diag "$(tm_capture_e | grep -aE "(^|m) *($hostile|$long) " | cut -c1-200 | cat -v)"
fi

# 4: the 100 kB command line: one row, cut with … in the last column.
long_row_ok() {
	LAST_SCREEN=$(tm_capture)
	local line next
	line=$(awk -v p="$long" '$1 == p { print; exit }' <<<"$LAST_SCREEN")
	next=$(awk -v p="$long" 'f { print; exit } $1 == p { f = 1 }' <<<"$LAST_SCREEN")
	[[ $line =~ ^\ *$long\ .*\ S\ .*└─\ $NAME-long\ \\exxxx ]] && [[ $line == *… ]] &&
		[ "$(max_width "$line")" -eq "$W" ] && [ -z "$next" ] &&
		[ "$(max_width "$LAST_SCREEN")" -le "$W" ]
}
if [ -n "$long" ] && wait_until long_row_ok; then
	pass "the 100 kB command line stays on its row, cut with … exactly at column $W"
else
	fail "the 100 kB command line stays on its row, cut with … exactly at column $W"
	diag "long pid: '$long'; widest line: $(max_width "$LAST_SCREEN")"
	diag_screen
fi

# 5: double-width names keep the columns: at every width from 30 to 45 the rows with
# 子进程1 fit, and a row cut short ends with … in exactly the last column.
cjk_fits() {
	local w=$1 line
	LAST_SCREEN=$(tm_capture)
	[ "$(max_width "$LAST_SCREEN")" -le "$w" ] || return 1
	[ "$(tail -n 1 <<<"$LAST_SCREEN" | cut -c1-6)" = F1Help ] || return 1
	grep -qE "^ *$root .*S .* $NAME-0\$" <<<"$LAST_SCREEN" || return 1
	for p in "$hostile" "$long"; do
		line=$(awk -v p="$p" '$1 == p { print; exit }' <<<"$LAST_SCREEN")
		[[ $line == *" $NAME"* && $line == *… ]] && [ "$(max_width "$line")" -eq "$w" ] ||
			return 1
	done
}
bad=
for w in $(seq 30 45); do
	tm_resize "$w" 12
	if ! wait_until cjk_fits "$w"; then
		bad="$bad $w"
		[ -n "${bad_screen:-}" ] || bad_screen=$LAST_SCREEN
	fi
done
if [ -z "$bad" ]; then
	pass "子进程1 (double width) keeps the columns: widths 30-45, every row fits, … in the last column"
else
	fail "子进程1 (double width) keeps the columns: widths 30-45, every row fits, … in the last column"
	diag "widths that failed:$bad"
	diag_screen "$bad_screen"
fi
tm_resize "$W" 40
wait_until layout_ok >/dev/null

# 6-7: --tree: plain text (valid UTF-8, no control byte but newline), hostile escaped,
# the long command line whole with each ESC as \e.
"$FORKTOP" --tree --pid "$root" >"$E2E_TMP/tree" 2>"$E2E_TMP/err" </dev/null
tree_rc=$?
ctl=$(LC_ALL=C tr -d '\n' <"$E2E_TMP/tree" | LC_ALL=C tr -d '\040-\176\200-\377' | wc -c)
c1=$(LC_ALL=C grep -c $'\xc2[\x80-\x9f]' "$E2E_TMP/tree")
if [ "$tree_rc" -eq 0 ] && [ "$ctl" -eq 0 ] && [ "$c1" -eq 0 ] &&
	iconv -f UTF-8 -t UTF-8 "$E2E_TMP/tree" >/dev/null 2>&1 &&
	grep -qF -- "- $HOSTILE_SHOWN" "$E2E_TMP/tree"; then
	pass "--tree is plain valid UTF-8 (no ESC, C0 or C1 byte) with the hostile line escaped"
else
	fail "--tree is plain valid UTF-8 (no ESC, C0 or C1 byte) with the hostile line escaped"
	diag "exit $tree_rc, control bytes: $ctl, C1 characters: $c1, stderr: $(head -c 200 "$E2E_TMP/err")"
	diag "$(grep -aE "^ *$hostile " "$E2E_TMP/tree" | cat -v)"
fi
want_long="$NAME-long $(awk -v n="$LONG_BYTES" 'BEGIN { for (i = 0; i < n; i++) printf (i % 97 ? "x" : "\\e") }')"
got_long=$(awk -v p="$long" '$1 == p { print; exit }' "$E2E_TMP/tree")
if [ -n "$long" ] && [[ $got_long == *"- $want_long" ]]; then
	pass "--tree prints the 100 kB command line whole, its 1031 ESC bytes as \\e"
else
	fail "--tree prints the 100 kB command line whole, its 1031 ESC bytes as \\e"
	diag "line of $long: ${#got_long} characters, want the command (${#want_long}) at its end"
	diag "start: $(cut -c1-120 <<<"$got_long" | cat -v)"
fi

# 8-9: --json: valid, no raw control byte, \u001b, \u009b and U+FFFD in the hostile
# command line; the long command line carried whole (escaped, it decodes to /proc's).
"$FORKTOP" --json --pid "$root" >"$E2E_TMP/json" 2>"$E2E_TMP/err" </dev/null
json_rc=$?
ctl=$(LC_ALL=C tr -d '\n' <"$E2E_TMP/json" | LC_ALL=C tr -d '\040-\176\200-\377' | wc -c)
want_json="$NAME-hostile\\u001b[2J\\u001b]0;pwned\\u0007\\ufffd\\u009b\\ufffd\\ufffd$NAME\\n\\t\\u007f $NAME"
same=$(jq -r --argjson p "${hostile:-0}" --argjson want "\"$want_json\"" \
	'.processes[] | select(.pid == $p) | .cmdline == $want' "$E2E_TMP/json" 2>&1)
if [ "$json_rc" -eq 0 ] && [ "$ctl" -eq 0 ] && [ "$same" = true ] &&
	iconv -f UTF-8 -t UTF-8 "$E2E_TMP/json" >/dev/null 2>&1 &&
	grep -qF '\u001b[2J\u001b]0;pwned\u0007' "$E2E_TMP/json"; then
	pass "--json is valid (jq), no raw control byte; the hostile cmdline decodes to ESC, BEL, U+009B, U+FFFD, \\n"
else
	fail "--json is valid (jq), no raw control byte; the hostile cmdline decodes to ESC, BEL, U+009B, U+FFFD, \\n"
	diag "exit $json_rc, control bytes: $ctl, jq: $same"
	diag "$(grep -aF -- '-hostile' "$E2E_TMP/json" | cut -c1-300 | cat -v)"
fi
jq -r --argjson p "${long:-0}" '.processes[] | select(.pid == $p) | .cmdline' \
	"$E2E_TMP/json" >"$E2E_TMP/long.json" 2>/dev/null
proc_cmdline "$long" >"$E2E_TMP/long.proc"
[ -z "$(tail -c 1 "$E2E_TMP/long.proc")" ] || echo >>"$E2E_TMP/long.proc"
if [ -n "$long" ] && [ "$(LC_ALL=C wc -c <"$E2E_TMP/long.json")" -gt "$LONG_BYTES" ] &&
	cmp -s "$E2E_TMP/long.proc" "$E2E_TMP/long.json" &&
	grep -qF '\u001bxxxx' "$E2E_TMP/json"; then
	pass "--json carries the 100 kB command line whole: escaped as \\u001b, it decodes to /proc's bytes"
else
	fail "--json carries the 100 kB command line whole: escaped as \\u001b, it decodes to /proc's bytes"
	diag "bytes: /proc $(wc -c <"$E2E_TMP/long.proc"), --json $(wc -c <"$E2E_TMP/long.json")"
	diag "$(cmp "$E2E_TMP/long.proc" "$E2E_TMP/long.json" 2>&1 | head -n 1)"
fi

# 10: a command line longer than forktop keeps (128 KiB) is said to be cut.
sleep 600 $(seq 1 40000) </dev/null >/dev/null 2>&1 &	# one process; sleep sums its arguments
hlong=$!
wait_until eval '[ "$(wc -c <"/proc/$hlong/cmdline")" -gt 150000 ]' >/dev/null
cut=$("$FORKTOP" --json --pid "$hlong" | jq -r \
	'.processes[0] | "\(.cmdline_cut) \(.cmdline | length)"' 2>&1)
ok_if "a 229 kB command line: --json keeps 131072 bytes and says cmdline_cut ($cut)" \
	[ "$cut" = "true 131072" ]
safe_kill TERM "$hlong"
wait "$hlong" 2>/dev/null

# 11: the comm is the kernel's bytes too (escaped as JSON), not libproc2's '?' masks.
name=$(jq -j --argjson p "${hostile:-0}" '.processes[] | select(.pid == $p) | .name' \
	"$E2E_TMP/json" 2>/dev/null | od -An -c | tr -s ' \n' ' ')
if [ -n "$hostile" ] && [ "$name" = ' 033 [ 2 J 033 ] 0 ; p w n e d \a ' ]; then
	pass "--json's name is the hostile comm itself: ESC [2J ESC ]0;pwned BEL (no '?')"
else
	fail "--json's name is the hostile comm itself: ESC [2J ESC ]0;pwned BEL (no '?')"
	diag "name bytes: $name"
fi

# 12: the hostile process ends and stays a zombie (its parent does not reap it). /proc
# then has no command line for it, only the comm (the same ESC, BEL bytes): the row
# shows Z and, whether with the command line seen before or with [comm], nothing raw.
safe_kill TERM "$hostile"
zombie_ok() {
	layout_ok || return 1
	local line
	line=$(awk -v p="$hostile" '$1 == p { print; exit }' <<<"$LAST_SCREEN")
	[[ $line =~ ^\ *$hostile\ .*\ Z\ .*─\ (\[.*pwned.*\]|$NAME-hostile\\e.*)$ ]] && [[ $line != *"$ESC"* ]]
}
if [ -n "$hostile" ] && wait_until zombie_ok && raw_clean "$hostile"; then
	pass "the hostile process as a zombie: state Z, its name still escaped, the screen intact"
else
	fail "the hostile process as a zombie: state Z, its name still escaped, the screen intact"
	diag_screen
fi

# 11: the terminal's title was never set (the OSC 0 stayed text), after all these redraws.
title=$(tm_format '#{pane_title}')
if [ "$title" = "$title0" ] && [[ $title != *pwned* ]] && tm_alive; then
	pass "the terminal title is unchanged ('$title0'): the OSC title sequence stayed text"
else
	fail "the terminal title is unchanged ('$title0'): the OSC title sequence stayed text"
	diag "title now: '$title', before: '$title0'"
fi

finish
