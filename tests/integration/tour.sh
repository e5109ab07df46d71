#!/bin/sh
# tour.sh - section 1 of docs/TOUR.md (create, list, enter, modify,
# remove) run as written, with /srv/jails moved to a temporary
# directory; its comments' claims are checked against the output.
# (Section 2 is examples/www.conf, run by examples.sh.)
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_userns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
LJAIL_RUNDIR="$T_TMP/run"
export LJAIL_RUNDIR
t_cleanup '"$LJAIL" -R one'
srv="$T_TMP/srv"
mkdir -p "$srv"
cp -a "$root" "$srv/one"
sed -n '/^## 1\./,/^## 2\./p' "$top_srcdir/docs/TOUR.md" |
    sed -n '/^```$/,/^```$/p' | grep -v '^```' |
    sed "s|/srv/jails|$srv|g" >"$T_TMP/tour.sh"
t_check "section 1 has commands" grep -q '^ljail -c name=one' "$T_TMP/tour.sh"
PATH="$LJAIL_BIN:$PATH" sh -e "$T_TMP/tour.sh" </dev/null >"$T_TMP/out" 2>"$T_TMP/err"
t_eq "section 1 runs" 0 $?
sed 's/^/# /' "$T_TMP/err"
t_check "ljls lists one" grep -q "one.example.org  *$srv/one" "$T_TMP/out"
t_check "ljls -j one name host.hostname path" \
    grep -qx "one one.example.org $srv/one" "$T_TMP/out"
t_eq "hostname before and after -m" "one.example.org uno.example.org" \
    "$(grep -x -e one.example.org -e uno.example.org "$T_TMP/out" |
    tr '\n' ' ' | sed 's/ $//')"
t_check "empty again after -r (the last ljls prints its header only)" \
    sh -c "tail -n 1 '$T_TMP/out' | grep -q '^ *JID  IP Address'"
t_eq "no jail left" "" "$("$LJLS" name)"
t_done
