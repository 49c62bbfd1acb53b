#!/usr/bin/env bash
# firstuse.sh - what a new user meets first: the search bar opens empty (typing replaces
# the last search, F3 repeats it, a miss is said), the New dialog's args are Python
# literals, typing a command selects the command target, a demo's seconds are bounded.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 22

# The New dialog, its focus moved down N fields from the target, TEXT typed there.
new_field() {
	new_dialog
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

# 12-13: one process is "1 process", not "1 processes".
tm_keys /
tm_type "$A-0.1"
tm_keys Enter
wait_screen "^Search: $A-0\\.1_" 1 >/dev/null
tm_keys c
check_screen "c on a process without children: \"tagged 1 process\"" \
	'tagged 1 process \(1 in all\)'
tm_keys U t F4		# the list: the match alone, no ancestors
tm_type "$A-0.1"
tm_keys Enter
check_screen "a filtered list of one process says \"1 process shown\"" \
	"filter \"$A-0\\.1\": 1 process shown"
tm_keys F4 Escape t
wait_screen '^filter cleared' >/dev/null

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

# 14: the theme picker passes over a theme file it cannot read (here: too big) to the
# next one, and says so; it used to stick on it.
T=zz$$t
mkdir -p "$XDG_CONFIG_HOME/forktop/themes"
printf 'selected = black on yellow\n' >"$XDG_CONFIG_HOME/forktop/themes/${T}a.theme"
truncate -s 2M "$XDG_CONFIG_HOME/forktop/themes/${T}b.theme"
printf 'selected = black on cyan\n' >"$XDG_CONFIG_HOME/forktop/themes/${T}c.theme"
tm_start "$FORKTOP" -d 5 --theme "${T}a"
wait_screen 'F1Help' >/dev/null
tm_keys S
wait_screen "theme +< ${T}a >" >/dev/null
tm_keys Right
if wait_screen "theme +< ${T}c >" && wait_screen "1 theme that cannot be read skipped"; then
	pass "Right in the theme picker skips the unreadable ${T}b, shows ${T}c and says why"
else
	fail "Right in the theme picker skips the unreadable ${T}b, shows ${T}c and says why"
	diag_screen
fi
tm_keys Left
check_screen "Left skips it too, back to ${T}a" "theme +< ${T}a >"
tm_keys Escape q
wait_ended 15

# 15-16: options that take no operand refuse a stray one, with exit status 2.
"$FORKTOP" --list-demos extra >"$E2E_TMP/out" 2>"$E2E_TMP/err"
rc=$?
if [ "$rc" -eq 2 ] && [ ! -s "$E2E_TMP/out" ] &&
	grep -q "unexpected argument 'extra': --list-demos takes none" "$E2E_TMP/err"; then
	pass "--list-demos extra exits 2 and names the stray argument"
else
	fail "--list-demos extra exits 2 and names the stray argument (exit $rc)"
	diag "$(cat "$E2E_TMP/out" "$E2E_TMP/err")"
fi
"$FORKTOP" extra --list-themes >"$E2E_TMP/out" 2>"$E2E_TMP/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "unexpected argument 'extra': --list-themes takes none" \
	"$E2E_TMP/err"; then
	pass "a stray argument before --list-themes exits 2 as well"
else
	fail "a stray argument before --list-themes exits 2 as well (exit $rc)"
	diag "$(cat "$E2E_TMP/out" "$E2E_TMP/err")"
fi

# 18-19: a task left running at quit: its log relay is titled as such in ps, not as a
# second forktop. (A title takes the room of forktop's own command line: options that
# change nothing give it room whatever the path of the binary.)
tm_start "$FORKTOP" -d 5 --color=auto --theme default
wait_screen 'F1Help' >/dev/null
new_command 'while :; do echo tick; sleep 0.2; done' name="rl$$"
wait_screen "● running .*rl$$ \\(" >/dev/null
tpid=$(task_pid "rl$$")
[ -n "$tpid" ] && track_group "$tpid"
tm_keys q
wait_screen 'Quit: tasks are still running' >/dev/null
tm_keys l
wait_ended 15
_relay_titled() {
	ps -eo args= | grep -qxF "forktop: log relay for rl$$"
}
ok_if "the log relay of the task left running shows \"forktop: log relay for rl$$\" (task ${tpid:-?})" \
	eval "[ -n '$tpid' ] && wait_until _relay_titled"
[ -n "$tpid" ] && safe_kill_group TERM "$tpid"
ok_if "the relay ends with its task" eval "[ -n '$tpid' ] && wait_until eval '! _relay_titled'"
# 20-22: ./bootstrap is quiet unless a step fails, and waits for another apt's dpkg lock.
# Run in a copy with stand-ins for dpkg-query, apt-get and make, so nothing is installed
# or rebuilt here: the stand-ins print what the real ones print (50 build lines, a
# debconf warning) and record how they were called.
bs=$E2E_TMP/bs stubs=$E2E_TMP/stubs
mkdir -p "$bs/build" "$stubs"
cp "$TOP_SRCDIR/bootstrap" "$bs/"
touch -d '2 hours ago' "$bs/configure.ac" "$bs/Makefile.am"
printf '#!/bin/sh\nexit 0\n' >"$bs/configure"
chmod +x "$bs/configure"
touch -d '1 hour ago' "$bs/configure" "$bs/Makefile.in"
touch "$bs/build/Makefile" "$bs/build/config.status"
cat >"$stubs/dpkg-query" <<'STUB'
#!/bin/sh
for p; do :; done
[ "$p" = "${STUB_MISSING:-}" ] && exit 1
echo 'install ok installed'
STUB
cat >"$stubs/apt-get" <<'STUB'
#!/bin/sh
echo "apt-get $*" >>"$STUB_LOG"
echo 'debconf: delaying package configuration, since apt-utils is not installed' >&2
i=0; while [ $i -lt 20 ]; do echo "Get:$i http://deb.debian.org bookworm/main"; i=$((i+1)); done
STUB
cat >"$stubs/make" <<'STUB'
#!/bin/sh
i=0; while [ $i -lt 50 ]; do echo "  CC       src/file$i.o"; i=$((i+1)); done
exit "${STUB_MAKE_RC:-0}"
STUB
printf '#!/bin/sh\nexec "$@"\n' >"$stubs/sudo"
chmod +x "$stubs"/*
export STUB_LOG=$E2E_TMP/apt.calls
out=$(PATH="$stubs:$PATH" "$bs/bootstrap" build 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && [ -z "$out" ]; then
	pass "./bootstrap build on a built tree prints nothing (the 50 build lines go to a log)"
else
	fail "./bootstrap build on a built tree prints nothing (exit $rc)"
	diag "$out"
fi
out=$(STUB_MISSING=check PATH="$stubs:$PATH" "$bs/bootstrap" build 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && [ "$out" = "bootstrap: installing missing Debian packages: check" ] &&
	[ "$(grep -c -- '-o DPkg::Lock::Timeout=300' "$STUB_LOG")" -eq 2 ] &&
	grep -q 'install .*check' "$STUB_LOG"; then
	pass "a missing package: one line says so, no debconf warning; apt waits for the dpkg lock"
else
	fail "a missing package: one line says so, no debconf warning; apt waits for the dpkg lock"
	diag "exit $rc, output: $out"
	diag "apt-get calls: $(cat "$STUB_LOG" 2>/dev/null)"
fi
out=$(STUB_MAKE_RC=2 PATH="$stubs:$PATH" "$bs/bootstrap" build 2>&1)
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'src/file49.o' <<<"$out" &&
	grep -q 'bootstrap: the build (make) failed (exit 2)' <<<"$out"; then
	pass "a failing build shows its output and says which step failed"
else
	fail "a failing build shows its output and says which step failed (exit $rc)"
	diag "$out"
fi
finish
