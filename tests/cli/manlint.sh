#!/bin/sh
# The man pages are mandoc -Tlint clean (warnings and above).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
command -v mandoc >/dev/null || t_skip_all "mandoc not installed"
for page in ljail.8 ljail.conf.5 ljls.8 ljexec.8 ljail-rc.8 ljrctl.8; do
	out=$(mandoc -Tlint -W warning "$top_srcdir/man/$page" 2>&1)
	if [ -z "$out" ]; then t_ok "mandoc -Tlint $page"; else
		t_fail "mandoc -Tlint $page"
		printf '%s\n' "$out" | sed 's/^/# /'
	fi
done
t_done
