#!/bin/sh
# fs_closed_dirs.sh - a jail whose root and whose nullfs source both lie
# below host directories of mode 0700 (FreeBSD's advice against the
# setuid files a jail's root makes) starts and binds its source.
. "${top_srcdir:-.}/tests/lib.sh"

require_root
require_userns
base=$(test_root) || t_skip_all "scripts/mkroot failed"
export LJAIL_RUNDIR="$T_TMP/run"
mkdir -p "$LJAIL_RUNDIR"
mkdir -p "$T_TMP/closed" "$T_TMP/hidden/src"
chmod 700 "$T_TMP/closed" "$T_TMP/hidden"
cp -a "$base" "$T_TMP/closed/root"
mkdir -p "$T_TMP/closed/root/mnt"
echo hostdata > "$T_TMP/hidden/src/file"

t_run_expect "jail below a 0700 directory starts" 0 '' \
    "$LJAIL" -c path="$T_TMP/closed/root" command=/bin/echo started
t_eq "its command ran" "started" "$(cat "$T_TMP/out")"

t_run_expect "nullfs source below a 0700 directory" 0 '' \
    "$LJAIL" -c path="$T_TMP/closed/root" \
    "mount=$T_TMP/hidden/src $T_TMP/closed/root/mnt nullfs ro" \
    command=/bin/cat /mnt/file
t_eq "the source's file is seen inside" "hostdata" "$(cat "$T_TMP/out")"
t_check "nothing left mounted on the host" \
    sh -c "! grep -q ' $T_TMP/closed/root/mnt ' /proc/self/mountinfo"
t_done
