# tests/cli/reg_records.sh - writes registry records for ljls tests.
#
# Sourced after tests/lib.sh.  Points LJAIL_RUNDIR at a private registry
# and makes records by hand (the format of src/lib/reg.c) whose init is
# a sleeping process of ours, so ljls sees live jails without creating
# any namespace.  Values are escaped as the registry does: \xHH for bytes
# up to space, \\ for a backslash.

REG="$T_TMP/reg"
LJAIL_RUNDIR="$REG"
export LJAIL_RUNDIR
mkdir -m 700 "$REG" "$REG/jails" "$REG/names" "$REG/slots"
BOOT=$(cat /proc/sys/kernel/random/boot_id)

# reg_esc TEXT: the registry's escaping of TEXT.
reg_esc() {
	printf '%s' "$1" | od -An -v -tu1 | awk '{
		for (i = 1; i <= NF; i++) {
			c = $i + 0
			if (c <= 32 || c == 127) printf "\\x%02x", c
			else if (c == 92) printf "\\\\"
			else printf "%c", c
		}
	}'
}

# start_time PID: field 22 of /proc/PID/stat.
start_time() {
	sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f20
}

# sleeper: starts a process standing in for a jail's init; sets SLEEPER.
sleeper() {
	sleep 1000 &
	SLEEPER=$!
	t_cleanup "kill $SLEEPER"
}

# mkrec JID NAME PARENT PATH DYING [PARAM=VALUE | PARAM ...]: a live
# record (its init a new sleeper) and its name index entry.
mkrec() {
	_jid=$1 _name=$2 _parent=$3 _path=$4 _dying=$5
	shift 5
	sleeper
	{
		echo "ljail-record 1"
		echo "boot :$BOOT"
		echo "jid $_jid"
		echo "name :$(reg_esc "$_name")"
		echo "parent $_parent"
		echo "path :$(reg_esc "$_path")"
		echo "init $SLEEPER $(start_time "$SLEEPER")"
		echo "owner 0 0"
		echo "ids $((0x10000000 + _jid * 65536)) 65536"
		echo "dying $_dying"
		echo "conf 0 -"
		for _p in "$@"; do
			case $_p in
			*=*)
				echo "param 1 :$(reg_esc "${_p%%=*}")"
				echo "value :$(reg_esc "${_p#*=}")"
				;;
			*)
				echo "param -1 :$(reg_esc "$_p")"
				;;
			esac
		done
		echo "end"
	} >"$REG/jails/$_jid"
	chmod 600 "$REG/jails/$_jid"
	ln -sfn "$_jid" "$REG/names/$_name"
}

# t_expect NAME EXPECTED-FILE CMD...: stdout of CMD equals the file
# byte for byte and CMD exits 0 with an empty stderr.
t_expect() {
	_name=$1 _exp=$2
	shift 2
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	_rc=$?
	# A new expected file: LJAIL_WRITE_EXPECTED=1 writes the missing
	# ones from this run (read them before committing).
	if [ ! -e "$_exp" ] && [ "${LJAIL_WRITE_EXPECTED:-}" = 1 ]; then
		cp "$T_TMP/out" "$_exp"
	fi
	if [ "$_rc" -ne 0 ] || [ -s "$T_TMP/err" ]; then
		t_fail "$_name (exit $_rc)"
		sed 's/^/# stderr: /' "$T_TMP/err"
	elif cmp -s "$_exp" "$T_TMP/out"; then
		t_ok "$_name"
	else
		t_fail "$_name"
		diff "$_exp" "$T_TMP/out" | sed 's/^/# /'
	fi
}

# t_out NAME EXPECTED-TEXT CMD...: like t_expect with inline text
# (one trailing newline added).
t_out() {
	_name=$1
	printf '%s\n' "$2" >"$T_TMP/want"
	shift 2
	t_expect "$_name" "$T_TMP/want" "$@"
}
