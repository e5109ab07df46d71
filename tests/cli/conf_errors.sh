#!/bin/sh
# Messages and exit statuses of ljail for bad configurations and bad
# command lines (§1.4, §1.10, §1.12), exact first lines.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

cd "$T_TMP" || exit 1
export LJAIL_RUNDIR="$T_TMP/run"
mkdir -p "$LJAIL_RUNDIR"

# t_msg NAME STATUS FIRST_STDERR_LINE CMD...
t_msg() {
	_n=$1 _s=$2 _m=$3; shift 3
	"$@" > out 2> err
	_rc=$?
	if [ "$_rc" -ne "$_s" ]; then
		t_fail "$_n (exit $_rc, want $_s)"; sed 's/^/# /' err; return
	fi
	t_eq "$_n" "$_m" "$(head -1 err)"
}

printf 'a {\n\tpath = /usr//local;\n\thost.hostname = x;\n}\n' > slash.conf
t_msg "syntax error, next line" 1 \
    'ljail: slash.conf line 3: host.hostname: syntax error' \
    "$LJAIL" -f slash.conf -c a
t_eq "caret line" ' 3:2 | 	host.hostname = x;' "$(sed -n 2p err)"
t_eq "caret" '     | 	^~~~~~~~~~~~~' "$(sed -n 3p err)"

printf 'foo { persist }\n' > brace.conf
t_msg "missing semicolon before }" 1 \
    'ljail: brace.conf line 1: }: syntax error' "$LJAIL" -f brace.conf -e x
printf 'foo {\n persist;\n' > eof.conf
t_msg "unexpected EOF" 1 'ljail: eof.conf: unexpected EOF' \
    "$LJAIL" -f eof.conf -c
printf 'a { x = "abc;\n}\n' > str.conf
t_msg "unterminated string" 1 'ljail: str.conf line 1: unterminated string' \
    "$LJAIL" -f str.conf -c
printf 'a { persist; }\r\n' > crlf.conf
t_msg "CR is an error" 1 'ljail: crlf.conf line 1: \r: syntax error' \
    "$LJAIL" -f crlf.conf -c
t_msg "missing config file" 1 \
    'ljail: nosuch.conf: No such file or directory' \
    "$LJAIL" -f nosuch.conf -c
printf 'a { persist }\n' | "$LJAIL" -f - -c > out 2> err
t_eq "stdin is STDIN" 'ljail: STDIN line 1: }: syntax error' "$(head -1 err)"

printf 'a { persist; }\n' > ok.conf
t_msg "unknown target" 1 'ljail: "b" not found' "$LJAIL" -f ok.conf -c b

printf 'a { persist; bogus = 1; }\n' > unk.conf
t_msg "unknown parameter (config jail)" 1 \
    'ljail: a: unknown parameter: bogus' "$LJAIL" -f unk.conf -c a
t_msg "unknown parameter (command line)" 1 \
    'ljail: unknown parameter: bogus' "$LJAIL" -c name=x persist bogus=1
t_msg "bad boolean" 1 'ljail: persist: unknown boolean value "maybe"' \
    "$LJAIL" -c name=x persist=maybe
t_msg "bad jailsys" 1 'ljail: vnet: unknown jailsys value "yes"' \
    "$LJAIL" -c name=x persist vnet=yes
t_msg "bad integer" 1 'ljail: stop.timeout: non-integer value "5s"' \
    "$LJAIL" -c name=x persist stop.timeout=5s
t_msg "name given twice" 1 'ljail: cannot redefine parameter "name".' \
    "$LJAIL" -c name=x name=y persist
t_msg "-n and name=" 1 'ljail: cannot redefine parameter "name".' \
    "$LJAIL" -c -n x name=y persist
printf 'a { path = "/$nope"; persist; }\nb { persist; }\n' > var.conf
t_msg "variable not found fails the jail" 1 \
    'ljail: a: path: variable "nope" not found' "$LJAIL" -f var.conf -c a
printf 'a { depend = zz; persist; }\n' > dep.conf
t_msg "undefined dependency" 1 'ljail: a: depends on undefined jail "zz"' \
    "$LJAIL" -f dep.conf -c a
printf 'a { depend = b; }\nb { depend = a; }\nc { depend = a; }\n' > loop.conf
"$LJAIL" -f loop.conf -c c > out 2> err
t_eq "dependency loop: exit 1" 1 $?
t_eq "dependency loop message" 'ljail: a: dependency loop' "$(head -1 err)"
t_eq "dependent is skipped" 'ljail: c: skipped' "$(grep skipped err)"
t_msg "depend on a jail that is not running" 1 \
    'ljail: depends on nonexistent jail "ljailconfnone"' \
    "$LJAIL" -c name=x persist depend=ljailconfnone

t_run_expect "empty config: -c does nothing" 0 '' "$LJAIL" -f /dev/null -c
t_run_expect "no operands: usage" 1 '^usage: ljail' "$LJAIL"
t_run_expect "old form needs an absolute path" 1 '^usage: ljail' \
    "$LJAIL" rel host 192.0.2.1 /bin/true
t_run_expect "-r without operand" 1 '^usage: ljail' "$LJAIL" -r
t_run_expect "-r with param=value" 1 '^usage: ljail' "$LJAIL" -r name=x
t_run_expect "-r with -n" 1 '^usage: ljail' "$LJAIL" -r -n x x
t_run_expect "-R with a config jail" 1 '^usage: ljail' \
    "$LJAIL" -f ok.conf -cR a
t_run_expect "-C in command-line mode" 1 '^usage: ljail' \
    "$LJAIL" -cC name=x persist
t_run_expect "-n with a jail name" 1 '^usage: ljail' "$LJAIL" -c -n x a
t_run_expect "bad flag" 1 '^usage: ljail' "$LJAIL" -Z
t_msg "-r of a jail that does not run" 1 'ljail: "ljailconfnone" not found' \
    "$LJAIL" -f /nonexistent -r ljailconfnone
t_msg "-J cannot open" 1 'ljail: open /nonexistent/x: No such file or directory' \
    "$LJAIL" -J /nonexistent/x -c name=x persist
t_msg "-d is deprecated" 1 \
    "ljail: the 'allow.dying' parameter and '-d' flag are deprecated and have no effect." \
    "$LJAIL" -d -m name=ljailconfnone persist
t_done
