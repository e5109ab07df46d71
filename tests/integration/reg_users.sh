#!/bin/sh
# reg_users.sh - root's ljls lists every user's rootless jails too, with
# the owner in -v and --libxo output, and believes a user's record only
# as far as the kernel confirms it: a record naming a process that is not
# the user's own jail init, or reached through a link, is not listed.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_userns
user=ljailtest
id "$user" >/dev/null 2>&1 || t_skip_all "no user $user (scripts/run-tests makes it)"
uid=$(id -u "$user")
# Root's default registry (with LJAIL_RUNDIR ljls shows that one only).
unset LJAIL_RUNDIR
# Binaries the user can run (the build tree may be unreadable to it).
bin=$(mktemp -d /tmp/ljail-reg-users.XXXXXX) || exit 1
t_cleanup "rm -rf $bin"
chmod 755 "$bin"
cp "$LJAIL" "$LJLS" "$bin/" || exit 1
as_user() {
	(cd / && runuser -u "$user" -- env -u LJAIL_RUNDIR -u XDG_RUNTIME_DIR \
	    ASAN_OPTIONS="${ASAN_OPTIONS:-}" "$@")
}
as_user "$bin/ljail" -h >/dev/null 2>&1
[ $? -ne 127 ] || t_skip_all "$user cannot run the binaries"
reg="/tmp/ljail-$uid"
[ -e "$reg" ] || t_cleanup "rm -rf $reg"
name="users-$$"
t_cleanup "as_user $bin/ljail -r $name >/dev/null 2>&1"
t_run_expect "a user's persistent jail" 0 '' \
    as_user "$bin/ljail" -c name="$name" host.hostname="$name" persist
jid=$(as_user "$bin/ljls" -j "$name" jid 2>&1)

t_eq "root's ljls -N lists it" 1 \
    "$("$LJLS" -N | grep -c "^ $name ")"
t_eq "root's ljls -v names its owner" "owner $user" \
    "$("$LJLS" -v | grep -A3 "^ *$jid  $name " | sed -n 's/^ *\(owner .*\)/\1/p')"
out=$("$LJLS" --libxo json)
case $out in
*"\"hostname\":\"$name\",\"path\":\"/\",\"owner\":\"$user\""*)
	t_ok "root's ljls --libxo json names its owner" ;;
*)	t_fail "root's ljls --libxo json names its owner: $out" ;;
esac
t_eq "the user's own ljls is unchanged (no owner)" 0 \
    "$(as_user "$bin/ljls" -v | grep -c owner)"
t_eq "root's ljls with LJAIL_RUNDIR: that registry only" 0 \
    "$(LJAIL_RUNDIR="$T_TMP/reg" "$LJLS" -N | grep -c " $name ")"

# Forgeries in the user's registry: a record naming a process that is not
# the user's (pid 1, start time right), and one reached through a link.
rec=$(as_user cat "$reg/jails/$jid")
start1=$(awk '{ print $22 }' /proc/1/stat)
printf '%s\n' "$rec" | sed "s/^jid .*/jid 999990/; s/^name :.*/name :forged-$$/;
    s/^init .*/init 1 $start1/" | as_user sh -c "cat > $reg/jails/999990"
t_cleanup "rm -f $reg/jails/999990 $reg/jails/999991"
as_user ln -s "$reg/jails/$jid" "$reg/jails/999991"
t_eq "a record naming another user's process is not listed" 0 \
    "$("$LJLS" -N | grep -c "forged-$$")"
t_eq "a record reached through a link is not listed twice" 1 \
    "$("$LJLS" -N | grep -c " $name ")"
rm -f "$reg/jails/999990" "$reg/jails/999991"

t_run_expect "the user removes it" 0 '' as_user "$bin/ljail" -r "$name"
t_eq "root's ljls no longer lists it" 0 "$("$LJLS" -N | grep -c " $name ")"

# Root enters a user's jail and removes it; none of its hooks runs as root.
t_run_expect "another user's jail, with hooks" 0 '' \
    as_user "$bin/ljail" -c name="$name" persist \
    exec.prestop="/bin/touch $T_TMP/prestop-ran" \
    exec.poststop="/bin/touch $T_TMP/poststop-ran"
t_eq "root's ljls -j finds it" "$name" "$("$LJLS" -j "$name" name 2>&1)"
t_eq "root's ljexec: jail root, no group of root's" "0 Groups:" \
    "$("$LJEXEC" "$name" /bin/sh -c 'echo $(id -u) \
    $(grep "^Groups:" /proc/self/status)' 2>&1 | sed 's/ *$//')"
"$LJEXEC" "$name" /bin/sleep 4399 >/dev/null 2>&1 &
sleep 0.3
pid=$(pgrep -x -f '/bin/sleep 4399')
t_eq "root's ljexec: the process is the user's on the host" "$uid" \
    "$(awk '/^Uid:/ { print $2 }' /proc/"${pid:-0}"/status 2>/dev/null)"
t_run_expect "root's ljail -r removes it" 0 '' "$LJAIL" -r "$name"
t_eq "no hook of the user's ran as root" "" \
    "$(ls "$T_TMP" | grep -- '-ran$')"
t_eq "the user's ljls no longer lists it" 0 \
    "$(as_user "$bin/ljls" -N | grep -c " $name ")"

# A user's jail with only root (made without the helpers): root's
# ljexec -U says whose subordinate ids it lacks, the user's.
t_run_expect "a user's root-only jail" 0 '' \
    as_user env PATH=/nonexistent "$bin/ljail" -c name="$name" persist
t_run_expect "root's ljexec -U there names the user's ids" 1 \
    "only root|subordinate ids" "$LJEXEC" -U "$user" "$name" /bin/true
case $(cat "$T_TMP/err") in
*"without $user's subordinate ids"*|*"give $user a range"*)
	t_ok "the hint is about $user" ;;
*)	t_fail "the hint is about $user: $(cat "$T_TMP/err")" ;;
esac
"$LJAIL" -r "$name" >/dev/null 2>&1
t_done
