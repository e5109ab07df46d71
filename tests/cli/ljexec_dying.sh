#!/bin/sh
# ljexec refuses a dying jail with jexec's message, by name and by jid,
# before touching it (the record is hand-made; its init a sleeper).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/reg_records.sh"

mkrec 7 old 0 / 1
t_run_expect "dying, by name" 1 '^ljexec: jail "old" is dying$' \
    "$LJEXEC" old /bin/true
t_run_expect "dying, by jid" 1 '^ljexec: jail 7 is dying$' \
    "$LJEXEC" 7 /bin/true
t_run_expect "missing, by name" 1 '^ljexec: jail "new" not found$' \
    "$LJEXEC" new /bin/true
t_done
