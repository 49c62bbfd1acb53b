# lib.sh - shared helpers of the end-to-end tests; sourced by every tests/e2e/*.sh.
#
# Environment (set by `make check`): FORKTOP and FTSPAWN, absolute paths of the program and
# of the tree builder; TOP_SRCDIR. Every script prints TAP: plan, one line per check, and
# "# " diagnostics (the captured screen) for checks that fail.
#
#   TAP        plan N; pass DESC; fail DESC; ok_if DESC CMD...; is GOT WANT DESC;
#              diag TEXT...; finish (also run on exit: fills in checks never reached)
#   tmux       tm ARGS... (the private server); tm_start [-x W] [-y H] CMD...;
#              tm_keys KEY...; tm_type TEXT; tm_capture; tm_capture_e; tm_resize W H;
#              tm_pane_pid; tm_alive
#   waiting    wait_until CMD... (deadline WAIT_TIMEOUT, default 10 s);
#              wait_screen REGEX [TIMEOUT]; wait_no_screen REGEX [TIMEOUT];
#              wait_ended [TIMEOUT] (the pane's program); last_has REGEX...;
#              check_screen DESC REGEX [TIMEOUT]; check_no_screen DESC REGEX [TIMEOUT];
#              screen_never REGEX SECONDS; check_never DESC REGEX SECONDS (over a window)
#   forktop    task_pid NAME; track_tasks; new_dialog; new_command CMD [OPTION...];
#              quit_ending
#   selection  screen_attrs; screen_styles; selected_line; selected_pid;
#              wait_selected PID [TIMEOUT]; check_selected DESC PID [TIMEOUT]
#   columns    DEFAULT_HEADER_RE; use_columns LIST; PPID_COLUMNS
#   processes  spawn_tree ARGS...; proc_table; proc_subtree ROOT; proc_cmdline PID;
#              alive_over SECONDS PID...;
#              free_pid; safe_kill SIG PID; safe_kill_group SIG PGID
#
# Nothing here sleeps and hopes: every wait polls the real condition against a deadline.

set -u
set -o pipefail

export LC_ALL=C.UTF-8
unset TMUX TMUX_PANE

: "${FORKTOP:?FORKTOP must name the forktop binary}"
: "${FTSPAWN:?FTSPAWN must name the ftspawn helper}"
: "${TOP_SRCDIR:=.}"

E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/forktop-e2e.XXXXXX")
# The user's own forktoprc and themes never change what a test sees, and task logs stay
# in the run's directory (tests that want these set their own).
export XDG_CONFIG_HOME="$E2E_TMP/config" XDG_STATE_HOME="$E2E_TMP/state"
E2E_SOCKET=forktop-e2e-$$-0
_tm_servers=0
E2E_SESSION=main
WAIT_TIMEOUT=${WAIT_TIMEOUT:-10}
LAST_SCREEN=
E2E_GROUPS=()

# This shell's own process group: never to be signalled.
E2E_SELF_PGID=$(awk '{ sub(/.*\) /, ""); print $3 }' /proc/$$/stat)

# ---------------------------------------------------------------------------------------
# TAP

_tap_n=0
_tap_failed=0
_tap_plan=0

plan() {
	_tap_plan=$1
	echo "1..$1"
}

diag() {
	local line
	printf '%s\n' "$@" | while IFS= read -r line; do
		printf '# %s\n' "$line"
	done
}

pass() {
	_tap_n=$((_tap_n + 1))
	echo "ok $_tap_n - $1"
}

fail() {
	_tap_n=$((_tap_n + 1))
	_tap_failed=$((_tap_failed + 1))
	echo "not ok $_tap_n - $1"
}

# ok_if DESC CMD...: passes when CMD succeeds; returns CMD's status, so that a check can
# add its diagnostics: ok_if DESC CMD... || diag ...
ok_if() {
	local desc=$1
	shift
	if "$@"; then
		pass "$desc"
	else
		fail "$desc"
		return 1
	fi
}

# is GOT WANT DESC
is() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3"
		diag "got:  '$1'" "want: '$2'"
	fi
}

# Shows the last screen captured (or a fresh capture) as diagnostics.
diag_screen() {
	local s=${1-$LAST_SCREEN}
	[ -n "$s" ] || s=$(tm_capture 2>/dev/null)
	diag "screen ($(tm display -p -t "$E2E_SESSION" '#{pane_width}x#{pane_height}' 2>/dev/null)):"
	local line
	while IFS= read -r line; do
		printf '# |%s\n' "$line"
	done <<<"$s"
}

# diag_failed WHY [SCREEN]: what a failed screen check wanted, then the screen.
diag_failed() {
	diag "$1"
	shift
	diag_screen "$@"
}

# Closes the run: checks never reached count as failures, so the plan always holds.
finish() {
	while [ "$_tap_n" -lt "$_tap_plan" ]; do
		fail "not reached (the script stopped early)"
	done
	[ "$_tap_failed" -eq 0 ]
}

# ---------------------------------------------------------------------------------------
# Signals: every signal the tests send goes through these. They refuse pid/pgid <= 1, this
# shell, its parent and its own process group (as root, kill(-1) would end everything).

_signal_target_ok() {
	local what=$1 id=$2
	case "$id" in
	'' | *[!0-9]*)
		echo "lib.sh: refusing to signal $what '$id': not a number" >&2
		return 1
		;;
	esac
	if [ "$id" -le 1 ] || [ "$id" -eq $$ ] || [ "$id" -eq "$PPID" ] ||
		[ "$id" -eq "$E2E_SELF_PGID" ] || [ "$id" -eq "${BASHPID:-$$}" ]; then
		echo "lib.sh: refusing to signal $what $id" >&2
		return 1
	fi
}

# safe_kill SIG PID
safe_kill() {
	_signal_target_ok pid "$2" || return 1
	kill -s "$1" "$2" 2>/dev/null
}

# safe_kill_group SIG PGID: only a real process group of a living leader or member.
safe_kill_group() {
	_signal_target_ok "process group" "$2" || return 1
	kill -s "$1" -- "-$2" 2>/dev/null
}

# ---------------------------------------------------------------------------------------
# Processes

# "pid ppid state pgrp" for every process, read from /proc/PID/stat. The comm may hold
# spaces, ')' and newlines: fields are taken after the last ") ".
proc_table() {
	local f line pid rest
	for f in /proc/[0-9]*/stat; do
		line=
		{ IFS= read -r -d '' line <"$f"; } 2>/dev/null
		[ -n "$line" ] || continue
		pid=${line%% *}
		rest=${line##*) }
		# shellcheck disable=SC2086
		set -- $rest
		printf '%s %s %s %s\n' "$pid" "$2" "$1" "$3"
	done
}

# "pid ppid depth" for ROOT and each of its descendants, parents before children.
proc_subtree() {
	proc_table | awk -v root="$1" '
		{ ppid[$1] = $2; kids[$2] = kids[$2] " " $1 }
		END {
			if (!(root in ppid)) exit 1
			n = 1; q[1] = root; d[root] = 0
			for (i = 1; i <= n; i++) {
				p = q[i]
				print p, ppid[p], d[p]
				k = split(kids[p], c, " ")
				for (j = 1; j <= k; j++) { q[++n] = c[j]; d[c[j]] = d[p] + 1 }
			}
		}'
}

# The command line of PID with NULs as spaces (empty when gone).
proc_cmdline() {
	{ tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null | sed 's/ $//'
}

proc_alive() {
	[ -d "/proc/$1" ] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}

# alive_over SECONDS PID...: every PID stays alive for the whole window (a signal that was
# sent would end one within it); fails at the first that is gone.
alive_over() {
	local deadline=$(($(_now_ms) + $1 * 1000)) p
	shift
	while :; do
		for p in "$@"; do proc_alive "$p" || return 1; done
		[ "$(_now_ms)" -lt "$deadline" ] || return 0
		sleep 0.05
	done
}

# A pid no process has: counting down from pid_max.
free_pid() {
	local max p
	max=$(cat /proc/sys/kernel/pid_max)
	for ((p = max - 1; p > 300; p--)); do
		[ -e "/proc/$p" ] || { echo "$p"; return 0; }
	done
	return 1
}

# spawn_tree ARGS...: runs ftspawn, records the root's process group for clean-up and
# prints the root pid. Fails unless ftspawn printed a pid > 1 that leads its own group.
spawn_tree() {
	local out rc pgid
	out=$("$FTSPAWN" "$@")
	rc=$?
	case "$out" in '' | *[!0-9]*)
		echo "spawn_tree: ftspawn $* printed '$out' (exit $rc)" >&2
		return 1
		;;
	esac
	[ "$out" -gt 1 ] || return 1
	pgid=$(awk '{ sub(/.*\) /, ""); print $3 }' "/proc/$out/stat" 2>/dev/null)
	if [ "$pgid" = "$out" ]; then
		track_group "$out"
	else
		echo "spawn_tree: root $out does not lead its process group ($pgid)" >&2
	fi
	if [ "$rc" -ne 0 ]; then
		echo "spawn_tree: ftspawn $* exited $rc (not every process started)" >&2
		return 1
	fi
	echo "$out"
}

# Records a process group the test started some other way, for clean-up.
# Also written to a file: spawn_tree runs in a command substitution (a subshell), whose
# variables the clean-up would never see.
track_group() {
	E2E_GROUPS+=("$1")
	echo "$1" >>"$E2E_TMP/groups"
}

# ---------------------------------------------------------------------------------------
# tmux: one private server per script.

tm() {
	tmux -u -L "$E2E_SOCKET" -f /dev/null "$@"
}

# tm_start [-x W] [-y H] CMD...: a fresh session running CMD (no shell in between) in a
# W x H terminal (120x40) with TERM=xterm-256color and LC_ALL=C.UTF-8. The options are set
# before the pane starts: no status line, and the pane stays after CMD ends, so its last
# screen can still be read. (tmux scrolls the first line of a new pane into the history
# when it appears at once; tm_capture_all reads the history too.)
tm_start() {
	local w=120 h=40
	while [ $# -gt 0 ]; do
		case "$1" in
		-x) w=$2; shift 2 ;;
		-y) h=$2; shift 2 ;;
		*) break ;;
		esac
	done
	# A new server (socket) for each session: a server being killed may still answer on
	# its socket for a moment, and a client talking to it would fail.
	tm kill-server 2>/dev/null
	_tm_servers=$((_tm_servers + 1))
	E2E_SOCKET=forktop-e2e-$$-$_tm_servers
	tm start-server \; set-option -g exit-empty off \; set-option -g status off \; \
		set-option -g remain-on-exit on \; set-option -g default-size "${w}x$h" &&
		tm new-session -d -s "$E2E_SESSION" -x "$w" -y "$h" \
			env -u COLORTERM TERM=xterm-256color LC_ALL=C.UTF-8 "$@"
}

# tm_keys KEY...: tmux key names. Home and End are sent as xterm sends them (\eOH, \eOF,
# as in the xterm-256color terminfo the pane declares): tmux itself would send \e[1~ and
# \e[4~, which that terminfo names Find and Select.
tm_keys() {
	local k
	for k in "$@"; do
		case "$k" in
		Home) tm send-keys -t "$E2E_SESSION" -l -- $'\eOH' ;;
		End) tm send-keys -t "$E2E_SESSION" -l -- $'\eOF' ;;
		*) tm send-keys -t "$E2E_SESSION" -- "$k" ;;
		esac
	done
}

# Literal text, typed as it is.
tm_type() {
	# Through a paste buffer, not send-keys' arguments: a process whose command line held
	# the text would match forktop's own search and filter while it runs. One write,
	# as send-keys -l; -r keeps a newline as it is.
	printf '%s' "$1" | tm load-buffer -b e2e-type - &&
		tm paste-buffer -d -r -b e2e-type -t "$E2E_SESSION"
}

# The screen; with E2E_HISTORY=1 (or tm_capture_all), the lines scrolled off it as well.
tm_capture() {
	if [ "${E2E_HISTORY:-0}" = 1 ]; then
		tm capture-pane -p -S - -t "$E2E_SESSION"
	else
		tm capture-pane -p -t "$E2E_SESSION"
	fi
}

tm_capture_all() {
	tm capture-pane -p -S - -t "$E2E_SESSION"
}

tm_capture_e() {
	tm capture-pane -p -e -t "$E2E_SESSION"
}

tm_resize() {
	tm resize-window -t "$E2E_SESSION" -x "$1" -y "$2"
}

# The pid of the pane's program: forktop itself when tm_start runs it (env execs it).
tm_pane_pid() {
	tm display -p -t "$E2E_SESSION" '#{pane_pid}'
}

# The pane's program still runs.
tm_alive() {
	[ "$(tm display -p -t "$E2E_SESSION" '#{pane_dead}' 2>/dev/null)" = 0 ]
}

tm_format() {
	tm display -p -t "$E2E_SESSION" "$1"
}

# ---------------------------------------------------------------------------------------
# Waiting on conditions, with a deadline.

_now_ms() {
	local t=${EPOCHREALTIME//[.,]/}
	echo $((t / 1000))
}

# wait_until CMD...: polls CMD until it succeeds; WAIT_TIMEOUT seconds at most.
wait_until() {
	local deadline=$(($(_now_ms) + ${WAIT_FOR:-$WAIT_TIMEOUT} * 1000))
	while :; do
		"$@" && return 0
		[ "$(_now_ms)" -lt "$deadline" ] || return 1
		sleep 0.05
	done
}

_screen_has() {
	LAST_SCREEN=$(tm_capture 2>/dev/null)
	grep -qE -- "$1" <<<"$LAST_SCREEN"
}

# last_has REGEX...: every extended REGEX matches a line of the last capture taken.
last_has() {
	local re
	for re in "$@"; do
		grep -qE -- "$re" <<<"$LAST_SCREEN" || return 1
	done
}

_screen_lacks() {
	LAST_SCREEN=$(tm_capture 2>/dev/null)
	[ -n "$LAST_SCREEN" ] && ! grep -qE -- "$1" <<<"$LAST_SCREEN"
}

# wait_screen REGEX [TIMEOUT]: until a line of the screen matches the extended regex.
wait_screen() {
	WAIT_FOR=${2:-$WAIT_TIMEOUT} wait_until _screen_has "$1"
}

# wait_no_screen REGEX [TIMEOUT]: until no line of the screen matches.
wait_no_screen() {
	WAIT_FOR=${2:-$WAIT_TIMEOUT} wait_until _screen_lacks "$1"
}

_tm_dead() {
	! tm_alive
}

# wait_ended [TIMEOUT]: until the pane's program has ended (forktop quit or died).
wait_ended() {
	WAIT_FOR=${1:-$WAIT_TIMEOUT} wait_until _tm_dead
}

# check_screen DESC REGEX [TIMEOUT]: a test point; shows the screen when it fails.
check_screen() {
	ok_if "$1" wait_screen "$2" "${3:-}" || diag_failed "no line matched: $2"
}

check_no_screen() {
	ok_if "$1" wait_no_screen "$2" "${3:-}" || diag_failed "a line still matches: $2"
}

# screen_never REGEX SECONDS: no capture taken during the whole window matches (an
# absence is watched over refreshes, not glimpsed once); fails at the first that does.
screen_never() {
	local deadline=$(($(_now_ms) + $2 * 1000))
	while [ "$(_now_ms)" -lt "$deadline" ]; do
		_screen_has "$1" && return 1
		sleep 0.05
	done
	return 0
}

# check_never DESC REGEX SECONDS: a test point for screen_never.
check_never() {
	ok_if "$1" screen_never "$2" "$3" || diag_failed "a line matched during the window: $2"
}

# ---------------------------------------------------------------------------------------
# forktop's tasks, its New-task dialog, quitting it.

# A process row with a task state: forktop's own tasks (a demo process left over from
# elsewhere, "forktop: NAME (target)", has none).
_TASK_ROW='^ *[0-9]+ .*(● running|■ stopped|Z exited|✓ joined|✗ -|⇱ daemonized)'

# The pid on the row of the task named NAME (the TASK column shows "NAME (target)").
task_pid() {
	tm_capture | awk -v n="$1 (" -v row="$_TASK_ROW" 'index($0, n) && $0 ~ row {
		print $1; exit }'
}

# Every task row on the screen leads its own process group: cleaned up at the end even
# when a test fails half-way.
track_tasks() {
	local p
	for p in $(tm_capture | awk -v row="$_TASK_ROW" '$0 ~ row { print $1 }'); do
		track_group "$p"
	done
}

# The New-task dialog's fields, top to bottom: Down moves to the next.
_NEW_FIELDS=(target command args kwargs name count daemon detached)

# new_dialog: opens the New-task dialog, the focus on its first field (the target).
new_dialog() {
	tm_keys n
	wait_screen ' New task ' >/dev/null
}

# new_command CMD [OPTION...]: starts the command line CMD from the New-task dialog, target
# "command" (Left: the target list wraps to its last entry). OPTION: name=NAME, count=N,
# daemon, detached. Does not wait: the caller waits for what it means to see.
new_command() {
	local at=1 opt field want
	new_dialog
	tm_keys Left Down
	tm_type "$1"
	shift
	for opt in "$@"; do
		field=${opt%%=*}
		for ((want = 0; want < ${#_NEW_FIELDS[@]}; want++)); do
			[ "${_NEW_FIELDS[want]}" = "$field" ] && break
		done
		if [ "$want" -ge "${#_NEW_FIELDS[@]}" ] || [ "$want" -le "$at" ]; then
			echo "new_command: option '$opt' unknown or out of order" >&2
			return 1
		fi
		for (( ; at < want; at++)); do tm_keys Down; done
		case "$field" in
		daemon | detached) tm_keys Space ;;
		count) tm_keys BSpace; tm_type "${opt#*=}" ;;	# it holds "1"
		*) tm_type "${opt#*=}" ;;
		esac
	done
	tm_keys Enter
}

# Quits forktop like a user: q, and "e" (end them) when the quit dialog asks.
quit_ending() {
	tm_keys q
	if wait_screen 'Quit: tasks are still running' 2; then
		tm_keys e
	fi
	wait_ended 15
}

# ---------------------------------------------------------------------------------------
# Attributes and the selection.

# The SGR state of each screen line, from capture-pane -e, in one of two forms (MODE):
#   attrs   "LINE<TAB>FG<TAB>BG<TAB>TEXT": FG/BG are SGR codes ("30", "46", "38;5;6"), empty
#           for the default;
#   styles  "STYLE<TAB>TEXT": STYLE is "fg=FG,bg=BG,at=A1..A9" with the whole state: the
#           colours ("31", "5:196", "2:18:52:86") and bold, dim, italic, underline, blink,
#           reverse ... as 0/1.
# The state is the one in effect at the line's first character (tmux carries attributes
# from line to line in capture-pane -e); TEXT is the line without escape sequences.
_screen_sgr() {
	tm_capture_e | awk -v mode="$1" '
		function sgr(params,    n, a, i, v) {
			n = split(params, a, /[;:]/)
			if (n == 0) { reset(); return }
			for (i = 1; i <= n; i++) {
				v = a[i] + 0
				if (a[i] == "" || v == 0) reset()
				else if (v >= 1 && v <= 9) at[v] = 1
				else if (v == 22) { at[1] = 0; at[2] = 0 }
				else if (v >= 23 && v <= 29) at[v - 20] = 0
				else if ((v >= 30 && v <= 37) || (v >= 90 && v <= 97)) fg = v
				else if (v == 39) fg = ""
				else if ((v >= 40 && v <= 47) || (v >= 100 && v <= 107)) bg = v
				else if (v == 49) bg = ""
				else if (v == 38 || v == 48) {
					ext = (a[i + 1] == 5) ? 2 : 4
					val = v ";" a[i + 1] ";" a[i + 2]
					if (ext == 4) val = val ";" a[i + 3] ";" a[i + 4]
					if (v == 38) fg = val; else bg = val
					i += ext
				}
			}
		}
		function reset(   k) { fg = ""; bg = ""; for (k = 1; k <= 9; k++) at[k] = 0 }
		# An extended colour as styles shows it: "38;5;6" -> "5:6".
		function colon(c) { sub(/^[34]8;/, "", c); gsub(/;/, ":", c); return c }
		function state(   k, s) {
			if (mode == "attrs") return fg "\t" bg
			s = "fg=" colon(fg) ",bg=" colon(bg) ",at="
			for (k = 1; k <= 9; k++) s = s at[k]
			return s
		}
		BEGIN { reset() }
		{
			line = $0; text = ""; st = ""
			while (length(line) > 0) {
				if (substr(line, 1, 1) == "\033") {
					if (match(line, /^\033\[[0-9;:]*m/)) {
						sgr(substr(line, 3, RLENGTH - 3))
						line = substr(line, RLENGTH + 1)
					} else if (match(line, /^\033\[[0-9;:?]*[A-Za-z]/) ||
						   match(line, /^\033\][^\007]*\007/)) {
						line = substr(line, RLENGTH + 1)
					} else {
						line = substr(line, 2)
					}
					continue
				}
				if (st == "") st = state()
				if (match(line, /^[^\033]+/)) {
					text = text substr(line, 1, RLENGTH)
					line = substr(line, RLENGTH + 1)
				}
			}
			if (st == "") st = state()
			if (mode == "attrs") printf "%d\t%s\t%s\n", NR - 1, st, text
			else printf "%s\t%s\n", st, text
		}'
}

# Each screen line as "LINE<TAB>FG<TAB>BG<TAB>TEXT" (see _screen_sgr).
screen_attrs() {
	_screen_sgr attrs
}

# Each screen line as "STYLE<TAB>TEXT" (see _screen_sgr).
screen_styles() {
	_screen_sgr styles
}

# The SGR background of the selected row: black on cyan (46).
SELECTED_BG=${SELECTED_BG:-46}

# The text of the selected process row: a row (below the column header, above the key
# bar) that starts black on cyan. Prints nothing when no row is selected.
selected_line() {
	local attrs last
	attrs=$(screen_attrs)
	last=$(($(wc -l <<<"$attrs") - 1))
	awk -F '\t' -v bg="$SELECTED_BG" -v last="$last" \
		'$1 >= 2 && $1 < last - 0 && $3 == bg && $4 ~ /^ *[0-9]+ / {
			sub(/^[^\t]*\t[^\t]*\t[^\t]*\t/, ""); print }' <<<"$attrs"
}

# The pid of the selected row.
selected_pid() {
	selected_line | awk 'NR == 1 { print $1 }'
}

_selected_is() {
	LAST_SELECTED=$(selected_pid)
	[ "$LAST_SELECTED" = "$1" ]
}

# wait_selected PID [TIMEOUT]: until the selected row is that of PID.
wait_selected() {
	WAIT_FOR=${2:-$WAIT_TIMEOUT} wait_until _selected_is "$1"
}

# check_selected DESC PID [TIMEOUT]: a test point on the selected row.
check_selected() {
	ok_if "$1" wait_selected "$2" "${3:-}" ||
		diag_failed "selected pid: '${LAST_SELECTED:-}', wanted $2; selected line: $(selected_line)" \
			"$(tm_capture)"
}

# ---------------------------------------------------------------------------------------
# Clean-up: the tmux server, every process group started, the scratch directory.

_e2e_cleanup() {
	local rc=$? g
	tm kill-server 2>/dev/null
	[ -f "$E2E_TMP/groups" ] && mapfile -t -O "${#E2E_GROUPS[@]}" E2E_GROUPS <"$E2E_TMP/groups"
	for g in "${E2E_GROUPS[@]}"; do
		safe_kill_group TERM "$g"
	done
	for g in "${E2E_GROUPS[@]}"; do
		# A stopped member would keep the group alive; SIGKILL what is left.
		WAIT_FOR=2 wait_until _group_gone "$g" || safe_kill_group KILL "$g"
	done
	rm -rf "$E2E_TMP"
	if [ "$_tap_n" -lt "$_tap_plan" ] || [ "$_tap_failed" -gt 0 ]; then
		finish
		exit 1
	fi
	exit "$rc"
}

_group_gone() {
	_signal_target_ok "process group" "$1" 2>/dev/null || return 0
	! kill -0 -- "-$1" 2>/dev/null
}

trap _e2e_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

if ! command -v tmux >/dev/null; then
	echo "1..0 # SKIP tmux is not installed"
	trap - EXIT
	exit 0
fi

# ---------------------------------------------------------------------------------------
# Columns: the default ones are htop's (PID USER PRI NI VIRT RES SHR S CPU% MEM% TIME+,
# then TASK once there are tasks, and COMMAND). A test that reads a row's parent asks
# for PPID in its forktoprc.

# The column header of the default columns on a screen of 120 columns or more.
DEFAULT_HEADER_RE='^ +PID USER +PRI +NI +VIRT +RES +SHR S +CPU% MEM% +TIME\+  COMMAND$'
# PID, then PPID and S: rows read as "pid ppid state ...".
PPID_COLUMNS=PID,PPID,S,CPU,RES,THR,ELAPSED,TASK,COMMAND

# use_columns LIST: forktoprc's columns= (in this order) for every forktop the test starts.
use_columns() {
	mkdir -p "$XDG_CONFIG_HOME/forktop"
	printf 'columns = %s\n' "$1" >"$XDG_CONFIG_HOME/forktop/forktoprc"
}

# ---------------------------------------------------------------------------------------
# The screen's header: htop's meters on a terminal of 16 lines or more (40 columns or
# more), one line below that.

# column_header_at SCREEN: the index (from 0) of the column header line; the lines above
# it are the header.
column_header_at() {
	awk '/^ +PID +/ { print NR - 1; exit }' <<<"$1"
}

# header_ok W H TOP FIRST_LINE: the header fits the terminal: meters (a CPU bar first,
# three lines or more) when it is large enough, else the one " forktop 0.1.0" line.
header_ok() {
	if [ "$2" -ge 16 ] && [ "$1" -ge 40 ]; then
		[ "$3" -ge 3 ] && [[ $4 =~ ^\ *1\[ ]]
	else
		[ "$3" -eq 1 ] && [[ $4 == " forktop 0.1.0 "* ]]
	fi
}

