#!/bin/sh
# Each program prints its FreeBSD-style usage on a bad flag and exits 1.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

t_run_expect "ljail bad flag" 1 '^usage: ljail \[-dhilqv\]' "$LJAIL" -Z
t_run_expect "ljls bad flag" 1 '^usage: ljls ' "$LJLS" -Z
t_run_expect "ljexec bad flag" 1 '^usage: ljexec \[-l\]' "$LJEXEC" -Z
t_run_expect "ljexec no jail" 1 '^usage: ljexec ' "$LJEXEC"
t_done
