#!/usr/bin/env bash
# oracle.sh - forktop's --json and --tree against /proc itself: a tree of 309 processes
# (fanout 6, 3 levels, and a chain 50 deep) must come out with exactly the parents,
# depths, names and command lines the kernel reports, in tree (pre-)order, with the
# connectors its shape calls for; also a subtree, the whole machine, and after a branch
# dies.
. "${TOP_SRCDIR:-.}/tests/e2e/lib.sh"

plan 10

JSON=$E2E_TMP/tree.json
TREE=$E2E_TMP/tree.txt
WANT=$E2E_TMP/want
GOT=$E2E_TMP/got

# The tree: orc-0 with 6 children, 36 grandchildren and 216 great-grandchildren
# (orc-0.N.N.N), and the chain orc-chain.0 -> orc-chain.0.1 -> ... 50 processes deep.
NPROC=$((1 + 6 + 36 + 216 + 50))
# spawn_tree runs in this shell, not in $(...): a subshell would lose its record of the
# process group, and the clean-up would leave the tree running.
spawn_tree -f 6 -d 3 -c 50 -n orc >"$E2E_TMP/root" || {
	fail "ftspawn -f 6 -d 3 -c 50 built the test tree"
	exit 1
}
root=$(cat "$E2E_TMP/root")

# run_json FILE ARGS...: forktop --json ARGS into FILE; fails unless it exits 0 with JSON.
run_json() {
	local out=$1
	shift
	"$FORKTOP" --json "$@" >"$out" 2>"$E2E_TMP/err" </dev/null &&
		jq -e '.processes | type == "array"' "$out" >/dev/null 2>&1
}

# Shows the first differences between two sorted files.
diag_diff() {
	diag "$3: $(wc -l <"$2") lines, /proc: $(wc -l <"$1") lines; first differences (< /proc, > forktop):"
	diag "$(diff "$1" "$2" | grep '^[<>]' | head -n 8)"
}

# "pid ppid depth" in the order forktop printed them.
json_rows() {
	jq -r '.processes[] | "\(.pid) \(.ppid) \(.depth)"' "$1"
}

# /proc's view, taken while nothing in the tree changes (it idles).
proc_subtree "$root" >"$E2E_TMP/proc"
run_json "$JSON" --pid "$root"
json_ok=$?
json_rows "$JSON" >"$E2E_TMP/rows" 2>/dev/null

# 1
awk '{ print $1, $2 }' "$E2E_TMP/proc" | sort >"$WANT"
awk '{ print $1, $2 }' "$E2E_TMP/rows" | sort >"$GOT"
if [ "$json_ok" -eq 0 ] && [ "$(wc -l <"$WANT")" -eq "$NPROC" ] && cmp -s "$WANT" "$GOT"; then
	pass "--json --pid: exactly the $NPROC (pid, ppid) pairs /proc has for the root and its descendants"
else
	fail "--json --pid: exactly the $NPROC (pid, ppid) pairs /proc has for the root and its descendants"
	diag "forktop --json exit/parse ok: $json_ok; stderr: $(head -c 300 "$E2E_TMP/err")"
	diag_diff "$WANT" "$GOT" "forktop"
fi

# 2: depths: the root 0, every other process one below its parent, and as /proc says.
bad=$(awk -v root="$root" '
	NR == 1 { if ($1 != root || $3 != 0) { print "first row: " $0; exit } }
	NR > 1 && !($2 in d) { print "parent not listed before: " $0; exit }
	NR > 1 && $3 != d[$2] + 1 { print "depth " $3 " under a parent at depth " d[$2] ": " $0; exit }
	{ d[$1] = $3 }' "$E2E_TMP/rows")
sort "$E2E_TMP/proc" >"$WANT"
sort "$E2E_TMP/rows" >"$GOT"
if [ -s "$GOT" ] && [ -z "$bad" ] && cmp -s "$WANT" "$GOT"; then
	pass "--json depths: the root 0, each process its parent's depth + 1, as in /proc"
else
	fail "--json depths: the root 0, each process its parent's depth + 1, as in /proc"
	diag "$bad"
	diag_diff "$WANT" "$GOT" "forktop pid ppid depth"
fi

# 3: tree order (pre-order): each process follows its parent, and each subtree is one
# block, so a row's parent is always the last row seen one level up.
bad=$(awk '
	NR == 1 { path[0] = $1; next }
	$3 < 1 || !(($3 - 1) in path) || path[$3 - 1] != $2 || $3 > prev + 1 {
		print "row " NR " (" $0 ") is not inside the block of its parent " $2; exit }
	{ path[$3] = $1; prev = $3 }' "$E2E_TMP/rows")
if [ "$(wc -l <"$E2E_TMP/rows")" -eq "$NPROC" ] && [ -z "$bad" ]; then
	pass "--json is in tree order: every process after its parent, each subtree contiguous"
else
	fail "--json is in tree order: every process after its parent, each subtree contiguous"
	diag "$bad"
fi

# 4: the chain, 50 deep: orc-chain.0 at depth 1 down to orc-chain.0.1...1 at depth 50.
chain=$(jq -r '.processes[] | select(.cmdline | startswith("orc-chain")) |
	"\(.depth) \(.cmdline)"' "$JSON" 2>/dev/null)
bad=$(awk '{ want = "orc-chain.0"; for (i = 1; i < $1; i++) want = want ".1"
	     if ($1 != NR || $2 != want) { print "row " NR ": " $0; exit } }' <<<"$chain")
maxd=$(jq '[.processes[].depth] | max' "$JSON" 2>/dev/null)
if [ "$(wc -l <<<"$chain")" -eq 50 ] && [ -z "$bad" ] && [ "$maxd" = 50 ] &&
	[ "$(tail -n 1 <<<"$chain" | cut -d ' ' -f 1)" = 50 ]; then
	pass "the 50-deep chain is listed link after link, its end at depth 50"
else
	fail "the 50-deep chain is listed link after link, its end at depth 50"
	diag "chain rows: $(wc -l <<<"$chain"), deepest depth: $maxd; $bad"
	diag "$(tail -n 2 <<<"$chain")"
fi

# 5: name (comm), command line and state of each process, as /proc has them.
# (Builtins only: 309 processes, no fork each.)
while read -r pid _; do
	comm='' stat='' args=()
	{ IFS= read -r comm <"/proc/$pid/comm"; IFS= read -r stat <"/proc/$pid/stat"
	  mapfile -d '' args <"/proc/$pid/cmdline"; } 2>/dev/null
	stat=${stat##*) } cmd=
	[ ${#args[@]} -eq 0 ] || printf -v cmd '%s ' "${args[@]}"
	printf '%s|%s|%s|%s\n' "$pid" "$comm" "${cmd% }" "${stat%% *}"
done <"$E2E_TMP/proc" >"$WANT"
sort -o "$WANT" "$WANT"
jq -r '.processes[] | "\(.pid)|\(.name)|\(.cmdline)|\(.state)"' "$JSON" 2>/dev/null | sort >"$GOT"
if [ -s "$GOT" ] && cmp -s "$WANT" "$GOT"; then
	pass "--json name, cmdline and state of all $NPROC processes match /proc"
else
	fail "--json name, cmdline and state of all $NPROC processes match /proc"
	diag_diff "$WANT" "$GOT" "forktop pid|name|cmdline|state"
fi

# 6: --tree lists the same processes, in the same order, with the same parents (the
# columns forktoprc asks for: PPID is not among the default ones).
use_columns PID,PPID,S,CPU,RES,THR,ELAPSED,COMMAND
"$FORKTOP" --tree --pid "$root" >"$TREE" 2>"$E2E_TMP/err" </dev/null
tree_rc=$?
if [ "$tree_rc" -eq 0 ] && [ "$(head -n 1 "$TREE" | awk '{ print $1, $2 }')" = "PID PPID" ] &&
	cmp -s <(awk 'NR > 1 { print $1, $2 }' "$TREE") <(awk '{ print $1, $2 }' "$E2E_TMP/rows"); then
	pass "--tree --pid lists the same $NPROC processes as --json, in the same order"
else
	fail "--tree --pid lists the same $NPROC processes as --json, in the same order"
	diag "exit status $tree_rc, stderr: $(head -c 300 "$E2E_TMP/err")"
	diag "$(diff <(awk 'NR > 1 { print $1, $2 }' "$TREE") <(awk '{ print $1, $2 }' "$E2E_TMP/rows") |
		grep '^[<>]' | head -n 6)"
fi

# 7: --tree connectors (ASCII into a pipe), computed from the shape: "\- " for the last
# child of its parent, "|- " for the others, and for each ancestor level "|  " when that
# ancestor has a later sibling, "   " when it was the last. The command follows.
jq -r '.processes[] | "\(.pid) \(.ppid) \(.depth) \(.cmdline)"' "$JSON" 2>/dev/null |
	awk '
	{ pid[NR] = $1; ppid[NR] = $2; dep[NR] = $3; cmd[NR] = $4; lastkid[$2] = NR }
	END {
		for (i = 1; i <= NR; i++) {
			last = lastkid[ppid[i]] == i
			line = ""
			for (k = 1; k < dep[i]; k++)
				line = line (anclast[k] ? "   " : "|  ")
			if (dep[i] > 0) line = line (last ? "\\- " : "|- ")
			anclast[dep[i]] = last
			print pid[i] " " line cmd[i]
		}
	}' >"$WANT"
awk 'NR > 1 { print $1 " " substr($0, 46) }' "$TREE" >"$GOT"
if [ -s "$GOT" ] && cmp -s "$WANT" "$GOT"; then
	pass "--tree draws each row's connectors (|- \\- and | rails) as the tree's shape requires"
else
	fail "--tree draws each row's connectors (|- \\- and | rails) as the tree's shape requires"
	diag "$(diff "$WANT" "$GOT" | grep '^[<>]' | head -n 6 | cut -c1-200)"
fi

# 8: --pid of an inner process: only its subtree, depths counted from it.
inner=$(awk '$2 == "orc-0.3" { print $1 }' <(jq -r '.processes[] | "\(.pid) \(.cmdline)"' "$JSON" 2>/dev/null))
if [ -n "$inner" ]; then
	proc_subtree "$inner" | sort >"$WANT"
	run_json "$E2E_TMP/inner.json" --pid "$inner"
	json_rows "$E2E_TMP/inner.json" | sort >"$GOT"
fi
if [ -n "$inner" ] && [ "$(wc -l <"$WANT")" -eq 43 ] && cmp -s "$WANT" "$GOT" &&
	[ "$(jq -r '.processes[0].pid' "$E2E_TMP/inner.json")" = "$inner" ]; then
	pass "--json --pid of an inner process (orc-0.3): its 43 processes only, depths from 0"
else
	fail "--json --pid of an inner process (orc-0.3): its 43 processes only, depths from 0"
	diag "orc-0.3 is pid '$inner'"
	diag_diff "$WANT" "$GOT" "forktop pid ppid depth"
fi

# 9: the whole machine: the tree is one contiguous block, its shape and depths the same
# (shifted by the root's depth among all processes).
run_json "$E2E_TMP/all.json"
json_rows "$E2E_TMP/all.json" 2>/dev/null | awk -v root="$root" -v want="$E2E_TMP/proc" '
	BEGIN { while ((getline l < want) > 0) { split(l, f, " "); mine[f[1]] = 1 } }
	$1 == root { start = NR; base = $3 }
	start && !done {
		if (NR > start && $3 <= base) done = 1
		else if ($1 in mine) print $1, $2, $3 - base
		else { print "foreign row in the block: " $0; done = 1 }
	}' | sort >"$GOT"
sort "$E2E_TMP/proc" >"$WANT"
if cmp -s "$WANT" "$GOT"; then
	pass "--json of every process holds the tree as one block with the same parents and depths"
else
	fail "--json of every process holds the tree as one block with the same parents and depths"
	diag_diff "$WANT" "$GOT" "forktop (whole machine) pid ppid depth-offset"
fi

# 10: a branch dies: orc-0.2 ends (its parent does not reap it: a zombie) and its 42
# descendants are adopted outside the tree. forktop follows /proc.
dead=$(awk '$2 == "orc-0.2" { print $1 }' <(jq -r '.processes[] | "\(.pid) \(.cmdline)"' "$JSON" 2>/dev/null))
branch_gone() {
	[ "$(awk '{ sub(/.*\) /, ""); print $1 }' "/proc/$dead/stat" 2>/dev/null)" = Z ] &&
		! proc_table | awk -v d="$dead" '$2 == d { found = 1 } END { exit !found }'
}
if [ -n "$dead" ] && safe_kill TERM "$dead" && wait_until branch_gone; then
	proc_subtree "$root" | awk '{ print $1, $2 }' | sort >"$WANT"
	run_json "$E2E_TMP/after.json" --pid "$root"
	jq -r '.processes[] | "\(.pid) \(.ppid)"' "$E2E_TMP/after.json" 2>/dev/null | sort >"$GOT"
	zstate=$(jq -r --argjson p "$dead" '.processes[] | select(.pid == $p) | .state' \
		"$E2E_TMP/after.json" 2>/dev/null)
	if [ "$(wc -l <"$WANT")" -eq $((NPROC - 42)) ] && cmp -s "$WANT" "$GOT" &&
		[ "$zstate" = Z ]; then
		pass "after orc-0.2 dies: its zombie (Z) stays, its 42 orphans leave, as in /proc"
	else
		fail "after orc-0.2 dies: its zombie (Z) stays, its 42 orphans leave, as in /proc"
		diag "state of $dead in --json: '$zstate'"
		diag_diff "$WANT" "$GOT" "forktop"
	fi
else
	fail "after orc-0.2 dies: its zombie (Z) stays, its 42 orphans leave, as in /proc"
	diag "orc-0.2 (pid '$dead') did not become a zombie with its children adopted"
fi

finish
