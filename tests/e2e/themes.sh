#!/usr/bin/env bash
# themes.sh - colours a user can change: every bundled theme at 256 and at 8 colours with
# the selected row standing out, NO_COLOR and --color=never without a colour, a broken
# theme file that still starts and says what is wrong, --list-themes, forktoprc.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

THEMES=(default light monochrome high-contrast solarized-dark solarized-light nord gruvbox)
plan $((${#THEMES[@]} * 2 + 17))

# The style of the row of PID.
row_style() {
	screen_styles | awk -F '\t' -v p="$1" '$2 ~ "^ *" p " " { print $1; exit }'
}

root=$(spawn_tree -f 2 -d 1 -n th) || root=
kid=$(proc_table | awk -v p="${root:-x}" '$2 == p { print $1; exit }')

# 1-16: each theme, at 256 and at 8 colours: the selected row (the root, at start) is
# drawn differently from the other rows.
for t in "${THEMES[@]}"; do
	for term in xterm-256color xterm; do
		tm_start env TERM="$term" "$FORKTOP" -d 5 --theme "$t" --pid "${root:-1}"
		if wait_screen "^ *$kid " && sel=$(row_style "$root") && other=$(row_style "$kid") &&
			[ -n "$sel" ] && [ "$sel" != "$other" ]; then
			pass "theme $t at TERM=$term: the selected row stands out ($sel vs $other)"
		else
			fail "theme $t at TERM=$term: the selected row stands out"
			diag "selected: '${sel:-}', other: '${other:-}'"
			diag_screen
		fi
	done
done

# 17: NO_COLOR: no colour at all, the selection still shown (reverse).
has_colour() {
	tm_capture_e | grep -qE $'\e\\[([0-9;]*;)?(3[0-7]|9[0-7]|4[0-7]|10[0-7]|38|48)(;[0-9;]*)?m'
}
tm_start env NO_COLOR=1 "$FORKTOP" -d 5 --pid "${root:-1}"
wait_screen "^ *$kid " >/dev/null
sel=$(row_style "$root") other=$(row_style "$kid")
if ! has_colour && [ "$sel" != "$other" ]; then
	pass "NO_COLOR=1: no colour escape on the screen, the selected row still stands out"
else
	fail "NO_COLOR=1: no colour escape on the screen, the selected row still stands out"
	diag "selected: '$sel', other: '$other'"
	tm_capture_e | cat -v | head -5 | while IFS= read -r l; do diag "$l"; done
fi

# 18: --color=never is the same.
tm_start "$FORKTOP" -d 5 --color=never --pid "${root:-1}"
wait_screen "^ *$kid " >/dev/null
ok_if "--color=never: no colour escape on the screen" eval '! has_colour'

# COLORTERM=truecolor with a 256-colour terminfo: 24-bit colours (38;2;r;g;b) go out.
tm_start -y 30 env COLORTERM=truecolor "$FORKTOP" -d 5 --theme nord --pid "${root:-1}"
if wait_screen "^ *$kid " && tm_capture_e | grep -q $'\e\\[[0-9;]*38;2;136;192;208'; then
	pass "COLORTERM=truecolor on xterm-256color: nord's header in 24-bit (38;2;136;192;208)"
else
	fail "COLORTERM=truecolor on xterm-256color: nord's header in 24-bit (38;2;136;192;208)"
	diag "$(tm_capture_e | head -n 2 | cat -v)"
fi
tm_keys q
wait_ended 5

# 19-20: a theme file with garbage lines: forktop starts, says which lines, keeps the rest.
cat >"$E2E_TMP/broken.theme" <<'EOF'
# a theme with mistakes
header = red bold
selected = black on cyna
this line has no equals sign
no_such_element = blue
column_header = #12345g
zombie = 300
tree_connector = green
EOF
printf 'task = \001\033[2J\n' >>"$E2E_TMP/broken.theme"
tm_start -y 50 "$FORKTOP" -d 5 --theme "$E2E_TMP/broken.theme" --pid "${root:-1}"
check_screen "a broken theme file: forktop starts and shows the tree" "^ *$kid "
# The tree may be drawn before the event log shows the file's lines: wait for the last one
# said, then count them in that same screen.
wait_screen 'broken\.theme:3: selected: .*cyna' >/dev/null || true
n=$(grep -cE 'broken\.theme:[0-9]+: ' <<<"$LAST_SCREEN")
if [ "$n" -eq 6 ] && grep -q 'broken.theme:3: selected: .*cyna' <<<"$LAST_SCREEN"; then
	pass "each of the 6 bad lines is reported once with file:line and what is wrong"
else
	fail "each of the 6 bad lines is reported once with file:line and what is wrong ($n)"
	diag_screen
fi

# 21: more bad lines than the event log shows: o o scrolls the log, Home shows the first.
for i in $(seq 1 12); do echo "bogus_$i = blue"; done >"$E2E_TMP/many.theme"
tm_start -y 40 "$FORKTOP" -d 5 --theme "$E2E_TMP/many.theme" --pid "${root:-1}"
wait_screen 'many\.theme:12: ' >/dev/null
tm_keys o o Home
if wait_screen 'events 1-[0-9]+ of [0-9]+ +\[scrolling' && wait_screen 'many\.theme:1: ' &&
	! grep -q 'many\.theme:12: ' <<<"$LAST_SCREEN"; then
	pass "o o then Home scrolls the event log back to the first bad line (many.theme:1)"
else
	fail "o o then Home scrolls the event log back to the first bad line (many.theme:1)"
	diag_screen
fi
tm_keys q
wait_ended 5
tm_start -y 50 "$FORKTOP" -d 5 --theme "$E2E_TMP/broken.theme" --pid "${root:-1}"
wait_screen "^ *$kid " >/dev/null

# 22: the good lines of that file still apply: the header is red (31 or a red index); with
# the meters on top, the header element titles the help screen (and a short terminal).
tm_keys h
wait_screen '^forktop 0\.1\.0 - ' >/dev/null
hs=$(screen_styles | awk -F '\t' 'NR == 1 { print $1 }')
tm_keys q
ok_if "its good lines still apply: the header is red and bold ($hs)" \
	eval "[[ '$hs' == fg=31,* || '$hs' == fg=91,* || '$hs' == fg=5:196,* || '$hs' == fg=5:9,* ]] && [[ '$hs' == *at=1* ]]"

# 22: --list-themes names all eight and where each comes from.
out=$(XDG_CONFIG_HOME="$E2E_TMP/xdg" "$FORKTOP" --list-themes 2>&1)
missing=
for t in "${THEMES[@]}"; do
	grep -qE "^ +$t +(installed|source tree|built-in)" <<<"$out" || missing="$missing $t"
done
ok_if "--list-themes lists the 8 bundled themes with their origin${missing:+ (missing:$missing)}" \
	[ -z "$missing" ]

# 23: an unknown theme name: exit 2, a message and the hint.
out=$("$FORKTOP" --theme no-such-theme </dev/null 2>&1)
rc=$?
ok_if "--theme no-such-theme exits 2 and points to --list-themes" \
	eval "[ $rc -eq 2 ] && grep -q 'no-such-theme' <<<\"\$out\" && grep -q -- '--list-themes' <<<\"\$out\""
out=$("$FORKTOP" --theme "$E2E_TMP/no-such.theme" </dev/null 2>&1)
rc=$?
ok_if "--theme with a file that does not exist exits 2 too, naming the file" \
	eval "[ $rc -eq 2 ] && grep -q 'cannot read .*no-such.theme' <<<\"\$out\""

# 24-25: forktoprc: its theme is used, a user theme in the XDG directory is found first,
# and a bad key is reported with file:line.
mkdir -p "$E2E_TMP/xdg/forktop/themes"
printf 'selected = black on magenta\n' >"$E2E_TMP/xdg/forktop/themes/mine.theme"
printf '# mine\ntheme = mine\nfrobnicate = yes\n' >"$E2E_TMP/xdg/forktop/forktoprc"
tm_start env XDG_CONFIG_HOME="$E2E_TMP/xdg" "$FORKTOP" -d 5 --pid "${root:-1}"
check_screen "forktoprc: a bad key is reported with file:line" \
	"forktoprc:3: unknown key 'frobnicate'"
sel=$(row_style "$root")
ok_if "forktoprc: theme = mine (a user theme) is used: the selection is magenta ($sel)" \
	eval "[[ '$sel' == *bg=45,* || '$sel' == *bg=5:5,* || '$sel' == *bg=5:201,* || '$sel' == *bg=5:13,* ]]"

# 26-27: forktoprc's columns and confirm_signal = off (X without the question).
mkdir -p "$E2E_TMP/xdg2/forktop"
printf 'columns = PID,S,CPU,COMMAND\nconfirm_signal = off\n' >"$E2E_TMP/xdg2/forktop/forktoprc"
victim=$(spawn_tree -f 2 -d 1 -n cf) || victim=
tm_start env XDG_CONFIG_HOME="$E2E_TMP/xdg2" "$FORKTOP" -d 5 --pid "${victim:-1}"
check_screen "forktoprc columns = PID,S,CPU,COMMAND: only those columns are shown" \
	'^ +PID S +CPU% +COMMAND$'
tm_keys X
check_screen "confirm_signal = off: X ends the subtree without asking" \
	"ended 3 of 3 processes of ${victim:-x} "

# 28-30: CPU% and RSS cells in their level's colour (the theme's cpu_* and rss_* keys):
# a busy process's CPU% is mid or high (10 % or more, even on a loaded machine), an idle
# one's RSS low.
printf 'cpu_mid = #123456\ncpu_high = #123456\nrss_low = #abcdef\ndialog_title = #fedcba on blue\n' \
	>"$E2E_TMP/levels.theme"
setsid bash -c '(while :; do :; done) & sleep 600 & exec sleep 601' </dev/null >/dev/null 2>&1 &
lvroot=$!
track_group "$lvroot"
kids_up() {
	busy=$(proc_table | awk -v p="$lvroot" '$2 == p && $3 == "R" { print $1; exit }')
	idle=$(proc_table | awk -v p="$lvroot" '$2 == p && $3 == "S" { print $1; exit }')
	[ -n "$busy" ] && [ -n "$idle" ]
}
wait_until kids_up
tm_start env COLORTERM=truecolor "$FORKTOP" -d 5 --theme "$E2E_TMP/levels.theme" --pid "$lvroot"
_line_e() { tm_capture_e | grep -a "^[^ ]* *$1 " | head -n 1; }
cpu_coloured() { _line_e "${busy:-x}" | grep -qE $'\e\\[[0-9;]*38;2;18;52;86[0-9;]*m *[0-9]{2,}'; }
rss_coloured() { _line_e "${idle:-x}" | grep -qE $'\e\\[[0-9;]*38;2;171;205;239[0-9;]*m *[0-9.]+[KMG]'; }
ok_if "a busy process's CPU% (10 or more) is drawn in cpu_mid/cpu_high (#123456)" \
	wait_until cpu_coloured
ok_if "an idle process's RSS is drawn in rss_low (#abcdef)" wait_until rss_coloured
[ -n "$busy" ] || diag "no busy child of $lvroot"
cpu_coloured || _line_e "${busy:-x}" | cat -v | while IFS= read -r l; do diag "$l"; done
# ... and a dialog's title in dialog_title
tm_keys F9
title_coloured() { tm_capture_e | grep -a 'Send a signal to' | grep -q $'\e\\[[0-9;]*38;2;254;220;186'; }
ok_if "a dialog's title is drawn in dialog_title (#fedcba)" wait_until title_coloured
tm_keys Escape
safe_kill_group KILL "$lvroot"

finish
