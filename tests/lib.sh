# tests/lib.sh - TAP helpers and preconditions for shell tests.
#
# Source it, call plan-free tests with t_ok / t_fail / t_skip, and finish
# with t_done.  require_root / require_userns / require_netns skip the
# whole script (counted as a skip, with the reason) when not met.
# Every resource a test makes is registered with t_cleanup and removed in
# an EXIT trap, so a failing test still cleans up.

: "${LJAIL_BIN:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
LJAIL="$LJAIL_BIN/ljail"
LJLS="$LJAIL_BIN/ljls"
LJEXEC="$LJAIL_BIN/ljexec"
export LJAIL LJLS LJEXEC
# Test jails live below directories other users can search (the shared
# root, T_TMP opened for the jail's ids): no F9 warning for each of them
# (tests/escape checks it).
LJAIL_PATH_WARNING=0
export LJAIL_PATH_WARNING

_t_n=0
_t_failed=0
_t_cleanups=""
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ljail-test.XXXXXX")

# Registers a shell command to run at exit (last registered runs first).
t_cleanup() {
	_t_cleanups="$1
$_t_cleanups"
}

_t_exit() {
	_rc=$?
	printf '%s\n' "$_t_cleanups" | while IFS= read -r _c; do
		[ -n "$_c" ] && eval "$_c" >/dev/null 2>&1
	done
	rm -rf "$T_TMP"
	exit $_rc
}
trap _t_exit EXIT
trap 'exit 1' INT TERM

t_ok() { _t_n=$((_t_n + 1)); echo "ok $_t_n - $*"; }
t_fail() { _t_n=$((_t_n + 1)); _t_failed=1; echo "not ok $_t_n - $*"; }
t_skip() { _t_n=$((_t_n + 1)); echo "ok $_t_n - $1 # SKIP ${2:-}"; }

# t_check NAME CMD...: ok if CMD exits 0.
t_check() {
	_name=$1; shift
	if "$@"; then t_ok "$_name"; else t_fail "$_name"; fi
}

# t_eq NAME EXPECTED ACTUAL
t_eq() {
	if [ "$2" = "$3" ]; then t_ok "$1"; else
		t_fail "$1"
		printf '# expected: %s\n# actual:   %s\n' "$2" "$3" | sed 's/^/# /'
	fi
}

# t_run_expect NAME STATUS STDERR_PATTERN CMD...: checks exit status and
# that stderr matches a grep -E pattern (use '' for "empty stderr").
t_run_expect() {
	_name=$1 _want=$2 _pat=$3; shift 3
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	_got=$?
	if [ "$_got" -ne "$_want" ]; then
		t_fail "$_name (exit $_got, want $_want)"
		sed 's/^/# stderr: /' "$T_TMP/err"
		return
	fi
	if [ -z "$_pat" ]; then
		if [ -s "$T_TMP/err" ]; then
			t_fail "$_name (unexpected stderr)"
			sed 's/^/# stderr: /' "$T_TMP/err"
			return
		fi
	elif ! grep -Eq -- "$_pat" "$T_TMP/err"; then
		t_fail "$_name (stderr does not match /$_pat/)"
		sed 's/^/# stderr: /' "$T_TMP/err"
		return
	fi
	t_ok "$_name"
}

t_done() {
	echo "1..$_t_n"
	exit $_t_failed
}

# Skips the whole script with a reason (one SKIP result).
t_skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

require_root() {
	[ "$(id -u)" -eq 0 ] || t_skip_all "needs root"
}

require_nonroot() {
	[ "$(id -u)" -ne 0 ] || t_skip_all "runs as an unprivileged user only"
}

require_userns() {
	unshare -U true 2>/dev/null || t_skip_all "user namespaces unavailable"
}

require_netns() {
	[ "$(id -u)" -eq 0 ] || t_skip_all "network tests need root"
	command -v ip >/dev/null || t_skip_all "iproute2 (ip) not installed"
	ip netns list >/dev/null 2>&1 || t_skip_all "ip netns unavailable"
}

# A minimal busybox root for jails, shared by the tests of a run.
# scripts/run-tests makes it before any test starts (LJAIL_TEST_ROOT);
# run alone, a test makes it here, and scripts/mkroot renames a complete
# root into place, so a test never sees a half-made one.
test_root() {
	_r="${LJAIL_TEST_ROOT:-${TMPDIR:-/tmp}/ljail-test-root}"
	if [ ! -e "$_r" ]; then
		"$top_srcdir/scripts/mkroot" "$_r" >/dev/null || return 1
	fi
	[ -x "$_r/bin/busybox" ] || return 1
	echo "$_r"
}

# make_test_netns NAME: a private network namespace NAME holding a veth
# pair (NAME-p inside it is the "parent" for jails, NAME-h is its peer),
# with TEST-NET addresses only; removed at exit.  Never touches the
# machine's real interfaces.
make_test_netns() {
	_ns=$1
	ip netns add "$_ns" || return 1
	t_cleanup "ip netns delete $_ns"
	ip -n "$_ns" link set lo up
	ip -n "$_ns" link add "${_ns}p" type veth peer name "${_ns}h" || return 1
	ip -n "$_ns" link set "${_ns}p" up
	ip -n "$_ns" link set "${_ns}h" up
	ip -n "$_ns" addr add 192.0.2.1/24 dev "${_ns}h"
	ip -n "$_ns" addr add 2001:db8::1/64 dev "${_ns}h" nodad
}

# t_atf [-s exit:N|not-exit:N] [-o X] [-e X] CMD...: FreeBSD's atf_check,
# so that FreeBSD's regression cases keep their assertions when carried
# over.  X is inline:TEXT (backslash escapes as in atf), match:ERE, or
# ignore; a stream without -o/-e must be empty, no -s means exit 0.
t_atf() {
	_as=exit:0 _ao=inline: _ae=inline:
	while :; do
		case $1 in
		-s) _as=$2; shift 2 ;;
		-s*) _as=${1#-s}; shift ;;
		-o) _ao=$2; shift 2 ;;
		-o*) _ao=${1#-o}; shift ;;
		-e) _ae=$2; shift 2 ;;
		-e*) _ae=${1#-e}; shift ;;
		*) break ;;
		esac
	done
	_an=$(printf '%s ' "$@" | tr '\n\t' '  ' | cut -c1-70)
	"$@" >"$T_TMP/atf.out" 2>"$T_TMP/atf.err"
	_ag=$?
	case $_as in
	exit:*) [ "$_ag" -eq "${_as#exit:}" ] ;;
	not-exit:*) [ "$_ag" -ne "${_as#not-exit:}" ] ;;
	*) false ;;
	esac || {
		t_fail "$_an(exit $_ag, want $_as)"
		sed 's/^/# stderr: /' "$T_TMP/atf.err"
		return 1
	}
	for _s in "out:$_ao" "err:$_ae"; do
		_f=$T_TMP/atf.${_s%%:*}
		_x=${_s#*:}
		case $_x in
		ignore) continue ;;
		inline:*)
			printf '%b' "${_x#inline:}" >"$T_TMP/atf.want"
			cmp -s "$T_TMP/atf.want" "$_f" ;;
		match:*) grep -Eq -- "${_x#match:}" "$_f" ;;
		*) false ;;
		esac && continue
		t_fail "$_an(std${_s%%:*} is not $_x)"
		sed "s/^/# std${_s%%:*}: /" "$_f"
		return 1
	done
	t_ok "$_an"
}

# make_test_lan NAME: a private network namespace NAME playing the host,
# whose interface NAME-e (the jails' parent) carries the host's own
# addresses 192.0.2.1/24 and 2001:db8::1/64, like a laptop's eth0; its
# veth peer lives in a second namespace NAME-l playing a LAN peer
# (192.0.2.2/24, 2001:db8::2/64 on NAME-x).  TEST-NET only; both
# namespaces are removed at exit.  Run commands with
# "ip netns exec NAME ..." (host) and "ip netns exec NAME-l ..." (LAN).
make_test_lan() {
	_ns=$1
	ip netns add "$_ns" || return 1
	t_cleanup "ip netns delete $_ns"
	ip netns add "$_ns-l" || return 1
	t_cleanup "ip netns delete $_ns-l"
	ip -n "$_ns" link set lo up
	ip -n "$_ns-l" link set lo up
	ip -n "$_ns" link add "$_ns-e" type veth peer name "$_ns-x" \
	    netns "$_ns-l" || return 1
	ip -n "$_ns" addr add 192.0.2.1/24 dev "$_ns-e"
	ip -n "$_ns" addr add 2001:db8::1/64 dev "$_ns-e" nodad
	ip -n "$_ns-l" addr add 192.0.2.2/24 dev "$_ns-x"
	ip -n "$_ns-l" addr add 2001:db8::2/64 dev "$_ns-x" nodad
	ip -n "$_ns" link set "$_ns-e" up
	ip -n "$_ns-l" link set "$_ns-x" up
}

# man_names FILE...: the arguments of the Va and Cm macros of mdoc pages,
# sorted, one a line (".Cm a , b" gives a and b): the parameter names
# they document.
man_names() {
	awk '/^\./ {
		m = ""
		for (i = 1; i <= NF; i++) {
			w = $i
			if (i == 1) sub(/^\./, "", w)
			if (w ~ /^[A-Z][a-z][a-z]?$/) { m = w; continue }
			if (w ~ /^[,.;:()|]$/) continue
			if (m == "Va" || m == "Cm") {
				gsub(/\\&/, "", w); sub(/[,;:.]$/, "", w); print w
			}
		}
	}' "$@" | sort -u
}
