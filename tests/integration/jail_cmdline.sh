#!/bin/sh
# jail_cmdline.sh - the command line's edges, as jail(8) has them:
# -C alone cleans up and never creates, -r a b names each jail, -q
# silences "not found" on removal, messages name what is wrong (the
# .include'd file, a nullfs source, name, an integer's range) and leave
# nothing behind, and start-up notes are few and said once.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_userns
root=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/ljail-cl-rd.XXXXXX")
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
cd "$T_TMP" || exit 1
none() { t_eq "$1: no jail left" "" "$(ls "$LJAIL_RUNDIR/jails")"; }

cat >jail.conf <<CONF
path = "$root";
a { persist; exec.poststop = "echo POSTSTOP"; }
b { persist; }
CONF

# -C alone: the after-removal steps of a jail that is not running.
t_run_expect "-C alone: exit 0" 0 '' "$LJAIL" -f jail.conf -C a
t_eq "-C alone: exec.poststop ran" "POSTSTOP" "$(cat "$T_TMP/out")"
none "-C alone"
"$LJAIL" -f jail.conf -c a >/dev/null
t_run_expect "-C alone on a running jail: refused" 1 \
    '^ljail: a: still running: -C cleans up after a removed jail' \
    "$LJAIL" -f jail.conf -C a
t_check "-C alone on a running jail: still running" "$LJLS" -c -j a
"$LJAIL" -f jail.conf -r a >/dev/null

# -q: a configured jail that is not running, removed quietly.
t_run_expect "-r of a jail not running: said" 1 '^ljail: "b" not found$' \
    "$LJAIL" -f jail.conf -r b
t_run_expect "-q -r of a jail not running: quiet" 1 '' \
    "$LJAIL" -f jail.conf -q -r b
t_eq "-q -r: nothing on stdout" "" "$(cat "$T_TMP/out")"
t_run_expect "-q -r of a jail neither configured nor running: quiet" 1 '' \
    "$LJAIL" -q -r nosuch
t_run_expect "-r of a jail neither configured nor running: said" 1 \
    '^ljail: "nosuch" not found$' "$LJAIL" -r nosuch

# -r a b: each named, as jail(8) prints them.
"$LJAIL" -c name=x1 persist path="$root"
"$LJAIL" -c name=x2 persist path="$root"
t_run_expect "-r x1 x2" 0 '' "$LJAIL" -r x1 x2
t_eq "-r x1 x2: NAME: removed" "x1: removed
x2: removed" "$(cat "$T_TMP/out")"

# An error in an .include'd file names it during -c as --check does.
printf 'y {\n  persist;\n  bogus.param = 1;\n}\n' >inc.conf
printf '.include "%s/inc.conf";\n' "$T_TMP" >main.conf
t_run_expect "include: -c refused" 1 \
    "^ $T_TMP/inc.conf:3:3 \\|   bogus.param = 1;\$" \
    "$LJAIL" -f main.conf -c y
none "include"

# A missing nullfs source is named, not its target.
mkdir -p "$T_TMP/mnt"
t_run_expect "nullfs: missing source named" 1 \
    "^ljail: mount: $T_TMP/nosuch: No such file or directory\$" \
    "$LJAIL" -c path="$root" mount="$T_TMP/nosuch $root/tmp nullfs ro 0 0" \
    command=/bin/true
t_check "nullfs: not the target" sh -c "! grep -q '$root/tmp' '$T_TMP/err'"
none "nullfs"

# A 300-character name names name.
long=$(printf 'n%.0s' $(seq 300))
t_run_expect "name: 300 characters" 1 \
    '^ljail: name: value too long \(300 characters, at most 255\)$' \
    "$LJAIL" -c name="$long" persist path="$root"
none "name"

# Integers: their range, naming the parameter; nothing made.
for a in "securelevel=99999999999999999999:-2147483648 to 2147483647" \
    "securelevel=4294967296:-2147483648 to 2147483647" \
    "children.max=-5:0 to 2147483647" "stop.timeout=-1:0 to 2147483647" \
    "jid=99999999:0 to 999999" "enforce_statfs=3:0 to 2"; do
	set=${a%%:*}
	t_run_expect "range: $set" 1 \
	    "^ljail: ${set%%=*}: value ${set#*=} out of range \\(${a#*:}\\)\$" \
	    "$LJAIL" -c name=r persist path="$root" "$set"
done
none "range"

# Start-up: the Handbook's settings say nothing; an ignored one, once.
t_run_expect "Handbook settings: no note" 0 '' "$LJAIL" -c name=h persist \
    path="$root" devfs_ruleset=5 enforce_statfs=1 securelevel=3 env=x
"$LJAIL" -r h >/dev/null
cat >two.conf <<CONF
path = "$root";
persist;
allow.vmm;
p {}
q {}
CONF
t_run_expect "an ignored setting: noted" 0 '^ljail: allow.vmm: ' \
    "$LJAIL" -f two.conf -c
t_eq "an ignored setting: once for two jails" 1 \
    "$(grep -c 'allow.vmm' "$T_TMP/err")"
"$LJAIL" -f two.conf -r >/dev/null 2>&1

t_done
