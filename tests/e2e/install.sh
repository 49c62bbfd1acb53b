#!/usr/bin/env bash
# install.sh - `make install` puts in place what a user runs and reads: the program, the
# man page and the eight themes; `man` shows the page, and it names every key the help
# screen lists.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 5

BUILD=$(dirname "$FORKTOP")
DEST=$E2E_TMP/dest
make -s -C "$BUILD" install DESTDIR="$DEST" >"$E2E_TMP/install.log" 2>&1
rc=$?
bin=$(find "$DEST" -path '*/bin/forktop' -type f | head -n 1)
man1=$(find "$DEST" -path '*/man1/forktop.1' -type f | head -n 1)
themes=$(find "$DEST" -path '*/forktop/themes/*.theme' -type f | wc -l)

# 1
if [ "$rc" -eq 0 ] && [ -n "$bin" ] && [ "$("$bin" --version)" = "$("$FORKTOP" --version)" ]; then
	pass "make install DESTDIR=...: bin/forktop installed and runs (--version)"
else
	fail "make install DESTDIR=...: bin/forktop installed and runs"
	diag "exit $rc; $(tail -n 5 "$E2E_TMP/install.log")"
fi

# 2
ok_if "the man page is installed as man1/forktop.1" test -s "${man1:-/nonexistent}"

# 3
ok_if "the eight themes are installed under share/forktop/themes ($themes)" test "$themes" -eq 8

# 4: man renders it (man-db reads a file given with -l).
page=$E2E_TMP/page.txt
if command -v man >/dev/null && [ -n "$man1" ]; then
	MANWIDTH=100 man -l "$man1" 2>/dev/null | col -b >"$page"
else
	groff -man -Tutf8 "${man1:-/dev/null}" 2>/dev/null | col -b >"$page"
fi
ok_if "man shows the page: NAME, KEYS, the meters" \
	eval "grep -q '^NAME' '$page' && grep -q '^KEYS' '$page' && grep -q 'meters' '$page'"

# 5: every key of the help screen is in the man page's KEYS section.
tm_start -x 160 -y 100 "$FORKTOP" -d 50 --pid $$
wait_screen '^ +PID +USER' >/dev/null
tm_keys F1
wait_screen '^Press any key to return' >/dev/null
keys=$(tm_capture | awk '/^F9 k sends:/ { exit } /^  [^ ]/ { print substr($0, 3, 12) }' |
	tr -s ' ' '\n' | grep -v '^$' | sort -u)
# The keys the page names: the .B tags of its KEYS section, split at ", " and " or ".
named=$(sed -n '/^\.SH KEYS/,/^\.SH IF/p' "${man1:-/dev/null}" | sed -n 's/^\.B //p' |
	sed 's/\\-/-/g; s/\\e/\\/g; s/, / /g; s/ or / /g' | tr -s ' ' '\n' | grep -v '^$' | sort -u)
missing=
n=0
while read -r k; do
	n=$((n + 1))
	grep -qxF -- "$k" <<<"$named" || missing="$missing $k"
done <<<"$keys"
if [ "$n" -ge 40 ] && [ -z "$missing" ]; then
	pass "the man page's KEYS names each of the $n keys the help screen lists"
else
	fail "the man page's KEYS names each key the help screen lists ($n keys)"
	diag "missing:$missing"
fi
tm_keys q
tm_keys q

finish
