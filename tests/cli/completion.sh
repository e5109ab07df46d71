#!/bin/sh
# completion.sh - the bash completion (completion/ljail) driven in bash:
# flags, parameter names and values from "ljail --list-params", jail
# names from -f FILE and from the registry, for ljail, ljls and ljexec.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
command -v bash >/dev/null || t_skip_all "bash not installed"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/ljail-comp-rd.XXXXXX")
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup '"$LJAIL" -R compjail'

# --- the hidden option that prints the parameter table
t_run_expect "ljail --list-params" 0 '' "$LJAIL" --list-params
cp "$T_TMP/out" "$T_TMP/table"
t_check "three tab-separated fields per line" \
    awk -F '\t' 'NF != 3 { exit 1 }' "$T_TMP/table"
t_check "every type is known" awk -F '\t' '$2 !~ /^(string|int|uint|ulong|bool|jailsys|ip4list|ip6list|list)$/ { exit 1 }' "$T_TMP/table"
t_eq "names are unique" "" "$(cut -f1 "$T_TMP/table" | sort | uniq -d)"
t_eq "allow.mount is a kernel boolean" "allow.mount	bool	kernel" \
    "$(grep '^allow\.mount	' "$T_TMP/table")"
t_check "not in the usage message" sh -c "! '$LJAIL' -Z 2>&1 | grep -q list-params"
t_check "documented in ljail(8)" grep -q 'list-params' "$top_srcdir/man/ljail.8"

# comp LINE: what completing at the end of LINE offers, one per line.
comp() {
	bash -c '
		. "$1/completion/ljail"
		PATH=$2:$PATH
		COMP_LINE=$3
		COMP_POINT=${#COMP_LINE}
		read -ra w <<<"$COMP_LINE"
		COMPREPLY=()
		"_${w[0]##*/}" 2>/dev/null
		printf "%s\n" "${COMPREPLY[@]}"' sh \
	    "$top_srcdir" "$LJAIL_BIN" "$1"
}

# has LINE WORD: completing LINE offers WORD.
has() {
	comp "$1" | grep -qxF -- "$2"
}

cat >"$T_TMP/jail.conf" <<'CONF'
alpha { persist; }
beta { persist; depend = alpha; }
CONF
t_check "ljail flags" has "ljail -" -c
t_check "ljail --check" has "ljail --" --check
t_check "ljail -c: parameter names (allow.mount)" has "ljail -c allow.mo" allow.mount
t_check "ljail -c: a string parameter ends in =" has "ljail -c host.hostn" host.hostname=
t_check "ljail -c: a boolean has no =" has "ljail -c pers" persist
t_eq "ljail -c: children.cur left out" "" \
    "$(comp "ljail -c children.c" | grep -x 'children.cur=')"
t_eq "ljail -c: every settable name offered" \
    "$(awk -F '\t' '$3 !~ /read-only/' "$T_TMP/table" | wc -l)" \
    "$(comp "ljail -f $T_TMP/none -c " | wc -l)"
t_eq "ljail -c: bool values" "true false" \
    "$(comp "ljail -c persist=" | tr '\n' ' ' | sed 's/ $//')"
t_eq "ljail -c: jailsys values" "inherit" "$(comp "ljail -c host=inh")"
t_check "ljail -c path=: file names" has "ljail -c path=$T_TMP/jail.c" \
    "$T_TMP/jail.conf"
t_eq "ljail -f FILE -r: the file's jails" "alpha beta" \
    "$(comp "ljail -f $T_TMP/jail.conf -r " | tr '\n' ' ' | sed 's/ $//')"
t_check "ljail -f FILE -c: the file's jails" \
    has "ljail -f $T_TMP/jail.conf -c be" beta
t_eq "ljail --check -f FILE: the file's jails" "alpha" \
    "$(comp "ljail --check -f $T_TMP/jail.conf al")"
t_check "ljail -f: file names" has "ljail -f $T_TMP/jail.c" "$T_TMP/jail.conf"
t_check "ljls: kernel parameter names" has "ljls host.hostn" host.hostname
t_eq "ljls: no pseudo-parameters" "" "$(comp "ljls exec.st")"
t_check "ljls flags" has "ljls -" -N
t_check "ljexec flags" has "ljexec -" -u
t_check "ljexec -u: users" has "ljexec -u roo" root
t_check "ljexec JAIL: commands" has "ljexec somejail ech" echo

# --- running jails, from the registry
if [ "$(id -u)" -eq 0 ] && unshare -U true 2>/dev/null &&
    "$LJAIL" -q -c name=compjail persist >/dev/null 2>&1; then
	t_check "ljexec: running jails" has "ljexec comp" compjail
	t_check "ljls -j: running jails" has "ljls -j comp" compjail
	t_check "ljail -r: running jails" has "ljail -r comp" compjail
	"$LJAIL" -q -r compjail >/dev/null 2>&1
	t_eq "ljexec: a removed jail is not offered" "" "$(comp "ljexec comp")"
else
	t_skip "running jails" "cannot start a jail here (needs root and user namespaces)"
fi
t_done
