#!/bin/sh
# fs_mounts.sh - a jail's file system through the ljail command: /dev,
# /proc, mount entries, refused symlinks, and a host mount table that
# never changes (F5, F7 of the escape catalogue).
. "${top_srcdir:-.}/tests/lib.sh"

require_userns
base=$(test_root) || t_skip_all "scripts/mkroot failed"
export LJAIL_RUNDIR="$T_TMP/run"
mkdir -p "$LJAIL_RUNDIR"
# A private copy: this test plants symlinks in it (reachable for the
# jail's ids: T_TMP is 0700).
chmod 755 "$T_TMP"
root="$T_TMP/root"
# (rootless: the shared root's /root is not readable; the copy gets one)
cp -a "$base" "$root" 2>/dev/null
mkdir -p "$root/root" && chmod 700 "$root/root"
rm -rf "$root/dev" && mkdir "$root/dev"
mkdir -p "$root/mnt" "$root/data"
echo jaildata > "$root/data/file"

if ! "$LJAIL" -c path="$root" command=/bin/true >"$T_TMP/probe" 2>&1 &&
    grep -q 'not implemented\|not built' "$T_TMP/probe"; then
	t_skip_all "ljail cannot create jails yet: $(head -1 "$T_TMP/probe")"
fi

# Other tests of the run mount below TMPDIR and make network namespaces
# (/run/netns) at the same time: not this test's doing.
grep -v -e " ${TMPDIR:-/tmp}/ljail-test" -e ' /run/netns/' /proc/self/mountinfo | cut -d' ' -f5- | sort \
    >"$T_TMP/mounts.before"

t_run_expect "devfs ruleset 4" 0 '' "$LJAIL" -c path="$root" mount.devfs \
    command=/bin/ls /dev
t_eq "devfs nodes" "fd full null ptmx pts random shm stderr stdin stdout tty urandom zero" \
    "$(tr '\n' ' ' <"$T_TMP/out" | sed 's/ $//')"

t_run_expect "devfs ruleset 2: no note at start-up" 0 '' "$LJAIL" -c path="$root" mount.devfs \
    devfs_ruleset=2 command=/bin/ls /dev
t_eq "devfs basic nodes" "full null random urandom zero" \
    "$(tr '\n' ' ' <"$T_TMP/out" | sed 's/ $//')"

t_run_expect "procfs is the jail's" 0 '' "$LJAIL" -c path="$root" \
    mount.procfs command=/bin/sh -c 'ls /proc | grep -E "^[0-9]+$" | sort -n | head -1'
t_eq "pid 1 is the jail's init" "1" "$(cat "$T_TMP/out")"

t_run_expect "no host mount in the jail" 0 '' "$LJAIL" -c path="$root" \
    mount.procfs command=/bin/sh -c 'cut -d" " -f5 /proc/self/mountinfo'
if grep -qvE '^/$|^/proc(/|$)' "$T_TMP/out"; then
	t_fail "host mounts visible: $(grep -vE '^/$|^/proc(/|$)' "$T_TMP/out" | tr '\n' ' ')"
else
	t_ok "only / and /proc in the jail's mount table"
fi

t_run_expect "read-only nullfs" 0 '' "$LJAIL" -c path="$root" \
    mount="$root/data $root/mnt nullfs ro" \
    command=/bin/sh -c 'cat /mnt/file; touch /mnt/x 2>/dev/null && echo WRITABLE; true'
t_eq "ro bind content" "jaildata" "$(cat "$T_TMP/out")"

t_run_expect "tmpfs with options" 0 '' "$LJAIL" -c path="$root" \
    mount="tmpfs $root/tmp tmpfs rw,mode=0700,size=1m" \
    command=/bin/stat -c %a /tmp
t_eq "tmpfs mode" "700" "$(cat "$T_TMP/out")"

ln -s /etc "$root/mnt/evil"
t_run_expect "symlinked mountpoint refused" 1 \
    "^ljail: mount: $root/mnt/evil is a symbolic link\$" \
    "$LJAIL" -c path="$root" mount="tmpfs $root/mnt/evil tmpfs rw" \
    command=/bin/true
rm "$root/mnt/evil"

rm -rf "$root/dev" && ln -s /dev "$root/dev"
t_run_expect "symlinked /dev refused" 1 \
    "^ljail: mount.devfs: $root/dev is a symbolic link\$" \
    "$LJAIL" -c path="$root" mount.devfs command=/bin/true
rm "$root/dev" && mkdir "$root/dev"

t_run_expect "missing fstab" 1 \
    '^ljail: mount.fstab: /nonexistent/fshook.fstab: No such file or directory$' \
    "$LJAIL" -c path="$root" mount.fstab=/nonexistent/fshook.fstab \
    command=/bin/true

t_run_expect "unsupported fstype" 1 "^ljail: mount: $root/mnt: fstype zfs is not supported" \
    "$LJAIL" -c path="$root" mount="tank/x $root/mnt zfs rw" command=/bin/true

# Other tests of the run mount below TMPDIR and make network namespaces
# (/run/netns) at the same time: not this test's doing.
grep -v -e " ${TMPDIR:-/tmp}/ljail-test" -e ' /run/netns/' /proc/self/mountinfo | cut -d' ' -f5- | sort \
    >"$T_TMP/mounts.after"
if cmp -s "$T_TMP/mounts.before" "$T_TMP/mounts.after"; then
	t_ok "host mount table unchanged"
else
	t_fail "host mount table changed"
	diff "$T_TMP/mounts.before" "$T_TMP/mounts.after" | sed 's/^/# /'
fi
t_done
