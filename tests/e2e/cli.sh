#!/usr/bin/env bash
# cli.sh - the command line: help, version, usage errors and their exit codes, --pid of
# a missing process, the --tree and --json listings, and the screen without a terminal.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 30

E2E_HISTORY=1	# messages printed as the pane starts may scroll into its history
OUT=$E2E_TMP/out
ERR=$E2E_TMP/err

# run CMD...: stdout in $OUT, stderr in $ERR, the exit status in $RC.
run() {
	"$@" >"$OUT" 2>"$ERR" </dev/null
	RC=$?
}

show_run() {
	diag "exit status: $RC" "stdout (first lines):" "$(head -n 5 "$OUT")" "stderr:" "$(cat "$ERR")"
}

# usage_error DESC PATTERN ARGS...: exit 2, nothing on stdout, one error line matching
# PATTERN and the hint, on stderr.
usage_error() {
	local desc=$1 pat=$2
	shift 2
	run "$FORKTOP" "$@"
	if [ "$RC" -eq 2 ] && [ ! -s "$OUT" ] && [ "$(wc -l <"$ERR")" -eq 2 ] &&
		head -n 1 "$ERR" | grep -qE -- "^forktop: $pat" &&
		[ "$(sed -n 2p "$ERR")" = "Try 'forktop --help' for more information." ]; then
		pass "$desc"
	else
		fail "$desc"
		show_run
	fi
}

# pane_exits DESC SCRIPT STATUS MESSAGE CMD...: sh -c SCRIPT (forktop as $0) in a terminal
# prints a line holding MESSAGE and exits STATUS, and CMD holds then.
pane_exits() {
	local desc=$1 script=$2 status=$3 msg=$4
	shift 4
	tm_start sh -c "$script; echo \"EXIT=\$?\"" "$FORKTOP"
	if wait_screen '^EXIT=' && last_has "$msg" "^EXIT=$status\$" && "$@"; then
		pass "$desc"
	else
		fail "$desc"
		diag_screen
	fi
}

# 1-3
run "$FORKTOP" --help
missing=
for o in --delay --pid --tree --json --list --kernel-threads --no-unicode --help --version; do
	grep -qe "$o" "$OUT" || missing="$missing $o"
done
if [ "$RC" -eq 0 ] && [ ! -s "$ERR" ] && head -n 1 "$OUT" | grep -q '^Usage: forktop' &&
	[ -z "$missing" ]; then
	pass "--help exits 0 and lists every option"
else
	fail "--help exits 0 and lists every option"
	diag "missing:$missing"
	show_run
fi
cp "$OUT" "$E2E_TMP/help"
run "$FORKTOP" -h
if [ "$RC" -eq 0 ] && cmp -s "$OUT" "$E2E_TMP/help"; then
	pass "-h prints the same help"
else
	fail "-h prints the same help"
	show_run
fi
run "$FORKTOP" --version
if [ "$RC" -eq 0 ] && [ "$(cat "$OUT")" = "forktop 0.1.0" ] && [ ! -s "$ERR" ]; then
	pass "--version prints 'forktop 0.1.0' and exits 0"
else
	fail "--version prints 'forktop 0.1.0' and exits 0"
	show_run
fi

# 4-16: usage errors.
usage_error "an unknown long option exits 2 with one error line and the hint" \
	"unknown option '--bogus'\$" --bogus
usage_error "an unknown short option exits 2 and names it" "unknown option '-x'\$" -x
usage_error "-d 0 exits 2" "invalid value '0' for --delay" -d 0
usage_error "-d abc exits 2" "invalid value 'abc' for --delay" -d abc
usage_error "-d 601 exits 2" "invalid value '601' for --delay" -d 601
usage_error "--pid -5 exits 2" "invalid value '-5' for --pid" --pid -5
usage_error "--pid abc exits 2" "invalid value 'abc' for --pid" --pid abc
usage_error "--pid 0 exits 2" "invalid value '0' for --pid" --pid 0
usage_error "--pid without a value exits 2" "option '--pid' needs a value" --pid
usage_error "--tree --json together exit 2" "--tree and --json cannot be combined" --tree --json
usage_error "--json --tree together exit 2" "--json and --tree cannot be combined" --json --tree
usage_error "a stray argument exits 2" "unexpected argument 'foo'" --tree foo

# 16: the bounds of --delay are accepted.
run "$FORKTOP" -d 1 --tree --pid 1
rc1=$RC
run "$FORKTOP" --delay 600 --tree --pid 1
if [ "$rc1" -eq 0 ] && [ "$RC" -eq 0 ] && [ -s "$OUT" ]; then
	pass "-d 1 and --delay 600 are accepted"
else
	fail "-d 1 and --delay 600 are accepted"
	show_run
fi

# 17-19: --pid of a process that does not exist.
free=$(free_pid)
for mode in --tree --json; do
	run "$FORKTOP" "$mode" --pid "$free"
	if [ "$RC" -eq 1 ] && [ ! -s "$OUT" ] &&
		[ "$(cat "$ERR")" = "forktop: no process with pid $free" ]; then
		pass "$mode --pid $free (no such process) exits 1 with a message"
	else
		fail "$mode --pid $free (no such process) exits 1 with a message"
		show_run
	fi
done
tm_start sh -c '"$0" --pid "$1"; echo "EXIT=$?"' "$FORKTOP" "$free"
if wait_screen '^EXIT=[0-9]+' && last_has "^forktop: no process with pid $free\$" '^EXIT=1$'; then
	pass "the screen with --pid $free (no such process) exits 1 with a message"
else
	fail "the screen with --pid $free (no such process) exits 1 with a message"
	diag_screen
fi

# 20-23: --tree.
run "$FORKTOP" --tree
if [ "$RC" -eq 0 ] &&
	[ "$(head -n 1 "$OUT")" = "    PID USER      PRI  NI  VIRT   RES   SHR S  CPU% MEM%     TIME+  COMMAND" ] &&
	[ "$(wc -l <"$OUT")" -gt 10 ]; then
	pass "--tree prints the column header and every process"
else
	fail "--tree prints the column header and every process"
	show_run
fi
if ! LC_ALL=C grep -q $'\e' "$OUT"; then
	pass "--tree output holds no ESC byte"
else
	fail "--tree output holds no ESC byte"
	diag "$(LC_ALL=C grep -n $'\e' "$OUT" | head -n 3 | cat -v)"
fi
# (on a tree of the test's own: other processes' command lines may hold box drawing)
cltree=$(spawn_tree -f 2 -d 1 -n cl$$x) || cltree=
run "$FORKTOP" --tree --pid "${cltree:-1}"
if grep -qE '^ *[0-9]+ .*  (\|  |   )*\|- ' "$OUT" &&
	grep -qE '^ *[0-9]+ .*  (\|  |   )*\\- ' "$OUT" && ! grep -qE '[├└│─]' "$OUT"; then
	pass "--tree into a pipe draws ASCII connectors |- and \\-"
else
	fail "--tree into a pipe draws ASCII connectors |- and \\-"
	diag "$(head -n 8 "$OUT")"
fi
tree=$(spawn_tree -f 2 -d 1 -n cli)
tm_start sh -c '"$0" --tree --pid "$1"; "$0" --tree -U --pid "$1"; echo "EXIT=$?"' \
	"$FORKTOP" "$tree"
if wait_screen '^EXIT=' && [ "$(grep -cE ' ├─ cli-0\.1$| └─ cli-0\.2$' <<<"$LAST_SCREEN")" -eq 2 ] &&
	[ "$(grep -cE ' \|- cli-0\.1$| \\- cli-0\.2$' <<<"$LAST_SCREEN")" -eq 2 ]; then
	pass "--tree on a terminal draws ├─ └─, and ASCII with -U"
else
	fail "--tree on a terminal draws ├─ └─, and ASCII with -U"
	diag_screen
fi

# 24-26: --json.
run "$FORKTOP" --json
if [ "$RC" -eq 0 ] && jq -e '.processes | length > 10' "$OUT" >/dev/null 2>&1; then
	pass "--json is valid JSON (jq) with every process"
else
	fail "--json is valid JSON (jq) with every process"
	show_run
	diag "$(jq . "$OUT" 2>&1 >/dev/null | head -n 3)"
fi
bad=$(jq -c '.processes[] | select(
	(.pid | type) != "number" or (.ppid | type) != "number" or
	(.state | type) != "string" or (.state | length) != 1 or
	(.name | type) != "string" or (.cmdline | type) != "string" or
	(.cpu | type) != "number" or (.rss_kb | type) != "number" or
	(.threads | type) != "number" or (.start_time | type) != "number" or
	(.elapsed_s | type) != "number" or (.depth | type) != "number")' "$OUT" 2>&1 | head -n 3)
if [ "$RC" -eq 0 ] && [ -z "$bad" ]; then
	pass "--json: every process has pid, ppid, state, name, cmdline, cpu, rss_kb, threads, start_time, elapsed_s, depth"
else
	fail "--json: every process has pid, ppid, state, name, cmdline, cpu, rss_kb, threads, start_time, elapsed_s, depth"
	diag "$bad"
fi
# start_time is an identity: the same on every run (from the kernel's boot time, not
# from the clock's current second), and equal to btime + starttime / ticks per second.
st1=$("$FORKTOP" --json --pid "$tree" | jq '.processes[0].start_time')
st2=$("$FORKTOP" --json --pid "$tree" | jq '.processes[0].start_time')
want_st=$(awk -v bt="$(awk '/^btime/ { print $2 }' /proc/stat)" -v hz="$(getconf CLK_TCK)" \
	'{ sub(/.*\) /, ""); printf "%.2f", bt + $20 / hz }' "/proc/$tree/stat")
if [ -n "$st1" ] && [ "$st1" = "$st2" ] && awk -v a="$st1" -v b="$want_st" 'BEGIN { exit !(a == b) }'; then
	pass "--json start_time is stable across runs and is btime + starttime/CLK_TCK ($st1)"
else
	fail "--json start_time is stable across runs and is btime + starttime/CLK_TCK ($st1)"
	diag "runs: $st1 $st2, from /proc: $want_st"
fi
run "$FORKTOP" --json --pid "$tree"
got=$(jq -r '[.processes[] | "\(.pid):\(.ppid):\(.depth):\(.name):\(.cmdline)"] | join(" ")' "$OUT" 2>&1)
# (the children's pids from /proc: another run may take the pids in between)
mapfile -t kids < <(awk -v p="$tree" '$2 == p { print $1 }' <<<"$(proc_subtree "$tree")" | sort -n)
want="$tree:1:0:cli:cli-0 ${kids[0]:-x}:$tree:1:cli:cli-0.1 ${kids[1]:-x}:$tree:1:cli:cli-0.2"
if [ "$(jq -r '.processes[0].ppid' "$OUT" 2>/dev/null)" != 1 ]; then
	# The root's parent is whoever adopted it (a subreaper perhaps), not always 1.
	want=$(sed "s/^$tree:1:/$tree:$(awk '{ sub(/.*\) /, ""); print $2 }' /proc/"$tree"/stat):/" <<<"$want")
fi
is "$got" "$want" "--json --pid: the root (depth 0) then its children, names and command lines"

# 27-28: the screen needs a terminal.
run "$FORKTOP"
if [ "$RC" -ne 0 ] && [ ! -s "$OUT" ] && grep -q 'needs a terminal' "$ERR"; then
	pass "the screen without a terminal exits non-zero with a clear message"
else
	fail "the screen without a terminal exits non-zero with a clear message"
	show_run
fi
screen_untouched() { [ "$(tm_format '#{alternate_on}')" = 0 ]; }
no_key_bar() { ! grep -q 'F1Help' <<<"$LAST_SCREEN"; }
pane_exits "stdin not a terminal (stdout is): exit 2 with the message, the screen untouched" \
	'"$0" </dev/null' 2 'the screen needs a terminal' screen_untouched
pane_exits "TERM=dumb: exit 1 with a message, no half-drawn screen" \
	'TERM=dumb "$0"' 1 "terminal type 'dumb' cannot move the cursor" no_key_bar

finish
