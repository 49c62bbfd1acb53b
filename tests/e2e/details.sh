#!/usr/bin/env bash
# details.sh - a process in detail, as htop's e, l and s show it: the environment variable
# the test set on its own process, a file it holds open and a TCP socket it listens on,
# the sections (number keys), the parent chain up to pid 1, strace attached and detached
# (no strace left behind), the message without strace, and the view of a process that
# ends while it is open; the RSS graph of a process of flat RSS is not a full bar.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 15

tag=ftd$$x$RANDOM
file=$E2E_TMP/held-$tag.txt
portfile=$E2E_TMP/port
echo "held by the test" >"$file"

# The test's process: FT_DETAILS_MARK in its environment, $file open, a TCP socket
# listening on 127.0.0.1 (its port written to $portfile) and a line written every 0.2 s
# (a system call for strace to show). perl (perl-base, on every Debian), else python3,
# else bash without the socket.
perl_src='
	my $s = IO::Socket::INET->new(Listen => 5, LocalAddr => "127.0.0.1", LocalPort => 0)
		or die "listen: $!";
	open(my $h, "<", $ARGV[0]) or die "$ARGV[0]: $!";
	open(my $p, ">", $ARGV[1]) or die; print $p $s->sockport, "\n"; close $p;
	while (1) { syswrite(STDOUT, "tick-$ARGV[2]\n"); select(undef, undef, undef, 0.2) }'
python_src='
import os, socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(5)
h = open(sys.argv[1])
with open(sys.argv[2], "w") as p: p.write("%d\n" % s.getsockname()[1])
while True:
    os.write(1, ("tick-" + sys.argv[3] + "\n").encode()); time.sleep(0.2)'
if perl -MIO::Socket::INET -e 1 2>/dev/null; then
	held=(perl -MIO::Socket::INET -e "$perl_src")
elif command -v python3 >/dev/null; then
	held=(python3 -c "$python_src")
else
	held=(bash -c 'exec 7<"$1"; while :; do echo "tick-$3"; sleep 0.2; done' held)
fi
# setsid: a process group of its own (the clean-up ends it); not a group leader here, so
# setsid runs it in place and $! is its pid.
FT_DETAILS_MARK=value-$tag setsid "${held[@]}" "$file" "$portfile" "$tag" \
	</dev/null >/dev/null 2>&1 &
hpid=$!
track_group "$hpid"
port_ready() { [ -s "$portfile" ] || [ "${held[0]}" = bash ]; }
wait_until port_ready
port=$(cat "$portfile" 2>/dev/null)

# The body of the details view from the section heading "N TITLE" to the next one.
section_of() {
	awk -v h="$1" '$0 ~ "^ +[0-9] " h "$" { on = 1; next } on && /^ +[0-9] [A-Z]/ { exit } on' \
		<<<"$LAST_SCREEN"
}

tm_start -y 50 "$FORKTOP" -d 5 --pid "$hpid"
ftpid=$(tm_pane_pid)
# 1
check_selected "forktop --pid shows the test's process $hpid, selected" "$hpid"

# 2-3: e: the environment, and the graphs of the process above the sections.
tm_keys e
check_screen "e shows FT_DETAILS_MARK=value-$tag, set on the test's process" \
	"^ +FT_DETAILS_MARK +value-$tag\$"
ok_if "the details show the process's CPU% and RSS graphs" \
	grep -qE '^ +CPU% .* RSS ' <<<"$LAST_SCREEN"

# 4: Esc closes it.
tm_keys Escape
check_no_screen "Esc closes the details" "FT_DETAILS_MARK"

# 5-6: l: the open files, the held file and the listening socket among them.
tm_keys l
check_screen "l shows the file the process holds open ($file)" "^ +[0-9]+ +$file  \\(r"
if [ "${held[0]}" = bash ]; then
	echo "ok 6 # SKIP no perl or python3 here to open a listening socket"
	_tap_n=$((_tap_n + 1))
else
	check_screen "l shows its socket listening on 127.0.0.1:$port" \
		"^ +[0-9]+ +TCP 127\\.0\\.0\\.1:$port \\(LISTEN\\)"
fi

# 7: 0 jumps to the tenth section, the signal masks.
tm_keys 0
check_screen "0 jumps to the signals: blocked, ignored and caught in names" \
	'^ +caught +(none|SIG[A-Z0-9]+)'

# 8: 3: the parent chain, from this script's shell up to pid 1.
tm_keys 3
if wait_screen '^ +3 Parents$' && section_of Parents | grep -qE "^ +$$ +" &&
	section_of Parents | grep -qE '^ +1 +[^ ]'; then
	pass "3 shows the parent chain: this script's shell $$, up to pid 1"
else
	fail "3 shows the parent chain: this script's shell $$, up to pid 1"
	diag_screen
fi

# 9: Shift-Tab goes back a section: the command, scrolled past at 3, comes on top.
tm_keys BTab
check_screen "Shift-Tab goes back to the section before (2 Command)" '^ +2 Command$'
tm_keys Escape
wait_no_screen '3 Parents' >/dev/null

# 10-12: s attaches strace; Esc detaches, and the strace process is gone (not even a
# zombie of forktop's) while the traced process lives on.
# A strace child of forktop, running or a zombie. (A process that ends meanwhile makes
# cat fail: under pipefail only awk's answer may count.)
strace_left() {
	{ cat /proc/[0-9]*/stat 2>/dev/null || :; } | awk -v pp="$ftpid" '
		index($0, "(strace) ") { s = $0; sub(/.*\) /, "", s); split(s, f, " ")
					 if (f[2] == pp) found = 1 }
		END { exit !found }'
}
gone_over() {	# MS: no strace of forktop's and the process alive all along
	local deadline=$(($(_now_ms) + $1))
	while [ "$(_now_ms)" -lt "$deadline" ]; do
		! strace_left && proc_alive "$hpid" || return 1
		sleep 0.05
	done
}
if command -v strace >/dev/null; then
	tm_keys s
	check_screen "s attaches strace: the process's write of tick-$tag shows" \
		"write\\(1, \"tick-$tag"
	ok_if "strace is forktop's child while attached" strace_left
	tm_keys Escape
	if wait_screen "strace detached from $hpid" && wait_until eval '! strace_left' &&
		gone_over 1500; then
		pass "Esc detaches: no strace left over 1.5 s, the process still runs"
	else
		fail "Esc detaches: no strace left over 1.5 s, the process still runs"
		diag_screen
	fi
else
	for i in 9 10 11; do echo "ok $i # SKIP strace is not installed (apt-get install strace)"; done
	_tap_n=$((_tap_n + 3))
fi

# 13: without strace in PATH, s says how to install it.
tm_start -y 50 env PATH=/nonexistent "$FORKTOP" -d 5 --pid "$hpid"
wait_selected "$hpid" >/dev/null
tm_keys s
check_screen "without strace, s says how to install it" \
	'strace is not installed: apt-get install strace'

# 14: the process ends while its details are open: said, the last view kept.
tm_keys Enter
wait_screen "^ +FT_DETAILS_MARK|^ +1 Process" >/dev/null
safe_kill KILL "$hpid"
check_screen "a process that ends while its details are open is said to have ended" \
	"Details of $hpid: the process has ended"

# 15: a flat RSS is not drawn as a full bar: the graph's ceiling, printed beside the
# figure, is twice the RSS or more (btop's choice), at most five times (a round step
# above). dd holds its 6 MiB buffer while it waits to write into a pipe never read.
setsid bash -c "dd if=/dev/zero bs=6M count=1 2>/dev/null | exec -a $tag-pipe sleep 300" \
	</dev/null >/dev/null 2>&1 &
droot=$!
track_group "$droot"
dd_full() {
	ddpid=$(pgrep -P "$droot" -x dd | head -n 1)
	[ -n "$ddpid" ] && [ "$(awk '/^VmRSS:/ { print $2 }' "/proc/$ddpid/status")" -ge 6144 ]
}
wait_until dd_full || diag "dd did not fill its buffer"
kib() { awk -v v="$1" 'BEGIN { n = v + 0; u = substr(v, length(v))
	print int(n * (u == "M" ? 1024 : u == "G" ? 1048576 : u == "T" ? 1073741824 : 1)) }'; }
tm_start -y 50 "$FORKTOP" -d 1 --pid "$ddpid"
wait_selected "$ddpid" >/dev/null
tm_keys Enter
rss_ceiling() {
	LAST_SCREEN=$(tm_capture)
	local fig
	fig=$(grep -oE ' [0-9.]+[KMGT]?/[0-9.]+[KMGT]$' <<<"$LAST_SCREEN" | head -n 1) || return 1
	fig=${fig# }
	now=$(kib "${fig%/*}") top=$(kib "${fig#*/}")
	[ "$now" -ge 6144 ] && [ "$top" -ge $((2 * now)) ] && [ "$top" -le $((5 * now)) ]
}
if wait_until rss_ceiling; then
	pass "a flat RSS ($now KiB) is drawn against a ceiling of $top KiB: 2 to 5 times it"
else
	fail "a flat RSS is drawn against a ceiling 2 to 5 times it (${now:-?}/${top:-?} KiB)"
	diag_screen
fi
tm_keys Escape q
safe_kill_group TERM "$droot"
