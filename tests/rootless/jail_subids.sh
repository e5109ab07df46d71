#!/bin/sh
# jail_subids.sh - a rootless jail's own users: with a subordinate range
# (/etc/subuid, /etc/subgid) and newuidmap/newgidmap, jail root is the
# caller and jail ids 1-65535 are the range, so exec.jail_user, ljexec -U,
# chown and a daemon dropping privileges work; without the helpers only
# root is mapped and switching user fails with one line naming the fix.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_nonroot
require_userns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
me=$(id -un)
command -v newuidmap >/dev/null && command -v newgidmap >/dev/null ||
    t_skip_all "newuidmap/newgidmap not installed (package uidmap)"
start=$(awk -F: -v u="$me" -v n="$(id -u)" '($1 == u || $1 == n) &&
    $3 >= 65536 { print $2; exit }' /etc/subuid 2>/dev/null)
gstart=$(awk -F: -v u="$me" -v n="$(id -u)" '($1 == u || $1 == n) &&
    $3 >= 65536 { print $2; exit }' /etc/subgid 2>/dev/null)
[ -n "$start" ] && [ -n "$gstart" ] ||
    t_skip_all "$me has no 65536-id range in /etc/subuid and /etc/subgid"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/ljail-subids.XXXXXX")
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
# jailuser (1001:1001) is in the test root's passwd.
ju=1001

out=$("$LJAIL" -c path="$root" command=/bin/cat /proc/self/uid_map \
    /proc/self/gid_map 2>&1)
t_eq "root is the caller, 1-65535 the ranges" \
    "0 $(id -u) 1|1 $start 65535|0 $(id -g) 1|1 $gstart 65535" \
    "$(echo "$out" | awk '{ printf "%s%s %s %s", s, $1, $2, $3; s = "|" }')"
out=$("$LJAIL" -c path="$root" exec.jail_user=jailuser \
    command=/bin/sh -c 'echo $(id -u) $(id -g)' 2>&1)
t_eq "exec.jail_user runs as the jail's user" "$ju $ju" "$out"
f="subids-$$"
"$LJAIL" -c path="$root" command=/bin/sh -c \
    "touch /tmp/$f && chown jailuser:jailuser /tmp/$f" 2>/dev/null
t_eq "chown in the jail: status" 0 $?
t_eq "the file's owner on disk is the range's" \
    "$((start + ju - 1)) $((gstart + ju - 1))" \
    "$(stat -c '%u %g' "$root/tmp/$f" 2>&1)"
# Jail root made it, so jail root can remove it: the caller cannot.
"$LJAIL" -c path="$root" command=/bin/rm -f "/tmp/$f" 2>/dev/null
out=$("$LJAIL" -c path="$root" command=/bin/su jailuser -s /bin/sh -c \
    'echo $(id -u) $(id -g)' 2>&1)
t_eq "a program dropping privileges to a jail user" "$ju $ju" "$out"
t_run_expect "persistent jail" 0 '' \
    "$LJAIL" -c name=subids path="$root" persist exec.jail_user=jailuser \
    exec.start="/bin/sleep 4352 &"
sleep 0.2
pid=$(pgrep -x -f '/bin/sleep 4352')
t_eq "its daemon is the range's uid on the host" "$((start + ju - 1))" \
    "$(awk '/^Uid:/ {print $2}' /proc/"${pid:-0}"/status 2>/dev/null)"
t_eq "ljexec -U" "$ju jailuser" \
    "$("$LJEXEC" -U jailuser subids /bin/sh -c 'echo $(id -u) $USER' 2>&1)"
t_run_expect "remove it" 0 '' "$LJAIL" -r subids

# Without the helpers (not on PATH): only root, and one line saying why.
t_run_expect "without newuidmap: a root-only jail still works" 0 '' \
    env PATH=/nonexistent "$LJAIL" -c path="$root" command=/bin/true
t_run_expect "without newuidmap: exec.jail_user says why, in one line" 1 \
    'jailuser: a rootless jail has only root without newuidmap and newgidmap: install them \(package uidmap\)' \
    env PATH=/nonexistent "$LJAIL" -c path="$root" exec.jail_user=jailuser \
    command=/bin/true
# (and then jail(8)'s "COMMAND: failed", as for any command that fails)
t_eq "without newuidmap: the reason once, no errno" "1 0" \
    "$(grep -c 'only root' "$T_TMP/err") $(grep -c 'Invalid argument' "$T_TMP/err")"
t_run_expect "without newuidmap: persistent jail" 0 '' \
    env PATH=/nonexistent "$LJAIL" -c name=subids1 path="$root" persist
t_run_expect "ljexec -U into a root-only jail says why, in one line" 1 \
    '^ljexec: .*jailuser: a rootless jail has only root without newuidmap' \
    env PATH=/nonexistent "$LJEXEC" -U jailuser subids1 /bin/true
t_eq "ljexec -U: one line" 1 "$(wc -l < "$T_TMP/err")"
"$LJAIL" -r subids1 >/dev/null 2>&1

# Helpers that cannot raise privileges (here: plain scripts first on
# PATH): only root, no attempt, and a line saying so.
mkdir "$T_TMP/fakebin"
for h in newuidmap newgidmap; do
	printf '#!/bin/sh\necho "$0: would fail" >&2; exit 1\n' > "$T_TMP/fakebin/$h"
	chmod 755 "$T_TMP/fakebin/$h"
done
t_run_expect "unusable newuidmap: a root-only jail" 0 '' \
    env PATH="$T_TMP/fakebin:$PATH" "$LJAIL" -c path="$root" command=/bin/true
t_run_expect "unusable newuidmap: exec.jail_user says why" 1 \
    'jailuser: a rootless jail has only root: newuidmap or newgidmap cannot raise privileges here' \
    env PATH="$T_TMP/fakebin:$PATH" "$LJAIL" -c path="$root" \
    exec.jail_user=jailuser command=/bin/true
t_run_expect "unusable newuidmap: --check says so" 0 \
    '^ljail: rootless: a rootless jail has only root: newuidmap or newgidmap cannot raise privileges' \
    env PATH="$T_TMP/fakebin:$PATH" XDG_RUNTIME_DIR="$T_TMP" "$LJAIL" \
    --check -f /dev/null

# ljail --check names what limits rootless jails here, with the fix.
echo 'a { persist; }' > "$T_TMP/ok.conf"
t_run_expect "--check: newuidmap missing" 0 \
    '^ljail: rootless: a rootless jail has only root without newuidmap and newgidmap: install them \(package uidmap\)' \
    env PATH=/nonexistent XDG_RUNTIME_DIR= "$LJAIL" --check -f "$T_TMP/ok.conf"
t_run_expect "--check: no XDG_RUNTIME_DIR" 0 \
    "^ljail: rootless: XDG_RUNTIME_DIR is not set: the registry of your jails is /tmp/ljail-$(id -u) " \
    env PATH=/nonexistent XDG_RUNTIME_DIR= LJAIL_RUNDIR= "$LJAIL" --check \
    -f "$T_TMP/ok.conf"
t_run_expect "--check: nothing to say with ranges, helpers, XDG_RUNTIME_DIR" \
    0 '' env XDG_RUNTIME_DIR="$T_TMP" "$LJAIL" --check -f "$T_TMP/ok.conf"
t_done
