#!/bin/sh
# tests/vm/cgroup.sh - ljrctl on a real cgroup v2, run as the VM's root
# by tests/vm/init (never on a development machine: it writes cgroups,
# makes a ram disk and kills what it makes).  Prints TAP.
LJAIL_BIN=/bin
top_srcdir=/t
LJAIL_TEST_ROOT=/mnt/jroot
export LJAIL_BIN top_srcdir LJAIL_TEST_ROOT
. /t/lib.sh
LJRCTL=/bin/ljrctl
CG=/sys/fs/cgroup
SLICE=$CG/ljail.slice
asan=no
[ -e /t/asan ] && asan=yes

# A jail's jid, its cgroup, a cgroup file, a number from /proc/uptime.
jid() { ljls -j "$1" jid 2>/dev/null; }
cgof() { echo "$SLICE/$(jid "$1")"; }
cgread() { cat "$(cgof "$1")/$2" 2>/dev/null; }
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
# t_ge NAME MIN VALUE / t_le NAME MAX VALUE
t_ge() { if [ "$3" -ge "$2" ] 2>/dev/null; then t_ok "$1 ($3 >= $2)"; else t_fail "$1 ($3 < $2)"; fi; }
t_le() { if [ "$3" -le "$2" ] 2>/dev/null; then t_ok "$1 ($3 <= $2)"; else t_fail "$1 ($3 > $2)"; fi; }

echo "# cgroup2 controllers: $(cat $CG/cgroup.controllers)"
t_eq "cgroup2 offers cpu io memory pids to jails" "cpu io memory pids" \
    "$(tr ' ' '\n' <$CG/cgroup.subtree_control | grep -x -e cpu -e io -e memory -e pids | tr '\n' ' ' | sed 's/ $//')"

# Jail roots on a ram disk (ext2): an idmappable file system, and a
# block device for io.max.
{ mke2fs -q /dev/ram0 >/dev/null && mount -t ext2 /dev/ram0 /mnt &&
    cp -a /jroot /mnt/jroot; } 2>&1 | sed 's/^/# ram disk: /'
root=/mnt/jroot
t_check "jail root on a ram disk" [ -x $root/bin/busybox ]

# --- a jail without rules: its own cgroup, entered at birth
ljail -c name=www path=$root mount.devfs persist >/dev/null 2>"$T_TMP/err"
t_eq "jail created" "" "$(grep -v idmap "$T_TMP/err")"
j=$(jid www)
t_check "its cgroup is ljail.slice/JID" [ -d "$SLICE/$j" ]
init=$(cat "$SLICE/$j/cgroup.procs" | head -n 1)
t_eq "init was born in it" "0::/ljail.slice/$j" "$(cat /proc/$init/cgroup)"
t_eq "no limit by default" "max max max" \
    "$(cgread www memory.max) $(cgread www pids.max) $(cgread www cpu.max | cut -d' ' -f1)"
t_eq "the jail sees its cgroup as the root" "0::/" \
    "$(ljexec www cat /proc/self/cgroup)"
n=$(ljexec www sh -c 'echo $$ >/dev/null; sleep 2' & sleep 1;
    cat "$SLICE/$j/cgroup.procs" | wc -l)
t_ge "ljexec'd processes are in the jail's cgroup" 3 "$n"
wait

# --- memoryuse: at once on the running jail, OOM inside only
ljrctl -a jail:www:memoryuse:deny=32M
t_eq "memoryuse -> memory.max at once" 33554432 "$(cgread www memory.max)"
ljexec www dd if=/dev/zero of=/dev/null bs=48M count=1 >/dev/null 2>"$T_TMP/dd"
st=$?
sed 's/^/# dd: /' "$T_TMP/dd"
echo "# memory.current $(cgread www memory.current), events: $(tr '\n' ' ' <"$(cgof www)/memory.events")" 
t_check "an allocation past it fails in the jail (status $st)" [ $st -ne 0 ]
oom=$(awk '/^oom_kill / { print $2 }' "$(cgof www)/memory.events")
t_ge "memory.events counts the OOM kill" 1 "${oom:-0}"
t_eq "the host lives on" ok "$(echo ok)"
t_check "the jail lives on" ljexec www true
ljexec www dd if=/dev/zero of=/dev/null bs=8M count=1 >/dev/null 2>"$T_TMP/dd"
t_eq "an allocation below it works" 0 $?
sed 's/^/# dd: /' "$T_TMP/dd" 
if [ -e "$(cgof www)/memory.swap.max" ]; then
	ljrctl -a jail:www:swapuse:deny=16M
	t_eq "swapuse -> memory.swap.max" 16777216 "$(cgread www memory.swap.max)"
else
	t_skip "swapuse -> memory.swap.max" "kernel without swap accounting"
fi

# --- usage
ljrctl -u jail:www >"$T_TMP/u"
t_eq "-u: 25 resources in rctl's order" "cputime datasize stacksize coredumpsize memoryuse memorylocked maxproc openfiles vmemoryuse pseudoterminals swapuse nthr msgqqueued msgqsize nmsgq nsem nsemop nshm shmsize wallclock pcpu readbps writebps readiops writeiops" \
    "$(cut -d= -f1 "$T_TMP/u" | tr '\n' ' ' | sed 's/ $//')"
t_ge "-u memoryuse from memory.current" 1 "$(awk -F= '$1 == "memoryuse" { print $2 }' "$T_TMP/u")"
t_ge "-u maxproc from pids.current" 1 "$(awk -F= '$1 == "maxproc" { print $2 }' "$T_TMP/u")"
t_check "-hu humanizes" grep -Eq '^memoryuse=[0-9.]+[kM]$' "$(ljrctl -hu jail:www >"$T_TMP/h"; echo "$T_TMP/h")"

# --- maxproc / nthr: fork fails with EAGAIN; a fork bomb stays bounded
ljrctl -a jail:www:maxproc:deny=10
t_eq "maxproc -> pids.max at once" 10 "$(cgread www pids.max)"
ljexec www sh -c 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 30 & done; wait' \
    >"$T_TMP/fork" 2>&1 &
sleep 3
t_check "fork past it fails: Resource temporarily unavailable" \
    grep -q "Resource temporarily unavailable" "$T_TMP/fork"
t_le "pids.current stays at most pids.max" 10 "$(cgread www pids.current)"
ev=$(awk '/^max / { print $2 }' "$(cgof www)/pids.events")
t_ge "pids.events counts the refusals" 1 "${ev:-0}"
ljexec www sh -c 'b() { b | b & }; b' >/dev/null 2>&1 &
sleep 4
t_eq "a fork bomb in the jail leaves the host responsive" ok \
    "$(timeout 5 sh -c 'echo ok')"
t_le "the bomb is bounded by pids.max" 10 "$(cgread www pids.current)"
ljrctl -a jail:www:nthr:deny=6
t_eq "nthr and maxproc: the lower applies" 6 "$(cgread www pids.max)"
ljail -r www >/dev/null 2>&1
wait
t_check "removal leaves no cgroup" [ ! -e "$SLICE/$j" ]
t_eq "rules outlive the jail" "jail:www:memoryuse:deny=33554432" \
    "$(ljrctl jail:www:memoryuse)"
ljrctl -r jail:www:nthr
ljrctl -r jail:www:maxproc

# --- rules apply at creation; -rc keeps them
ljail -c name=www path=$root mount.devfs persist >/dev/null 2>&1
t_eq "a created jail gets its stored rules" 33554432 "$(cgread www memory.max)"
ljail -rc name=www path=$root mount.devfs persist >/dev/null 2>&1
t_eq "rules survive -rc" 33554432 "$(cgread www memory.max)"
ljrctl -r jail:www
t_eq "-r lifts the limit at once" max "$(cgread www memory.max)"

# --- pcpu: percent of one CPU, measured
ljrctl -a jail:www:pcpu:deny=20
t_eq "pcpu -> cpu.max" "20000 100000" "$(cgread www cpu.max)"
u0=$(awk '/^usage_usec/ { print $2 }' "$(cgof www)/cpu.stat")
t0=$(now_ms)
ljexec www busybox timeout 5 sh -c 'while :; do :; done' >/dev/null 2>"$T_TMP/busy"
echo "# busy loop: status $?"; sed 's/^/# busy: /' "$T_TMP/busy"
t1=$(now_ms)
u1=$(awk '/^usage_usec/ { print $2 }' "$(cgof www)/cpu.stat")
pct=$(( (u1 - u0) / 10 / (t1 - t0) ))
echo "# pcpu=20: the jail used $pct% of a CPU over $((t1 - t0)) ms"
t_le "pcpu=20 holds the jail near 20% of a CPU" 26 "$pct"
t_ge "... and lets it run" 5 "$pct"
ljrctl -r jail:www:pcpu
t_eq "pcpu lifted" "max 100000" "$(cgread www cpu.max)"

# --- io: readbps on the ram disk holding the jail's root
dd if=/dev/urandom of=$root/tmp/big bs=1M count=3 2>/dev/null
t0=$(now_ms)
ljexec www dd if=/tmp/big of=/dev/null bs=64k iflag=direct 2>/dev/null
free=$(( $(now_ms) - t0 ))
ljrctl -a jail:www:readbps:throttle=1M
t_eq "readbps -> io.max on the root's disk" \
    "$(cat /sys/block/ram0/dev) rbps=1048576 wbps=max riops=max wiops=max" \
    "$(cgread www io.max)"
t0=$(now_ms)
ljexec www dd if=/tmp/big of=/dev/null bs=64k iflag=direct 2>/dev/null
slow=$(( $(now_ms) - t0 ))
echo "# readbps=1M: 3 MiB read in $slow ms (unthrottled: $free ms)"
t_ge "3 MiB at 1 MiB/s takes 2 s or more" 2000 $slow
t_ge "... twice as long as unthrottled at least" $((free * 2)) $slow
ljrctl -r jail:www:readbps
t_eq "readbps lifted (no line left in io.max)" "" "$(cgread www io.max)"
for r in writebps:throttle=2M:wbps=2097152 readiops:throttle=50:riops=50 \
    writeiops:throttle=60:wiops=60; do
	ljrctl -a jail:www:${r%:*}
	t_check "${r%%:*} -> io.max ${r##*:}" grep -q "${r##*:}" "$(cgof www)/io.max"
	ljrctl -r jail:www:${r%%:*}
done

# --- rlimits
ljrctl -a jail:www:openfiles:deny=77 jail:www:stacksize:deny=4m \
    jail:www:coredumpsize:deny=0 jail:www:memorylocked:deny=32k \
    jail:www:cputime:sigkill=100
t_eq "openfiles stacksize coredumpsize memorylocked cputime -> rlimits" \
    "77 4096 0 32 100" \
    "$(ljexec www sh -c 'echo $(ulimit -n) $(ulimit -s) $(ulimit -c) $(ulimit -l) $(ulimit -t)' 2>&1)"
if [ $asan = no ]; then
	ljrctl -a jail:www:vmemoryuse:deny=512m jail:www:datasize:deny=256m
	t_eq "vmemoryuse, datasize -> RLIMIT_AS, RLIMIT_DATA" "524288 262144" \
	    "$(ljexec www sh -c 'echo $(ulimit -v) $(ulimit -d)' 2>&1)"
else
	t_skip "vmemoryuse, datasize -> RLIMIT_AS, RLIMIT_DATA" \
	    "a sanitizer build cannot live in an address space or data limit"
fi
ljrctl -r jail:www
ljail -r www >/dev/null 2>&1

# --- rctl.conf and exec.prestart at creation
echo "jail:cf:maxproc:deny=33
user:0:maxproc:deny=5" >/tmp/rctl.conf
LJAIL_RCTL_CONF=/tmp/rctl.conf ljail -c name=cf path=$root persist >/dev/null 2>&1
t_eq "rctl.conf read at creation" 33 "$(cgread cf pids.max)"
ljail -r cf >/dev/null 2>&1
cat >/tmp/j.conf <<EOF
hk {
	path = "$root";
	persist;
	exec.prestart = "ljrctl -a jail:\$name:memoryuse:deny=40M";
	exec.poststop = "ljrctl -r jail:\$name";
}
EOF
ljail -f /tmp/j.conf -c hk >/dev/null 2>&1
t_eq "exec.prestart's ljrctl -a applies to the new jail" 41943040 \
    "$(cgread hk memory.max)"
ljail -f /tmp/j.conf -r hk >/dev/null 2>&1
t_eq "exec.poststop's ljrctl -r removes it" "" "$(ljrctl jail:hk)"

# --- nothing left behind
ljail -c path=$root command=/bin/true >/dev/null 2>&1
t_eq "a jail that ends by itself leaves no cgroup" "" \
    "$(ls $SLICE | grep '^[0-9]')"
ljail -c name=kk path=$root persist exec.start="sleep 30" >/dev/null 2>&1 &
lj=$!
sleep 3
kj=$(ls $SLICE | grep '^[0-9]' | head -n 1)
kill -9 $lj
wait $lj 2>/dev/null
sleep 1
t_eq "SIGKILL of ljail: no process left in its cgroup" 0 \
    "$(cat $SLICE/$kj/cgroup.procs 2>/dev/null | wc -l)"
ljail -c name=after path=$root persist >/dev/null 2>&1
t_check "... and the next creation removes the dead cgroup" \
    [ ! -e "$SLICE/$kj" -o "$(jid after)" = "$kj" ]
ljail -r after >/dev/null 2>&1
t_eq "no cgroup left at all" "" "$(ls $SLICE | grep '^[0-9]')"

# --- a controller missing: refused in one line, naming it
mkdir $CG/noio
echo "+memory +pids" >$CG/noio/cgroup.subtree_control
mkdir $CG/noio/ljail
LJAIL_CGROUP=$CG/noio/ljail t_run_expect "a missing controller is named" 1 \
    "^ljrctl: failed to add rule 'jail:x:readbps:throttle=1M': cgroup v2 controller 'io' not available for /sys/fs/cgroup/noio/ljail" \
    ljrctl -a jail:x:readbps:throttle=1M
echo "jail:nio:writebps:throttle=1M" >/tmp/rctl2.conf
LJAIL_CGROUP=$CG/noio/ljail LJAIL_RCTL_CONF=/tmp/rctl2.conf \
    t_run_expect "... and a creation that needs it fails" 1 \
    "rctl: cgroup v2 controller 'io' not available" \
    ljail -c name=nio path=$root persist
rmdir $CG/noio/ljail $CG/noio

# --- rootless, in a subtree delegated as systemd's Delegate=yes does
D=$CG/deleg
mkdir $D $D/shell
echo "+memory +pids" >$D/cgroup.subtree_control
chown 1001:1001 $D $D/cgroup.procs $D/cgroup.subtree_control $D/cgroup.threads \
    $D/shell $D/shell/cgroup.procs
chmod 0755 /mnt
# as_user CMD...: CMD as jailuser (uid 1001), from the delegated subtree.
as_user() {
	sh -c 'echo $$ >'$D'/shell/cgroup.procs; exec su jailuser -s /bin/sh \
	    -c "$*"' sh "$@"
}
as_user ljrctl -a jail:rl:memoryuse:deny=24M jail:rl:maxproc:deny=20 \
    >"$T_TMP/rl" 2>&1
t_eq "rootless: rules added" "" "$(cat "$T_TMP/rl")"
as_user ljail -c name=rl path=$root persist >"$T_TMP/rl" 2>&1
sed 's/^/# rootless: /' "$T_TMP/rl"
rj=$(ls $D/ljail.slice 2>/dev/null | grep '^[0-9]' | head -n 1)
t_check "rootless: the jail's cgroup is in the delegated subtree" \
    [ -n "$rj" -a -d "$D/ljail.slice/$rj" ]
t_eq "rootless: its limits" "25165824 20" \
    "$(cat $D/ljail.slice/$rj/memory.max $D/ljail.slice/$rj/pids.max 2>/dev/null | tr '\n' ' ' | sed 's/ $//')"
t_eq "rootless: ljexec'd processes are in it" "0::/" \
    "$(as_user ljexec rl cat /proc/self/cgroup 2>&1)"
as_user ljrctl -a jail:rl:memoryuse:deny=28M >/dev/null 2>&1
t_eq "rootless: a rule added at once" 29360128 \
    "$(cat $D/ljail.slice/$rj/memory.max 2>/dev/null)"
as_user ljrctl -a jail:rl:readbps:throttle=1M >"$T_TMP/rl" 2>&1
t_check "rootless: a controller not delegated is refused, named" \
    grep -q "cgroup v2 controller 'io' not delegated to $D/ljail.slice: add a systemd drop-in with Delegate=yes" "$T_TMP/rl"
as_user ljail -r rl >/dev/null 2>&1
t_check "rootless: removal leaves no cgroup" [ ! -e "$D/ljail.slice/$rj" ]

# --- start-up cost: jails with a memory and a pids limit against jails
# without, interleaved (TCG's speed drifts with the host's load)
ljrctl -a jail:sp:memoryuse:deny=64M jail:sp:maxproc:deny=50
bare=0 lim=0
for i in 1 2 3 4 5 6 7 8 9 10; do
	t0=$(now_ms)
	ljail -c name=sb path=$root command=/bin/true >/dev/null 2>&1
	t1=$(now_ms)
	ljail -c name=sp path=$root command=/bin/true >/dev/null 2>&1
	t2=$(now_ms)
	bare=$((bare + t1 - t0)) lim=$((lim + t2 - t1))
done
ljrctl -r jail:sp
echo "# start-up: 10 jails without limits $bare ms, with memoryuse+maxproc $lim ms, ratio $(awk "BEGIN { printf \"%.2f\", $lim / $bare }")"
t_le "limits cost start-up little (under 1.5 times; TCG is noisy)" $((bare * 3 / 2)) "$lim"
t_done
