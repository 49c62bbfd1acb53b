#!/usr/bin/env bash
# meters.sh - the header's meters and graphs, htop's and btop's: a bar per core, Mem and
# Swp with the figures /proc/meminfo gives, Tasks, Load average and Uptime; the history
# graphs drawing as refreshes come; the header folding at 80x24 with room for the tree,
# ASCII graphs outside a UTF-8 locale, and one header line on a tiny terminal.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 13

ncpu=$(grep -c '^cpu[0-9]' /proc/stat)
tag=m$$
root=$(spawn_tree -f 3 -d 2 -n "$tag") || {
	fail "ftspawn built the test tree"
	exit 1
}

# The header: the lines above the column header.
header() {
	tm_capture | awk '/^ +PID +/ { exit } { print }'
}

# CPU bars on the header ("  1[|||   5.0%]", several to a line).
count_bars() {
	header | grep -oE '(^| )[0-9]+\[[^]]*%\]' | wc -l
}

bars_are() {
	[ "$(count_bars)" -eq "$1" ]
}

# A meter figure such as 1.23G or 812K, in KiB.
to_kb() {
	awk -v v="$1" 'BEGIN {
		u = substr(v, length(v)); n = substr(v, 1, length(v) - 1)
		m = u == "K" ? 1 : u == "M" ? 1024 : u == "G" ? 1048576 : u == "T" ? 1073741824 : 0
		printf "%.0f\n", n * m }'
}

# htop's used memory and the totals, from /proc/meminfo: "used total swapused swaptotal".
meminfo_now() {
	awk '{ v[$1] = $2 } END {
		used = v["MemTotal:"] - v["MemFree:"] - v["Buffers:"] - v["Cached:"] - v["SReclaimable:"]
		sw = v["SwapTotal:"] - v["SwapFree:"] - v["SwapCached:"]
		print used, v["MemTotal:"], (sw < 0 ? 0 : sw), v["SwapTotal:"] }' /proc/meminfo
}

# within A B PCT [FLOOR]: |A - B| is at most PCT % of B (or FLOOR KiB, when B is small).
within() {
	awk -v a="$1" -v b="$2" -v p="$3" -v f="${4:-0}" 'BEGIN {
		d = a - b; if (d < 0) d = -d; lim = b * p / 100; if (lim < f) lim = f
		exit !(d <= lim) }'
}

# The Mem (or Swp) bar's figures against /proc/meminfo read at the same moment.
mem_matches() {
	local which=$1 line used total mu mt su st
	line=$(header | grep -oE "$which\\[[^]]*\\]") || return 1
	[[ $line =~ ([0-9.]+[KMGT])/([0-9.]+[KMGT])\] ]] || return 1
	used=$(to_kb "${BASH_REMATCH[1]}") total=$(to_kb "${BASH_REMATCH[2]}")
	read -r mu mt su st < <(meminfo_now)
	if [ "$which" = Mem ]; then
		within "$total" "$mt" 2 && within "$used" "$mu" 2
	else	# no swap: 0K/0K; a used figure of a few MiB is held to 2 % of the total
		within "$total" "$st" 2 && within "$used" "$su" 2 2048
	fi
}

load_matches() {
	local l1 l2 l3
	read -r l1 l2 l3 _ </proc/loadavg
	header | grep -qE "Load average: $l1 $l2 $l3\$"
}

# The graph lines (from the one that starts "CPU "), left half (CPU) or right (Mem), as
# bash cuts them: by characters, not bytes.
graph_half() {
	local line i=0
	while IFS= read -r line; do
		if [ "$i" -gt 0 ] || [[ $line == "CPU "* ]]; then
			if [ "$1" = left ]; then echo "${line:0:60}"; else echo "${line:60}"; fi
			i=$((i + 1))
			[ "$i" -lt 2 ] || break
		fi
	done < <(header)
}

# Graph cells drawn so far (braille cells with a dot).
graph_cells() {
	graph_half "$1" | grep -oP '[\x{2801}-\x{28ff}]' | wc -l
}

tm_start "$FORKTOP" -d 1 --pid "$root"

# 1
if wait_until bars_are "$ncpu"; then
	pass "one CPU bar per core: $ncpu, as /proc/stat has"
else
	fail "one CPU bar per core: $ncpu, as /proc/stat has"
	diag "bars on screen: $(count_bars)"
	diag_screen
fi

# 2, 3
ok_if "Mem shows used/total within 2% of /proc/meminfo (htop's used)" wait_until mem_matches Mem
ok_if "Swp shows used/total within 2% of /proc/meminfo" wait_until mem_matches Swp

# 4
check_screen "Tasks counts processes, threads and running ones" \
	'Tasks: [0-9]+, [0-9]+ thr; [0-9]+ running'

# 5
WAIT_FOR=15 ok_if "Load average shows /proc/loadavg's three figures" wait_until load_matches

# 6
check_screen "Uptime is shown" 'Uptime: ([0-9]+d )?[0-9]{2}:[0-9]{2}'

# 7: the graph grows as refreshes come (ten a second here).
first=$(graph_cells left)
grows() { [ "$(graph_cells left)" -ge $((first + 4)) ]; }
if wait_until grows; then
	pass "the CPU history graph draws as refreshes come (braille cells $first, then more)"
else
	fail "the CPU history graph draws as refreshes come"
	diag "cells: $first, then $(graph_cells left)"
	diag_screen
fi

# 8
mem_graph() {
	[[ $(graph_half right | head -1) == "Mem "* ]] && [ "$(graph_cells right)" -gt 0 ]
}
if wait_until mem_graph; then
	pass "the memory graph sits beside it, drawn"
else
	fail "the memory graph sits beside it, drawn"
	diag_screen
fi

# 9, 10, 11: 80x24, htop's everyday size.
tm_resize 80 24
ok_if "at 80x24 every core still has its bar" wait_until bars_are "$ncpu"
rows_ok() {
	local n
	n=$(tm_capture | awk '/^ +PID +/ { t = 1; next } t && /^ *[0-9]+ /' | wc -l)
	[ "$n" -ge 12 ] && ! header | grep -q '^CPU '
}
if wait_until rows_ok; then
	pass "at 80x24 the meters fold: no graphs, 12 or more tree rows"
else
	fail "at 80x24 the meters fold: no graphs, 12 or more tree rows"
	diag_screen
fi
check_screen "at 80x24 the commands stay readable (the last child's name whole)" \
	"└─ $tag-0\\.3\\.3\$"

# 12: a locale without UTF-8: the graph in ASCII.

tm_start env LC_ALL=C "$FORKTOP" -d 1 --pid "$root"
ascii_graph() {
	local g
	g=$(graph_half left | cut -c5-55)
	[ -n "$g" ] && grep -q '[.:|#]' <<<"$g" && ! LC_ALL=C grep -q $'[\x80-\xff]' <<<"$g"
}
ok_if "in the C locale the graph is drawn in ASCII" wait_until ascii_graph

# 13: a tiny terminal keeps one header line and no meters.
tm_resize 80 14
tiny() {
	tm_capture | head -1 | grep -q 'up .* load ' && ! tm_capture | grep -q 'Mem\['
}
ok_if "a 14-line terminal keeps the one-line header" wait_until tiny

finish
