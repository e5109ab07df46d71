#!/bin/sh
# The AppArmor profile built for make install: it names the installed
# ljail alone and grants it user namespaces, nothing more.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
p="${top_builddir:-$LJAIL_BIN}/apparmor/ljail"
[ -f "$p" ] || t_skip_all "apparmor/ljail not built (make all)"
sbindir=$(sed -n 's/^sbindir = //p' "${top_builddir:-$LJAIL_BIN}/Makefile")
prefix=$(sed -n 's/^prefix = //p' "${top_builddir:-$LJAIL_BIN}/Makefile")
exec_prefix=$(sed -n 's/^exec_prefix = //p' "${top_builddir:-$LJAIL_BIN}/Makefile")
sbindir=$(echo "$sbindir" | sed "s|\${exec_prefix}|$exec_prefix|; s|\${prefix}|$prefix|")
t_eq "one profile, for the installed ljail" \
    "profile ljail $sbindir/ljail flags=(unconfined) {" \
    "$(grep '^profile' "$p")"
t_eq "its only rule: user namespaces" "  userns," \
    "$(sed -n '/^profile/,/^}/p' "$p" | grep -v '^profile\|^}\|^ *#\|^ *$\|include if exists')"
t_eq "no other profile, no @ left" "1 0" \
    "$(grep -c '^profile' "$p") $(grep -c '@sbindir@' "$p")"
# "userns," needs AppArmor 4 (abi/4.0; Ubuntu 24.04), where it matters.
if command -v apparmor_parser >/dev/null && [ -e /etc/apparmor.d/abi/4.0 ]
then
	t_run_expect "apparmor_parser accepts it" 0 '' \
	    apparmor_parser -Q -K "$p"
else
	t_skip "apparmor_parser accepts it" "no AppArmor 4 parser here"
fi
t_done
