#!/bin/sh
# ljexec_users.sh - jexec(8) behaviour of ljexec in a real jail: finding
# the jail, exit status, messages, -u (host passwd, before entering) vs -U
# (the jail's passwd, read as data after entering), -l environment, -d,
# cwd, and that an entered process has the jail's namespaces and limits.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_userns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
grep -q '^jailuser:x:1001:' "$root/etc/passwd" ||
	t_skip_all "test root has no jailuser"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}"/ljail-reg-rd.XXXXXX)
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
# Sanitizer leak checks cannot read /proc from inside a jail.
ASAN_OPTIONS=detect_leaks=0
export ASAN_OPTIONS

"$LJAIL" -c name=ex persist path="$root" mount.procfs \
    host.hostname=ex-host >/dev/null 2>&1 || t_skip_all "cannot create a jail"
jid=$("$LJLS" -j ex jid)

t_eq "by name" ex-host "$("$LJEXEC" ex hostname 2>&1)"
t_eq "by jid" ex-host "$("$LJEXEC" "$jid" hostname 2>&1)"
"$LJEXEC" ex /bin/sh -c 'exit 7'
t_eq "exit status passed back" 7 $?
# (in a subshell: the shell's own "Terminated" note goes to /dev/null)
( "$LJEXEC" ex /bin/sh -c 'kill -TERM $$'; echo $? >"$T_TMP/rc" ) 2>/dev/null
t_eq "death by signal passed back" 143 "$(cat "$T_TMP/rc")"
t_run_expect "unknown name" 1 '^ljexec: jail "nosuch" not found$' \
    "$LJEXEC" nosuch true
t_run_expect "unknown jid" 1 '^ljexec: jail 99999 not found$' \
    "$LJEXEC" 99999 true
t_run_expect "command not found" 1 \
    '^ljexec: execvp: nosuchcmd: No such file or directory$' \
    "$LJEXEC" ex nosuchcmd
t_run_expect "no jail operand" 1 '^usage: ljexec ' "$LJEXEC"
t_run_expect "-u and -U" 1 '^usage: ljexec ' "$LJEXEC" -u root -U root ex id
t_run_expect "options after the jail are the command's" 0 '' \
    "$LJEXEC" ex ls -l /

# Users: jailuser (1001) exists only in the jail, ljailtest only on the host.
t_eq "-U: the jail's passwd" "uid=1001(jailuser) gid=1001(jailuser) groups=1001(jailuser)" \
    "$("$LJEXEC" -U jailuser ex id 2>&1)"
t_run_expect "-U: host-only user unknown in the jail" 1 \
    '^ljexec: ljailtest: no such user$' "$LJEXEC" -U ljailtest ex id
if getent passwd ljailtest >/dev/null; then
	t_eq "-u: the host's passwd, uid applied inside" 1001 \
	    "$("$LJEXEC" -u ljailtest ex id -u 2>&1)"
else
	t_skip "-u: the host's passwd" "no host user ljailtest"
fi
if ! getent passwd jailuser >/dev/null; then
	t_run_expect "-u: jail-only user unknown on the host" 1 \
	    '^ljexec: jailuser: no such user$' "$LJEXEC" -u jailuser ex id
fi
t_eq "-U without -l: caller's environment kept, user's set" \
    "bar jailuser /home/jailuser /bin/sh /" \
    "$(FOO=bar "$LJEXEC" -U jailuser ex /bin/sh -c \
    'echo $FOO $USER $HOME $SHELL $(pwd)' 2>&1)"
t_eq "-l -U: only TERM kept, login environment, home directory" \
    "HOME=/home/jailuser
PATH=/bin:/usr/bin
PWD=/home/jailuser
SHELL=/bin/sh
TERM=vt100
USER=jailuser" \
    "$(env -i LJAIL_RUNDIR="$LJAIL_RUNDIR" TERM=vt100 FOO=bar \
    "$LJEXEC" -l -U jailuser ex /bin/sh -c \
    'env | grep -v -e ^SHLVL= -e ^_= | sort' 2>&1)"
t_eq "-l -d: -d wins over the home directory" /tmp \
    "$("$LJEXEC" -l -U jailuser -d /tmp ex pwd 2>&1)"
t_eq "-d" /tmp "$("$LJEXEC" -d /tmp ex pwd 2>&1)"
t_run_expect "-d missing directory" 1 \
    '^ljexec: chdir: /nonexistent: No such file or directory$' \
    "$LJEXEC" -d /nonexistent ex pwd
t_eq "cwd is the jail's / whatever the caller's" / \
    "$(cd "$T_TMP" && "$LJEXEC" ex pwd 2>&1)"
echo 'echo "flags=$-"' | SHELL=/bin/sh "$LJEXEC" ex >"$T_TMP/sh" 2>&1
t_check "default command is \$SHELL -i" grep -q 'flags=[a-z]*i' "$T_TMP/sh"

# The entered process is in every namespace of the jail's init, with
# its seccomp filter, no_new_privs and capability bounds.
init=$(awk '/^init / {print $2}' "$LJAIL_RUNDIR/jails/$jid")
for ns in cgroup ipc mnt net pid_for_children user uts; do
	host=$(readlink "/proc/$init/ns/$ns")
	[ "$ns" = pid_for_children ] && host=$(readlink "/proc/$init/ns/pid")
	t_eq "same $ns namespace as init" "$host" \
	    "$("$LJEXEC" ex readlink /proc/self/ns/${ns%_for_children} 2>&1)"
done
for f in Seccomp NoNewPrivs CapBnd; do
	t_eq "same $f as init" "$(grep "^$f:" "/proc/$init/status")" \
	    "$("$LJEXEC" ex grep "^$f:" /proc/self/status 2>&1)"
done
# The final sets (caps.h: caps_finish after the user switch): the jail's
# root holds exactly the jail's set, a -U user nothing; nothing
# inheritable or ambient for either.
bnd=$(sed -n 's/^CapBnd:[[:space:]]*//p' "/proc/$init/status")
caps_of() {
	"$LJEXEC" "$@" /bin/sh -c 'for f in CapInh CapPrm CapEff CapBnd CapAmb; do
	    sed -n "s/^$f:[[:space:]]*/$f=/p" /proc/self/status; done' 2>&1 |
	    tr '\n' ' '
}
z=0000000000000000
t_eq "ljexec: the jail root's final capability sets" \
    "CapInh=$z CapPrm=$bnd CapEff=$bnd CapBnd=$bnd CapAmb=$z " \
    "$(caps_of ex)"
t_eq "ljexec -U jailuser: no capability left" \
    "CapInh=$z CapPrm=$z CapEff=$z CapBnd=$bnd CapAmb=$z " \
    "$(caps_of -U jailuser ex)"
t_eq "jid 0 is the host" "$(readlink /proc/self/ns/mnt)" \
    "$("$LJEXEC" 0 readlink /proc/self/ns/mnt 2>&1)"

"$LJAIL" -r ex >/dev/null 2>&1
t_run_expect "removed jail not found" 1 '^ljexec: jail "ex" not found$' \
    "$LJEXEC" ex true
t_done
