#!/bin/sh
# tests/escape/run.sh - the escape suite (linux-peers.md §3), TAP.
#
# Every probe of tests/escape/probe runs inside a real jail: as the
# jail's root and, where the answer differs, as an ordinary jail user
# (uid 1001).  The host side is checked around each run: the marker file
# outside the root, the sentinel process, host mounts of the test root,
# the module list, the clock offset, core_pattern and the host name.
# Probes exit 0 (held), 1 (escaped), 2 (broken setup) or 77 (skip);
# only "held" passes.
#
# The same probes then run under a plain chroot as real root, with no
# namespaces, filter or capability trim: those results are REPORTED (they
# prove the probes see escapes), not counted as failures, except that a
# chroot where no probe escapes means the probes are blind.
#
# The jail comes from "ljail -c" when it can start one, else from
# tests/escape/lj-sim, a minimal launcher built from the same library
# functions (caps_apply, filter_apply, mask_apply_proc, caps_finish).
# LJ_ESCAPE_LAUNCHER=sim|ljail forces one; LJ_ESCAPE_PROBES="F1 K4"
# limits the run.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

PROBE="$LJAIL_BIN/tests/escape/probe"
SIM="$LJAIL_BIN/tests/escape/lj-sim"
[ -x "$PROBE" ] && [ -x "$SIM" ] ||
    t_skip_all "tests/escape/probe and lj-sim are not built"
require_userns
command -v timeout >/dev/null || t_skip_all "timeout(1) missing"

uid=$(id -u)
base=3100000
# The jail's root (a host uid of the private range) must reach its root.
chmod 0711 "$T_TMP"
root="$T_TMP/root"
"$top_srcdir/scripts/mkroot" "$root" >/dev/null ||
    t_skip_all "cannot build a busybox root (busybox-static missing?)"
mkdir -p "$root/probe"
cp "$PROBE" "$root/probe/probe"
chmod 0755 "$root/probe" "$root/probe/probe"
# One program per technique: links named after the probes (the binary
# dispatches on its name), so the jail runs /probe/F1, /probe/K4...
for _p in $("$PROBE" -l | cut -f1); do
	ln "$root/probe/probe" "$root/probe/$_p"
done
cp "$PROBE" "$root/probe/suid-probe"
# The jail's root must be able to write its /tmp.
chmod 1777 "$root/tmp"

# ---------------------------------------------------------------- host side
marker="$T_TMP/sec-marker-$$"
echo "sec-marker-$$-$(date +%s%N)" > "$marker"
marker_sum=$(cksum < "$marker")
sleep 600 &
sentinel=$!
t_cleanup "kill $sentinel"
fifo="$T_TMP/fixture.in"
mkfifo "$fifo"
"$PROBE" host_fixture < "$fifo" > "$T_TMP/fixture.out" 2>&1 &
fixture=$!
exec 8> "$fifo"
t_cleanup "kill $fixture"
for _i in 1 2 3 4 5 6 7 8 9 10; do
	[ -s "$T_TMP/fixture.out" ] && break
	sleep 0.1
done
LJ_MARKER=$marker
LJ_SENTINEL=$sentinel
LJ_SUID_PROBE=/probe/suid-probe
export LJ_MARKER LJ_SENTINEL LJ_SUID_PROBE
for kv in $(cat "$T_TMP/fixture.out"); do
	case $kv in
	LJ_*=*) export "${kv?}" ;;
	esac
done

# Facts that no jail may change.
clock_offset() {
	awk -v now="$(date +%s)" '{ printf "%d\n", now - $1 }' /proc/uptime
}
host_facts() {
	cat /proc/sys/kernel/core_pattern 2>/dev/null
	hostname
	cat /proc/modules 2>/dev/null | cut -d' ' -f1 | sort
	cat /proc/sys/kernel/modprobe 2>/dev/null
	# Mounts of the test root on the host (a jail's stay in its namespace).
	grep -c -- "$root" /proc/self/mountinfo
}
facts0=$(host_facts)
clock0=$(clock_offset)

# host_check LABEL: the host invariants after a run.
host_check() {
	_bad=""
	[ "$(cksum < "$marker")" = "$marker_sum" ] || _bad="$_bad marker"
	kill -0 "$sentinel" 2>/dev/null || _bad="$_bad sentinel"
	kill -0 "$fixture" 2>/dev/null || _bad="$_bad fixture"
	[ "$(host_facts)" = "$facts0" ] || _bad="$_bad host-facts"
	_c=$(clock_offset)
	[ $((_c - clock0)) -le 2 ] && [ $((clock0 - _c)) -le 2 ] ||
	    _bad="$_bad clock"
	if [ -z "$_bad" ]; then t_ok "host intact after $1"
	else t_fail "host changed after $1:$_bad"; fi
}

# ---------------------------------------------------------------- launchers
launcher=${LJ_ESCAPE_LAUNCHER:-}
if [ -z "$launcher" ]; then
	launcher=sim
	if [ -x "$LJAIL" ]; then
		LJAIL_RUNDIR="$T_TMP/run"
		export LJAIL_RUNDIR
		mkdir -p "$LJAIL_RUNDIR"
		if timeout 20 "$LJAIL" -c path="$root" name=sec-esc-probe \
		    mount.procfs mount.devfs command=/bin/true >/dev/null 2>&1
		then
			launcher=ljail
		fi
	fi
fi
echo "# launcher: $launcher, as uid $uid, root $root"

# A setuid copy owned by the jail's root, for C4 as an ordinary user:
# lj-sim maps jail 0 to $base with no idmapped mount; ljail shows the
# root through an idmapped mount, where host 0 is the jail's 0.
if [ "$uid" -eq 0 ]; then
	if [ "$launcher" = sim ]; then
		chown "$base:$base" "$root/probe/suid-probe"
		chown "$((base + 1001)):$((base + 1001))" "$root/home/jailuser"
	else
		chown 1001:1001 "$root/home/jailuser"
	fi
fi
chmod 4755 "$root/probe/suid-probe"

# in_jail USER [PARAM=VALUE]... -- PROBE: runs /probe/PROBE in a new jail.
_jn=0
in_jail() {
	_user=$1; shift
	_params=""
	while [ "$1" != "--" ]; do _params="$_params $1"; shift; done
	shift
	_jn=$((_jn + 1))
	if [ "$launcher" = ljail ]; then
		_u=""
		[ "$_user" -ne 0 ] && _u="exec.jail_user=jailuser"
		# shellcheck disable=SC2086
		timeout 60 "$LJAIL" -c path="$root" name="sec-esc-$$-$_jn" \
		    mount.procfs mount.devfs $_u $_params \
		    command="/probe/$1" 7</
	else
		_s=""
		for _p in $_params; do _s="$_s -s $_p"; done
		# fd 7: a host directory left open on purpose (F2).
		# shellcheck disable=SC2086
		timeout 60 "$SIM" -b "$base" -u "$_user" $_s "$root" \
		    "/probe/$1" 7</
	fi
}

# t_todo NAME REASON: a known failure another module must fix (XFAIL).
t_todo() {
	_t_n=$((_t_n + 1))
	echo "not ok $_t_n - $1 # TODO $2"
}

# verdict LABEL STATUS OUTFILE: one TAP line for a probe run.  The
# verdict is the probe's own last line ("F1 verdict held"), checked
# against its exit status, so a launcher that fails (and exits 1 or 125
# itself) is a broken setup, never mistaken for an escape or a pass.
verdict() {
	sed 's/^/# /' "$3"
	_v=$(sed -n 's/^[A-Za-z0-9_]* verdict \([a-z]*\)$/\1/p' "$3" | tail -n 1)
	case $_v:$2 in
	held:0) t_ok "$1: held" ;;
	escaped:1) t_fail "$1: ESCAPED" ;;
	skip:77) t_skip "$1" "$(tail -n 2 "$3" | head -n 1)" ;;
	broken:2) t_fail "$1: broken setup (the probe's)" ;;
	*) t_fail "$1: broken setup (verdict '${_v:-none}', exit $2)" ;;
	esac
}

probes=${LJ_ESCAPE_PROBES:-$("$PROBE" -l | cut -f1 | grep -v -e C4x -e host_fixture -e E7)}
# Where an ordinary jail user meets different defences.
user_probes="F1 F8 F10 C1 C2 C3 C4 C5 K1 K2 K4 K6 K7 N3 P2 P5 S6 S7"

# ---------------------------------------------------------------- jail runs
for p in $probes; do
	in_jail 0 -- "$p" > "$T_TMP/out" 2>&1
	verdict "jail root: $p" $? "$T_TMP/out"
	if [ "$uid" -eq 0 ] && echo " $user_probes " | grep -q " $p "; then
		in_jail 1001 -- "$p" > "$T_TMP/out" 2>&1
		verdict "jail user 1001: $p" $? "$T_TMP/out"
	fi
done
host_check "the jail runs"

# F5: symlinks planted in a persistent root for the mount targets.
mkdir -p "$T_TMP/hostdir"
cp -a "$root" "$T_TMP/root5" 2>/dev/null
rmdir "$T_TMP/root5/proc" && ln -s "$T_TMP/hostdir" "$T_TMP/root5/proc"
if [ "$launcher" = sim ]; then
	timeout 60 "$SIM" -b "$base" "$T_TMP/root5" /bin/true \
	    > "$T_TMP/out" 2>&1
	st=$?
else
	timeout 60 "$LJAIL" -c path="$T_TMP/root5" name="sec-esc-$$-f5" \
	    mount.procfs command=/bin/true > "$T_TMP/out" 2>&1
	st=$?
fi
sed 's/^/# /' "$T_TMP/out"
# Refused with a message naming the link (not any failure), nothing
# mounted on or created in the host directory.
if [ "$st" -ne 0 ] &&
    grep -Eq 'symbolic link|Too many levels of symbolic links' "$T_TMP/out" &&
    ! grep -q -- "$T_TMP/hostdir" /proc/self/mountinfo &&
    [ -z "$(ls -A "$T_TMP/hostdir")" ]; then
	t_ok "F5: a symlinked /proc in the root is refused (exit $st)"
else
	t_fail "F5: symlinked mount target not refused as such (exit $st)"
fi
rm -rf "$T_TMP/root5"

# F7: host mounts before and after a jail that mounts (allow.mount).
before=$(grep -c -- "$root" /proc/self/mountinfo)
in_jail 0 allow.mount allow.mount.tmpfs enforce_statfs=1 -- F8 \
    > "$T_TMP/out" 2>&1
after=$(grep -c -- "$root" /proc/self/mountinfo)
t_eq "F7: host mount table unchanged by a jail's mounts" "$before" "$after"

# F9: a setuid file planted by the jail's root, run by a host user
# through the jail's path (the jail root's files must not be host root's,
# or the path must not be reachable, or not honour set-user-ID).
plant='cp /probe/probe /tmp/f9-probe && chmod 4755 /tmp/f9-probe'
if [ "$launcher" = sim ]; then
	timeout 60 "$SIM" -b "$base" "$root" /bin/sh -c "$plant" \
	    > "$T_TMP/out" 2>&1
else
	# The F9 warning is wanted here (tests/lib.sh turns it off).
	LJAIL_PATH_WARNING=1 timeout 60 "$LJAIL" -c path="$root" \
	    name="sec-esc-$$-f9" command=/bin/sh -c "$plant" > "$T_TMP/out" 2>&1
fi
f9_warn="ljail: path $root: reachable by other users: set-user-ID files made by the jail's root would run as root on the host; make a parent directory mode 0700"
if [ ! -f "$root/tmp/f9-probe" ]; then
	sed 's/^/# /' "$T_TMP/out"
	t_fail "F9: the jail's root could not create its file"
elif [ "$uid" -ne 0 ]; then
	t_skip "F9: run by another host user" "needs root to switch users"
else
	owner=$(stat -c %u "$root/tmp/f9-probe")
	eff=$(runuser -u nobody -- "$root/tmp/f9-probe" C4x 2>&1 |
	    sed -n 's/^CapEff //p')
	echo "# F9: planted file owned by host uid $owner; run by nobody: CapEff ${eff:-none}"
	case $eff in
	0|"") t_ok "F9: a host user gains nothing from the planted file" ;;
	*)
		# As on FreeBSD, ljail's root may do this; it says so, once.
		if [ "$launcher" = ljail ]; then
			if [ "$(grep -cxF -- "$f9_warn" "$T_TMP/out")" = 1 ]
			then
				t_ok "F9: a path other users reach is warned about (the planted file runs with CapEff $eff)"
			else
				sed 's/^/# /' "$T_TMP/out"
				t_fail "F9: host user nobody runs the jail's setuid file with CapEff $eff, and no warning"
			fi
		else
			t_fail "F9: host user nobody runs the jail's setuid file with CapEff $eff"
		fi ;;
	esac
fi
rm -f "$root/tmp/f9-probe"

# F9, as advised: the jail's path below a directory only the host's root
# may search (mode 0700).  The jail starts (its first process never looks
# the path up by name) and the file it plants is out of a host user's
# reach: exec fails with EACCES.
if [ "$launcher" = ljail ]; then
	closed="$T_TMP/closed"
	mkdir -m 0700 "$closed"
	cp -a "$root" "$closed/root"
	LJAIL_PATH_WARNING=1 timeout 60 "$LJAIL" -c path="$closed/root" \
	    name="sec-esc-$$-f9c" \
	    command=/bin/sh -c "$plant" > "$T_TMP/out" 2>&1
	st=$?
	sed 's/^/# /' "$T_TMP/out"
	if [ "$st" -ne 0 ] || [ ! -f "$closed/root/tmp/f9-probe" ]; then
		t_fail "F9: no jail below a 0700 directory (exit $st)"
	elif grep -q 'reachable by other users' "$T_TMP/out"; then
		t_fail "F9: a path below a 0700 directory is called reachable"
	elif [ "$uid" -ne 0 ]; then
		t_skip "F9 (0700 parent): run by another host user" \
		    "needs root to switch users"
	else
		runuser -u nobody -- "$closed/root/tmp/f9-probe" C4x \
		    > "$T_TMP/out" 2>&1
		st=$?
		sed 's/^/# /' "$T_TMP/out"
		# runuser says why it could not execute it, and exits 1.
		if [ "$st" -ne 0 ] &&
		    grep -q 'f9-probe: Permission denied' "$T_TMP/out" &&
		    ! grep -q '^CapEff' "$T_TMP/out"; then
			t_ok "F9: below a 0700 directory: held (exec: EACCES)"
		else
			t_fail "F9: below a 0700 directory, nobody ran the planted file (exit $st)"
		fi
	fi
	rm -rf "$closed"
fi

# ---------------------------------------------------------------- ljexec
# E-series: a process that enters a running jail must be as confined as
# the jail's own (linux-peers.md §3.7), and nothing outlives the jail.
if [ "$launcher" = ljail ] && [ -x "$LJEXEC" ]; then
	jname="sec-esc-$$-x"
	timeout 60 "$LJAIL" -c path="$root" name="$jname" persist \
	    mount.procfs mount.devfs > "$T_TMP/out" 2>&1
	t_cleanup "$LJAIL -r $jname"
	if (cd "$T_TMP" && timeout 20 "$LJEXEC" "$jname" /bin/true) \
	    >/dev/null 2>&1; then
		for p in E4 E5 F2 F3 C2 C3; do
			# From a host cwd, with a host directory fd left open.
			(cd "$T_TMP" && timeout 60 "$LJEXEC" "$jname" \
			    "/probe/$p" 7</) > "$T_TMP/out" 2>&1
			verdict "ljexec: $p" $? "$T_TMP/out"
		done
		if [ "$uid" -eq 0 ]; then
			(cd "$T_TMP" && timeout 60 "$LJEXEC" -U jailuser \
			    "$jname" /probe/C2) > "$T_TMP/out" 2>&1
			verdict "ljexec -U jailuser: C2" $? "$T_TMP/out"
			# E7: a jail process attaches to ljexecs as they
			# enter.  A long passwd (read as data, after setns)
			# holds each one in the jail before its exec.
			cp "$root/etc/passwd" "$T_TMP/passwd.e7"
			awk 'BEGIN { for (i = 0; i < 250000; i++)
			    printf "e7u%d:x:%d:%d::/:/bin/sh\n", i,
			    200000 + i, 200000 + i }' >> "$root/etc/passwd"
			echo "e7last:x:1002:1002::/:/bin/sh" >> "$root/etc/passwd"
			(cd "$T_TMP" && LJ_E7_SECONDS=10 timeout 60 \
			    "$LJEXEC" "$jname" /probe/E7) > "$T_TMP/out.e7" 2>&1 &
			e7=$!
			_i=0
			while kill -0 "$e7" 2>/dev/null && [ "$_i" -lt 200 ]; do
				"$LJEXEC" -U e7last "$jname" /bin/true \
				    >/dev/null 2>&1
				_i=$((_i + 1))
			done
			wait "$e7"
			verdict "ljexec: E7 (attach while entering)" $? \
			    "$T_TMP/out.e7"
			cp "$T_TMP/passwd.e7" "$root/etc/passwd"
		fi
	else
		t_skip "ljexec probes (E4 E5 F2 F3 C2 C3)" \
		    "ljexec cannot enter a jail yet"
	fi
	timeout 60 "$LJAIL" -r "$jname" > "$T_TMP/out" 2>&1
	# E6: no record, no mount of the root left behind.
	if "$LJLS" 2>/dev/null | grep -q -- "$jname"; then
		t_fail "E6: $jname still listed after removal"
	else
		t_ok "E6: nothing listed after removal"
	fi
else
	t_skip "ljexec probes" "needs ljail and ljexec"
fi

# ---------------------------------------------------------------- knobs
# knob PROBE WANT LABEL PARAMS...: a probe's verdict with a knob set.
knob() {
	_p=$1 _want=$2 _label=$3; shift 3
	in_jail 0 "$@" -- "$_p" > "$T_TMP/out" 2>&1
	_st=$?
	_v=$(sed -n 's/^[A-Za-z0-9_]* verdict \([a-z]*\)$/\1/p' "$T_TMP/out")
	case $_want:$_v:$_st in
	0:held:0|1:escaped:1) t_ok "$_label" ;;
	*) sed 's/^/# /' "$T_TMP/out"
	   t_fail "$_label (verdict '${_v:-none}', exit $_st)" ;;
	esac
}
knob N3 1 "allow.raw_sockets=1 opens raw sockets in the jail" \
    allow.raw_sockets=1
knob C1 1 "children.max=1 lets the jail create user namespaces" \
    children.max=1
knob F8 1 "allow.mount with a file system lets the jail (un)mount" \
    allow.mount allow.mount.tmpfs enforce_statfs=1
knob F8 0 "allow.mount without enforce_statfs<2 stays closed" \
    allow.mount allow.mount.tmpfs
knob C2 0 "allow.suser=0 still a held jail" allow.suser=0
host_check "the knob runs"

# ---------------------------------------------------------------- layers
# LJ_ESCAPE_LAYERS=1: which probes each defence holds on its own: lj-sim
# without the filter (-F), without the capability trim (-C), without the
# masks (-M).  Reported only: the other layers are meant to overlap.
if [ "${LJ_ESCAPE_LAYERS:-0}" = 1 ]; then
	for layer in F C M; do
		esc=""
		for p in $probes; do
			# shellcheck disable=SC2086
			timeout 60 "$SIM" -b "$base" -$layer "$root" "/probe/$p" \
			    7</ > "$T_TMP/out" 2>&1
			[ $? -eq 1 ] && esc="$esc $p"
		done
		echo "# without -$layer, escaped:${esc:- none}"
	done
fi

# ---------------------------------------------------------------- chroot
if [ "$uid" -ne 0 ]; then
	t_skip "chroot baseline" "needs real root"
	t_done
fi
mount -t proc proc "$root/proc" && t_cleanup "umount -l $root/proc"
chown 0:0 "$root/probe/suid-probe" && chmod 4755 "$root/probe/suid-probe"
escaped=0 total=0 list=""
for p in $probes; do
	(cd "$T_TMP" && timeout 60 chroot "$root" "/probe/$p" 7</) \
	    > "$T_TMP/out" 2>&1
	st=$?
	total=$((total + 1))
	case $st in
	0) v=held ;;
	1) v=escaped; escaped=$((escaped + 1)); list="$list $p" ;;
	77) v=skip ;;
	*) v="broken($st)" ;;
	esac
	echo "# chroot $p: $v"
	grep -E ' (escaped|broken):' "$T_TMP/out" | head -n 3 | sed 's/^/#   /'
done
umount -l "$root/proc"
echo "# chroot: $escaped of $total probes escape:$list"
if [ "$escaped" -gt 0 ]; then
	t_ok "chroot baseline: the probes detect escapes ($escaped of $total)"
else
	t_fail "chroot baseline: no probe escapes a plain chroot (blind probes)"
fi
host_check "the chroot runs"
t_done
