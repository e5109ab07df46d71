#!/bin/sh
# ljail --check: every syntax and semantic error and every setting ljail
# only emulates, as FILE:LINE: ..., exit 0 or 1.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

cd "$T_TMP" || exit 1
export XDG_RUNTIME_DIR="$T_TMP"	# else --check would report its absence

cat > good.conf <<'CONF'
path = "/jails/$name";
web { persist; host.hostname = web; }
CONF
t_run_expect "clean file" 0 '' "$LJAIL" --check -f good.conf
t_eq "clean file: no output" "" "$(cat "$T_TMP/out")"

cat > bad.conf <<'CONF'
web {
	persist;
	bogus = 1;
	x = one two;
	path = "/j/$nope";
	allow.vmm;
	securelevel = high;
}
db { depend = nosuch; }
CONF
"$LJAIL" --check -f bad.conf > out 2> err
t_eq "errors: exit 1" 1 $?
cat > want <<WANT
bad.conf:4: two: syntax error
bad.conf:5: web: path: variable "nope" not found
bad.conf:9: db: depends on undefined jail "nosuch"
bad.conf:3: web: unknown parameter: bogus
bad.conf:6: warning: web: allow.vmm: $("$LJAIL" --check -f /dev/stdin <<X 2>&1 | sed 's/^[^:]*:[0-9]*: warning: a: allow.vmm: //'
a { allow.vmm; }
X
)
bad.conf:7: web: securelevel: non-integer value "high"
bad.conf:7: warning: web: securelevel: $(printf 'a { securelevel = 1; }\n' > s.conf; "$LJAIL" --check -f s.conf | sed 's/^[^:]*:[0-9]*: warning: a: securelevel: //')
WANT
if cmp -s want out; then t_ok "errors: every message"; else
	t_fail "errors: every message"; diff want out | sed 's/^/# /'; fi
t_eq "errors: nothing on stderr" "" "$(cat err)"

printf 'a { mac.label = x; }\n' > warn.conf
t_run_expect "emulated settings alone: exit 0" 0 '' "$LJAIL" --check -f warn.conf
t_check "emulated setting reported" grep -q '^warn.conf:1: warning: a: mac.label: ' "$T_TMP/out"

printf 'a { bogus; }\nb { persist; }\n' > two.conf
t_run_expect "only the named jail is checked" 0 '' "$LJAIL" --check -f two.conf b
t_run_expect "named jail with an error" 1 '' "$LJAIL" --check -f two.conf a
t_run_expect "unknown jail operand" 1 '' "$LJAIL" --check -f two.conf zz
t_eq "unknown jail message" 'ljail: "zz" not found' "$(cat "$T_TMP/out")"
t_run_expect "missing file" 1 '' "$LJAIL" --check -f nosuch.conf
t_eq "missing file message" 'nosuch.conf: No such file or directory' \
    "$(cat "$T_TMP/out")"
t_run_expect "--check with -c is a usage error" 1 '^usage: ljail' \
    "$LJAIL" --check -c
t_done
