#!/bin/sh
# readme_table.sh - README.md's table of what is emulated and what
# differs from FreeBSD names real parameters: each one in its first
# column is in "ljail --list-params" and in ljail.conf(5).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
t_run_expect "ljail --list-params" 0 '' "$LJAIL" --list-params
cut -f1 "$T_TMP/out" >"$T_TMP/table"
man_names "$top_srcdir/man/ljail.conf.5" >"$T_TMP/conf5"
sed -n '/^<!-- emulation table -->$/,/^<!-- end emulation table -->$/p' \
    "$top_srcdir/README.md" | grep '^| ' | sed '1,2d' >"$T_TMP/rows"
rows=$(wc -l <"$T_TMP/rows")
t_check "the table has rows ($rows)" test "$rows" -ge 10
# The first column of each row: `name` words (rows naming no parameter,
# as rctl, have none).
cut -d'|' -f2 "$T_TMP/rows" | grep -o '`[^`]*`' | tr -d '`' | sort -u \
    >"$T_TMP/named"
t_check "the table names parameters" test -s "$T_TMP/named"
t_eq "every parameter of the table is in ljail --list-params" "" \
    "$(grep -vxF -f "$T_TMP/table" "$T_TMP/named" | tr '\n' ' ')"
t_eq "every parameter of the table is in ljail.conf(5)" "" \
    "$(grep -vxF -f "$T_TMP/conf5" "$T_TMP/named" | tr '\n' ' ')"
# Every parameter flagged emulated or ignored has a row.
t_eq "every emulated or ignored parameter has a row" "" \
    "$(awk -F '\t' '$3 ~ /emulated|ignored/ { print $1 }' "$T_TMP/out" |
    grep -vxF -f "$T_TMP/named" | tr '\n' ' ')"
t_done
