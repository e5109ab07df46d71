#!/bin/sh
# mancover.sh - the man pages cover the programs, and only them:
#  - every option of ljail, ljls and ljexec (their getopt strings and
#    long options, read from the sources) has an ".It Fl" entry in its
#    page, and every ".It Fl" entry and SYNOPSIS flag is an option;
#  - every variable ljail-rc reads (systemd/ljail-rc.in, ljail.default.in)
#    has an ".It Va" entry in ljail-rc(8), and every one there is read;
#  - every parameter of "ljail --list-params" is named (Va or Cm) in
#    ljail(8), ljail.conf(5) or (the read-only ones) ljls(8) and in the
#    list of ljail.conf(5), and every dotted parameter name they name
#    is in the table;
#  - no mdoc macro word (No, Ns, At, ...) is eaten as the first argument
#    of a macro line.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
S=$top_srcdir
M=$S/man

# optstring SRC: the getopt option letters of SRC, one a line.
optstring() {
	sed -n 's/.*getopt[_a-z]*(argc, argv, "\([^"]*\)".*/\1/p' "$1" |
	    tr -d '+:' | fold -w1
}
# longopts SRC: its long options: { "name", ... } entries and "--name".
longopts() {
	{ sed -n 's/^[[:space:]]*{ "\([a-z][-a-z]*\)",.*/\1/p' "$1"
	  grep -o '"--[a-z][-a-z]*' "$1" | sed 's/^"--//'; } | sort -u
}
# itflags PAGE: the flags of the ".It Fl" entries of PAGE ("-x" for a
# long one), one a line.
itflags() {
	sed -n 's/^\.It Fl \(\\\{0,1\}-\{0,1\}[A-Za-z0-9][-a-z]*\).*/\1/p' "$1" |
	    sed 's/^\\//'
}
# synflags PAGE: each letter of "Fl xyz" in the SYNOPSIS of PAGE.
synflags() {
	sed -n '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/p' "$1" |
	    grep -o 'Fl [A-Za-z0-9][A-Za-z0-9]*' | cut -c4- | fold -w1 | sort -u
}
for prog in ljail ljls ljexec; do
	src=$S/src/$prog.c page=$M/$prog.8
	opts=$(optstring "$src")
	longs=$(longopts "$src")
	t_check "$prog: options read from $prog.c" test -n "$opts"
	its=$(itflags "$page")
	missing= extra=
	for o in $opts; do
		printf '%s\n' "$its" | grep -qxF -- "$o" || missing="$missing -$o"
	done
	for o in $longs; do
		grep -Eq "Fl \\\\?-$o([^-a-z]|\$)" "$page" ||
		    missing="$missing --$o"
	done
	for o in $its; do
		case $o in
		-*) printf '%s\n' "$longs" | grep -qxF -- "${o#-}" ||
			extra="$extra -$o" ;;
		*) printf '%s\n' "$opts" | grep -qxF -- "$o" ||
			extra="$extra -$o" ;;
		esac
	done
	for o in $(synflags "$page"); do
		printf '%s\n' "$opts" | grep -qxF -- "$o" ||
		    extra="$extra -$o(SYNOPSIS)"
	done
	t_eq "$prog: every option in $prog(8)" "" "$missing"
	t_eq "$prog: every option of $prog(8) exists" "" "$extra"
done

# ljail-rc: the variables of its script and of its environment file.
rcvars=$({ grep -o '\${jail_[a-z_]*' "$S/systemd/ljail-rc.in" | cut -c3-
    sed -n 's/^\(jail_[a-z_]*\)=.*/\1/p' "$S/systemd/ljail.default.in"; } |
    sort -u)
rcdoc=$(grep '^\.It Va jail_' "$M/ljail-rc.8" | cut -d' ' -f3- |
    tr -d ',' | tr ' ' '\n' | grep . | sort -u)
t_check "ljail-rc: variables read from ljail-rc.in" test -n "$rcvars"
t_eq "ljail-rc: every variable in ljail-rc(8)" "" \
    "$(printf '%s\n' "$rcvars" | grep -vxF "$rcdoc")"
t_eq "ljail-rc: every variable of ljail-rc(8) is read" "" \
    "$(printf '%s\n' "$rcdoc" | grep -vxF "$rcvars")"
# Its commands, from its usage message.
rccmds=$(sed -n 's/.*"usage: ljail-rc \([a-z |]*\) \[jail.*/\1/p' \
    "$S/systemd/ljail-rc.in" | tr -d ' ' | tr '|' '\n' | sort -u)
rcdcmds=$(sed -n '/^\.Ss Commands/,/^\.S[hs]/p' "$M/ljail-rc.8" |
    sed -n 's/^\.It Cm \([a-z]*\).*/\1/p' | sort -u)
t_eq "ljail-rc: its commands are those of ljail-rc(8)" "$rccmds" "$rcdcmds"

# Parameters: the program's own table against ljail(8) and ljail.conf(5).
t_run_expect "ljail --list-params" 0 '' "$LJAIL" --list-params
table=$(cut -f1 "$T_TMP/out")
named=$(man_names "$M/ljail.8" "$M/ljail.conf.5" "$M/ljls.8")
t_eq "every parameter named in ljail(8), ljail.conf(5) or ljls(8)" "" \
    "$(printf '%s\n' "$table" | grep -vxF "$named" | tr '\n' ' ')"
t_eq "every parameter named in ljail.conf(5)" "" \
    "$(printf '%s\n' "$table" | grep -vxF "$(man_names "$M/ljail.conf.5")" |
    tr '\n' ' ')"
# Dotted names of the parameter families; "allow.noX" is "allow.X"
# false, as in jail.conf(5).
fam='^(allow|children|cpuset|exec|host|ip4|ip6|linux|ljail|mac|meta|env|mount|stop|vnet|zfs)\.[a-z_.]*[a-z]$'
extra=
for n in $(printf '%s\n' "$named" | grep -E "$fam"); do
	yes=$(printf '%s' "$n" | sed 's/\.no\([a-z]\)/.\1/')
	printf '%s\n' "$table" | grep -qxF -e "$n" -e "$yes" || extra="$extra $n"
done
t_eq "every parameter named in the pages is in the table" "" "$extra"

# Macro words eaten: the first argument of a macro line parsed as a
# macro where text was meant (".It No such file" shows "such file").
# (Ns right after a macro is meant: ".Fx Ns 's".)
eaten=$(grep -nE '^\.[A-Z][a-z]+ (No|At|An|Ad|In|Em|Sy)( |$)' "$M"/*.[58])
t_eq "no macro word eaten as a first argument" "" "$eaten"
t_done
