#!/usr/bin/env bash
# signals.sh - forktop leaves the terminal as it found it: run from an interactive bash in
# tmux, whether it quits with q, is ended by SIGTERM, SIGINT (also Ctrl-C), SIGHUP or
# SIGQUIT, or crashes (SIGSEGV), the shell's prompt comes back on the main screen with
# the cursor shown, keypad and mouse modes off and the tty modes as before (stty). Ctrl-Z
# suspends it to the prompt and fg brings the screen back, working. Closing the terminal
# ends it.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 26

# Rows are read as "pid ppid state ...": the columns PID, PPID, S first.
use_columns "$PPID_COLUMNS"

# The shell: a prompt that shows the last exit status, no history, no core files, the
# tty modes recorded at start, and ttyck TAG, which prints TTY-OK-TAG when the modes are
# those again (stty -g) with icanon and echo, TTY-BAD-TAG and the modes otherwise.
cat >"$E2E_TMP/rc" <<EOF
PS1='E2E[\$?]\$ '
unset HISTFILE PROMPT_COMMAND
set +o history
ulimit -c 0
F='$FORKTOP'
TTY0=\$(stty -g)
cls() { printf '\\033[H\\033[2J\\033[3J'; }
ttyck() {
	local a=" \$(stty -a | tr -s ';\\n' '  ') "
	if [ "\$(stty -g)" = "\$TTY0" ] && [[ \$a == *" icanon "* && \$a == *" echo "* ]]; then
		echo "TTY-OK-\$1 (icanon echo, as at start)"
	else
		echo "TTY-BAD-\$1:\$a"
	fi
}
EOF

# The terminal modes tmux tracks: alternate screen, cursor shown, keypad (cursor keys
# and keypad), mouse reporting.
MODES='alt=#{alternate_on} cursor=#{cursor_flag} kcursor=#{keypad_cursor_flag} keypad=#{keypad_flag} mouse=#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}#{mouse_all_flag}#{mouse_sgr_flag}'

tm_start bash --noprofile --rcfile "$E2E_TMP/rc" -i
shell=$(tm_pane_pid)
PROMPT_RE='^E2E\[[0-9]+\]\$$'

# Only the prompt on a cleared screen.
_clean_prompt() {
	LAST_SCREEN=$(tm_capture)
	[ "$(grep -c . <<<"$LAST_SCREEN")" -eq 1 ] && head -n 1 <<<"$LAST_SCREEN" | grep -qE "$PROMPT_RE"
}

# The prompt came back after the command tagged #TAG: the last line written after it is
# a prompt; its status goes to PSTATUS.
_prompt_back() {
	LAST_SCREEN=$(tm_capture)
	PSTATUS=$(awk -v tag="#$1" '
		!seen && index($0, tag) { seen = NR; next }
		seen && NF { last = $0 }
		END {
			if (!seen || last !~ /^E2E\[[0-9]+\]\$$/) exit 1
			sub(/^E2E\[/, "", last); sub(/\].*$/, "", last); print last
		}' <<<"$LAST_SCREEN")
}

_forktop_up() {
	FTPID=$(pgrep -s "$shell" -x forktop | head -n 1)
	[ -n "$FTPID" ] && [ "$(tm_format '#{alternate_on}')" = 1 ] && _screen_has '^ +PID +PPID ' &&
		_screen_has '^F1Help '
}

# start TAG [CMD]: resets the tty modes, clears the screen, types CMD (by default forktop
# on the shell's own subtree) with the comment #TAG and waits for forktop's screen; its
# pid goes to FTPID.
start() {
	local tag=$1 cmd=${2:-'$F -d 2 --pid $$'}
	FTPID=
	tm_type 'stty "$TTY0"; cls'	# each case from sane modes, whatever the last left
	tm_keys Enter
	wait_until _clean_prompt || diag "the shell did not come back to a clean prompt"
	tm_type "$cmd #$tag"
	tm_keys Enter
	if ! wait_until _forktop_up; then
		diag "$tag: forktop's screen did not come up (pid '$FTPID')"
		diag_screen
		return 1
	fi
}

# check_exit DESC TAG [STATUS]: the prompt is back (with STATUS if given) and forktop
# (FTPID) is gone.
check_exit() {
	local desc=$1 tag=$2 want=${3:-}
	if [ -n "$FTPID" ] && wait_until _prompt_back "$tag" &&
		{ [ -z "$want" ] || [ "$PSTATUS" = "$want" ]; } && wait_until eval '! proc_alive "$FTPID"'; then
		pass "$desc"
	else
		fail "$desc"
		diag "prompt status: '${PSTATUS:-}' (want '${want:-any}'), forktop pid '$FTPID'"
		diag_screen
	fi
}

# check_restored DESC TAG: the modes tmux tracks are those of the start, and ttyck in
# the shell finds the tty modes as at the start.
check_restored() {
	local desc=$1 tag=$2 modes
	modes=$(tm_format "$MODES")
	tm_type "ttyck $tag"
	tm_keys Enter
	if [ "$modes" = "$MODES0" ] && wait_screen "^TTY-(OK|BAD)-$tag" &&
		grep -q "^TTY-OK-$tag " <<<"$LAST_SCREEN"; then
		pass "$desc"
	else
		fail "$desc"
		diag "terminal modes: $modes" "at start:       $MODES0"
		diag_screen
	fi
}

wait_until _clean_prompt >/dev/null
MODES0=$(tm_format "$MODES")
if [ "$MODES0" != 'alt=0 cursor=1 kcursor=0 keypad=0 mouse=00000' ]; then
	diag "the shell's terminal modes at start: $MODES0"
fi

# 1-12: q, SIGTERM, SIGINT, Ctrl-C, SIGHUP, SIGQUIT.
for how in q TERM INT C-c HUP QUIT; do
	tag=$(tr 'A-Z-' 'a-z_' <<<"$how")
	case $how in
	q) what="q" ;;
	C-c) what="Ctrl-C" ;;
	*) what="SIG$how" ;;
	esac
	if start "$tag"; then
		case $how in
		q | C-c) tm_keys "$how" ;;
		*) safe_kill "$how" "$FTPID" ;;
		esac
	fi
	if [ "$how" = q ]; then
		check_exit "q: forktop exits 0 and the shell's prompt comes back" "$tag" 0
	else
		check_exit "$what: forktop exits and the shell's prompt comes back" "$tag"
	fi
	check_restored "$what: main screen, cursor shown, keypad and mouse off, stty as before (icanon echo)" "$tag"
done

# 13-14: a crash. The shell reports it (status 139); forktop's handler has left the
# alternate screen, shown the cursor, turned keypad and mouse modes off.
start segv && safe_kill SEGV "$FTPID"
if wait_until _prompt_back segv && [ "$PSTATUS" = 139 ] && grep -q '^Segmentation fault' <<<"$LAST_SCREEN"; then
	pass "SIGSEGV: the shell reports 'Segmentation fault', status 139, its prompt comes back"
else
	fail "SIGSEGV: the shell reports 'Segmentation fault', status 139, its prompt comes back"
	diag "prompt status: '${PSTATUS:-}'"
	diag_screen
fi
check_restored "SIGSEGV: main screen, cursor shown, keypad and mouse off, stty as before" segv

# 15: bash puts the tty back itself after a job killed by a signal; under bash -c it
# does not (no job control), so there only forktop's crash handler restores the modes.
start segvwrap 'bash -c '\''"$0" -d 2 --pid "$1"; echo "EXIT=$?"'\'' "$F" $$' &&
	safe_kill SEGV "$FTPID"
if wait_until _prompt_back segvwrap && grep -qx 'EXIT=139' <<<"$LAST_SCREEN" &&
	wait_until eval '! proc_alive "$FTPID"'; then
	check_restored "SIGSEGV under bash -c (nothing else restores): the crash handler restores stty and the screen" segvwrap
else
	fail "SIGSEGV under bash -c (nothing else restores): the crash handler restores stty and the screen"
	diag "no EXIT=139 and prompt after the crash under bash -c"
	diag_screen
fi

# 16-20: Ctrl-Z suspends to the prompt (the screen left, the tty as before); fg brings it
# back, redrawn and answering keys; q then quits.
_stopped() {
	[ "$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$FTPID/stat" 2>/dev/null)" = T ] &&
		_prompt_back tstp && grep -q 'Stopped' <<<"$LAST_SCREEN"
}
start tstp && tm_keys C-z
if [ -n "$FTPID" ] && wait_until _stopped && [ "$(tm_format "$MODES")" = "$MODES0" ]; then
	pass "Ctrl-Z: forktop is stopped (T), the shell says 'Stopped', the main screen is back"
else
	fail "Ctrl-Z: forktop is stopped (T), the shell says 'Stopped', the main screen is back"
	diag "forktop $FTPID state: $(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$FTPID/stat" 2>/dev/null), wchan: $(cat "/proc/$FTPID/wchan" 2>/dev/null)"
	diag "$(grep -E '^(SigPnd|ShdPnd|SigBlk|SigCgt)' "/proc/$FTPID/status" 2>/dev/null)"
	diag "tty: $(stty -a <"/proc/$FTPID/fd/0" 2>/dev/null | grep -oE '(-)?(isig|icanon|echo) ' | tr -d '\n')"
	diag "$(ps -o pid,pgid,tpgid,stat,wchan:24,args -s "$shell" 2>&1)"
	diag "terminal modes: $(tm_format "$MODES")"
	diag_screen
fi
check_restored "Ctrl-Z: at the prompt, stty as before (icanon echo), cursor shown, mouse off" tstp
tm_type fg
tm_keys Enter
_resumed() {
	_forktop_up && [ "$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$FTPID/stat" 2>/dev/null)" != T ] &&
		_screen_has '^ +PID +PPID S ' && _screen_has "^ *$FTPID +$shell [A-Z] "
}
modes_fg=
if wait_until _resumed && modes_fg=$(tm_format "$MODES") && tm_keys Down && wait_selected "$FTPID"; then
	pass "fg: forktop's screen is redrawn (header, rows, key bar) and keys work again"
else
	fail "fg: forktop's screen is redrawn (header, rows, key bar) and keys work again"
	diag "selected: '$(selected_pid)', wanted forktop's row $FTPID (Down pressed once)"
	diag "terminal modes once the screen was back: $modes_fg"
	diag "(with kcursor=0 the terminal sends Down as ESC [ B, not the ESC O B of the terminfo)"
	diag_screen
fi
tm_keys q
if wait_until _prompt_back tstp && [ "$PSTATUS" = 0 ] && wait_until eval '! proc_alive "$FTPID"' &&
	[ "$(tm_format "$MODES")" = "$MODES0" ]; then
	pass "q after fg: forktop exits 0, the prompt is back on the main screen"
else
	fail "q after fg: forktop exits 0, the prompt is back on the main screen"
	diag "prompt status: '${PSTATUS:-}'"
	diag_screen
fi

# 20: and the tty modes after that.
tm_type "ttyck tstpq"
tm_keys Enter
if wait_screen '^TTY-(OK|BAD)-tstpq' && grep -q '^TTY-OK-tstpq ' <<<"$LAST_SCREEN"; then
	pass "q after fg: stty as before (icanon echo)"
else
	fail "q after fg: stty as before (icanon echo)"
	diag_screen
fi

# 21-23: a SIGSTOP from outside (not Ctrl-Z) and fg: the screen and the keys come back
# (forktop restores its terminal modes on SIGCONT); q then leaves the tty as it was.
start stop && safe_kill STOP "$FTPID"
if [ -n "$FTPID" ] && wait_until eval '[ "$(awk "{ sub(/.*\\) /, \"\"); print \$1 }" "/proc/$FTPID/stat" 2>/dev/null)" = T ]'; then
	tm_type fg
	tm_keys Enter
fi
if wait_until _resumed && tm_keys Down && wait_selected "$FTPID"; then
	pass "SIGSTOP from outside, then fg: the screen is redrawn and keys work (not echoed)"
else
	fail "SIGSTOP from outside, then fg: the screen is redrawn and keys work (not echoed)"
	diag "selected: '$(selected_pid)', wanted $FTPID"
	diag_screen
fi
tm_keys q
check_exit "q after SIGSTOP and fg: forktop exits 0" stop 0
check_restored "q after SIGSTOP and fg: stty as before (icanon echo), cursor shown" stop

# 24-25: SIGUSR1 (whose default would end forktop with the screen still set up) is
# ignored and said so; forktop goes on.
start usr1 && safe_kill USR1 "$FTPID"
check_screen "SIGUSR1: forktop says it ignored it and goes on" '^ignored SIGUSR1 from pid [0-9]+'
tm_keys q
check_exit "q after SIGUSR1: forktop exits 0" usr1 0

# 26: the terminal goes away (its pane is killed): forktop ends by itself.
tm_start "$FORKTOP" -d 2
ftpid=$(tm_pane_pid)
if [ "$(cat "/proc/$ftpid/comm" 2>/dev/null)" = forktop ]; then
	track_group "$ftpid"	# it leads its own session and group
fi
if wait_screen '^F1Help ' && [ "$(cat "/proc/$ftpid/comm" 2>/dev/null)" = forktop ] &&
	tm kill-pane -t "$E2E_SESSION" && WAIT_FOR=5 wait_until eval '! proc_alive "$ftpid"'; then
	pass "the terminal closes (tmux pane killed): forktop exits within 5 s"
else
	fail "the terminal closes (tmux pane killed): forktop exits within 5 s"
	diag "forktop pid $ftpid: $(tr '\0' ' ' <"/proc/$ftpid/cmdline" 2>/dev/null), state $(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$ftpid/stat" 2>/dev/null)"
fi

finish
