#!/bin/sh
# jailmeta.sh - FreeBSD's tests/sys/kern/jailmeta.sh (meta and env, the
# FreeBSD 15 key-value parameters), carried over with its assertions:
# jail, jls and jexec are ljail, ljls and ljexec, atf_check is t_atf.
#
# Differences, each for a reason Linux gives:
# - flua_create, flua_modify and the flua steps of keyvalue: there is no
#   Lua binding of ljail (skipped).
# - maxbufsize: security.jail.meta_maxbufsize is the registry's
#   meta_maxbufsize file (ljail(8)), and nothing announces the soft
#   limit (security.jail.param.meta), which ljls does not need: it reads
#   any stored value whole.
# - maxbufsize pipes atf_check into wc -c, so its size checks assert
#   nothing there; here they are t_eq of what jls prints (value and
#   newline).
# - env_readable_by_jail, not_inheritable: no sysctl(8) in a jail
#   (skipped until a jail can read its env).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
require_root
require_userns
LJAIL_RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/ljail-meta-rd.XXXXXX")
export LJAIL_RUNDIR
t_cleanup "rm -rf $LJAIL_RUNDIR"
t_cleanup 'for j in $(ls $LJAIL_RUNDIR/jails 2>/dev/null); do $LJAIL -R $j; done'
cd "$T_TMP" || exit 1

jail() { "$LJAIL" "$@"; }
jls() { "$LJLS" "$@"; }
jexec() { "$LJEXEC" "$@"; }
jot() { if [ $# -eq 1 ]; then seq 1 "$1"; else seq "$2" "$3"; fi; }
maxbufsize() {
	cat "$LJAIL_RUNDIR/meta_maxbufsize" 2>/dev/null || echo 4096
}
cleanup() { jail -r "${1:-j}" >/dev/null 2>&1; }
atf_check() { t_atf "$@"; }

# --- jail_create
atf_check -s not-exit:0 -e match:"not found" -o ignore \
    jls -jj
atf_check -s exit:0 \
    jail -c name=j persist meta="a b c" env="C B A"
atf_check -s exit:0 -o inline:"a b c\n" \
    jls -jj meta
atf_check -s exit:0 -o inline:"C B A\n" \
    jls -jj env
cleanup

# --- jail_modify
atf_check -s not-exit:0 -e match:"not found" -o ignore \
    jls -jj
atf_check -s exit:0 \
    jail -c name=j persist meta="a	b	c" env="CAB"
atf_check -s exit:0 -o inline:"a	b	c\n" \
    jls -jj meta
atf_check -s exit:0 -o inline:"CAB\n" \
    jls -jj env
atf_check -s exit:0 \
    jail -m name=j meta="t1=A t2=B" env="CAB2"
atf_check -s exit:0 -o inline:"t1=A t2=B\n" \
    jls -jj meta
atf_check -s exit:0 -o inline:"CAB2\n" \
    jls -jj env
cleanup

# --- jail_add
atf_check -s not-exit:0 -e match:"not found" -o ignore \
    jls -jj
atf_check -s exit:0 \
    jail -c name=j persist host.hostname=jail1
atf_check -s exit:0 -o inline:'""\n' \
    jls -jj meta
atf_check -s exit:0 -o inline:'""\n' \
    jls -jj env
atf_check -s exit:0 \
    jail -m name=j meta="$(jot 3 1 3)" env="$(jot 2 11 12)"
atf_check -s exit:0 -o inline:"1\n2\n3\n" \
    jls -jj meta
atf_check -s exit:0 -o inline:"11\n12\n" \
    jls -jj env
cleanup

# --- jail_reset
atf_check -s not-exit:0 -e match:"not found" -o ignore \
    jls -jj
atf_check -s exit:0 \
    jail -c name=j persist meta="123" env="456"
atf_check -s exit:0 -o inline:"123\n" \
    jls -jj meta
atf_check -s exit:0 -o inline:"456\n" \
    jls -jj env
atf_check -s exit:0 \
    jail -m name=j meta= env=
atf_check -s exit:0 -o inline:'""\n' \
    jls -jj meta
atf_check -s exit:0 -o inline:'""\n' \
    jls -jj env
cleanup

# --- jls_libxo_json
atf_check -s not-exit:0 -e match:"not found" -o ignore \
    jls -jj
atf_check -s exit:0 \
    jail -c name=j persist meta="a b c" env="1 2 3"
atf_check -s exit:0 -o inline:'{"__version": "2", "jail-information": {"jail": [{"name":"j","meta":"a b c"}]}}\n' \
    jls -jj --libxo json name meta
atf_check -s exit:0 -o inline:'{"__version": "2", "jail-information": {"jail": [{"env":"1 2 3"}]}}\n' \
    jls -jj --libxo json env
cleanup

# --- flua_create, flua_modify
t_skip "flua_create" "no Lua binding"
t_skip "flua_modify" "no Lua binding"

# --- env_readable_by_jail, not_inheritable: below, once a jail reads it
ENV_READ_SKIP="a jail cannot read its env yet"
if [ -n "$ENV_READ_SKIP" ]; then
	t_skip "env_readable_by_jail" "$ENV_READ_SKIP"
	t_skip "not_inheritable" "$ENV_READ_SKIP"
fi

# --- maxbufsize
jn=jailmeta_maxbufsize
atf_check -s not-exit:0 -e match:"not found" -o ignore \
    jls -j $jn
# the size counts string length and the trailing \0 char
origmax=$(maxbufsize)
# must be fine with current max
atf_check -s exit:0 \
    jail -c name=$jn persist meta="$(printf %$((origmax-1))s)"
t_eq "meta of max-1 bytes" "${origmax}" "$(jls -j $jn meta | wc -c)"
atf_check -s exit:0 \
    jail -m name=$jn env="$(printf %$((origmax-1))s)"
t_eq "env of max-1 bytes" "${origmax}" "$(jls -j $jn env | wc -c)"
# should not allow exceeding current max
atf_check -s not-exit:0 -e match:"too large" \
    jail -m name=$jn meta="$(printf %${origmax}s)"
atf_check -s not-exit:0 -e match:"too large" \
    jail -m name=$jn env="$(printf %${origmax}s)"
# should allow the same size with increased max
newmax=$((origmax + 1))
echo $newmax >"$LJAIL_RUNDIR/meta_maxbufsize"
atf_check -s exit:0 \
    jail -m name=$jn meta="$(printf %${origmax}s)"
t_eq "meta of max bytes, max raised" "$((origmax + 1))" \
    "$(jls -j $jn meta | wc -c)"
atf_check -s exit:0 \
    jail -m name=$jn env="$(printf %${origmax}s)"
t_eq "env of max bytes, max raised" "$((origmax + 1))" \
    "$(jls -j $jn env | wc -c)"
# decrease back to the original max
echo $origmax >"$LJAIL_RUNDIR/meta_maxbufsize"
atf_check -s not-exit:0 -e match:"too large" \
    jail -m name=$jn meta="$(printf %${origmax}s)"
atf_check -s not-exit:0 -e match:"too large" \
    jail -m name=$jn env="$(printf %${origmax}s)"
# the previously set long meta is still readable as is
t_eq "long meta still readable" "$((origmax + 1))" \
    "$(jls -j $jn meta | wc -c)"
t_eq "long env still readable" "$((origmax + 1))" \
    "$(jls -j $jn env | wc -c)"
# ljail: a key write is checked too, and a refused one changes nothing
atf_check -s not-exit:0 -e match:"^ljail: meta: .*too large" \
    jail -m name=$jn meta.k="$(printf %${origmax}s)"
atf_check -s not-exit:0 -e match:"too large" \
    jail -c name=j2 persist env="$(printf %${origmax}s)"
atf_check -s not-exit:0 -e match:"not found" -o ignore \
    jls -j j2
rm -f "$LJAIL_RUNDIR/meta_maxbufsize"
cleanup $jn

# --- keyvalue
keyvalue_generic()
{
	meta=$1

	atf_check -sexit:0 -oinline:'""\n'		jls -jj $meta

	# Note: each sub-case depends on the results of the previous ones

	# Should be able to extract a key added manually
	atf_check -sexit:0				jail -m name=j $meta="a=1"
	atf_check -sexit:0 -oinline:'a=1\n'		jls -jj $meta
	atf_check -sexit:0 -oinline:'1\n'		jls -jj $meta.a
	atf_check -sexit:0				jail -m name=j $meta="$(printf 'a=2\nb=3')"
	atf_check -sexit:0 -oinline:'a=2\nb=3\n'	jls -jj $meta
	atf_check -sexit:0 -oinline:'2\n'		jls -jj $meta.a
	atf_check -sexit:0 -oinline:'3\n'		jls -jj $meta.b

	# Should provide nothing for a non-found key
	atf_check -sexit:0 -oinline:'\n'		jls -jj $meta.c

	# Should be able to lookup multiple keys at once
	atf_check -sexit:0 -oinline:'3 2\n'		jls -jj $meta.b $meta.a

	# Should be able to lookup keys and the whole buffer at once
	atf_check -sexit:0 -oinline:'3 a=2\nb=3 2\n'	jls -jj $meta.b $meta $meta.a

	# Should be able to lookup a key using libxo-based JSON output
	s='{"__version": "2", "jail-information": {"jail": [{"'$meta'.b":"3"}]}}\n'
	atf_check -s exit:0 -o inline:"$s"		jls -jj --libxo json $meta.b

	# Should provide nothing for a non-found key using libxo-based JSON output
	s='{"__version": "2", "jail-information": {"jail": [{}]}}\n'
	atf_check -s exit:0 -o inline:"$s"		jls -jj --libxo json $meta.c $meta.d

	# (flua: no Lua binding)

	# Should allow resetting a buffer
	atf_check -sexit:0				jail -m name=j $meta=
	atf_check -sexit:0 -oinline:' "" \n'		jls -jj $meta.c $meta $meta.a

	# Should allow adding a new key
	atf_check -sexit:0				jail -m name=j $meta.a=1
	atf_check -sexit:0 -oinline:'1\n'		jls -jj $meta.a
	atf_check -sexit:0 -oinline:'a=1\n'		jls -jj $meta

	# Should allow adding multiple new keys at once
	atf_check -sexit:0				jail -m name=j $meta.c=3 $meta.b=2
	atf_check -sexit:0 -oinline:'3\n'		jls -jj $meta.c
	atf_check -sexit:0 -oinline:'2\n'		jls -jj $meta.b
	atf_check -sexit:0 -oinline:'b=2\nc=3\na=1\n'	jls -jj $meta

	# Should replace existing keys
	atf_check -sexit:0				jail -m name=j $meta.a=A $meta.c=C
	atf_check -sexit:0 -oinline:'A\n'		jls -jj $meta.a
	atf_check -sexit:0 -oinline:'C\n'		jls -jj $meta.c
	atf_check -sexit:0 -oinline:'c=C\na=A\nb=2\n'	jls -jj $meta

	# Should treat empty value correctly
	atf_check -sexit:0				jail -m name=j $meta.a=
	atf_check -sexit:0 -oinline:'""\n'		jls -jj $meta.a
	atf_check -sexit:0 -oinline:'a=\nc=C\nb=2\n'	jls -jj $meta

	# Should treat NULL value as a key removal
	atf_check -sexit:0 -oinline:'2\n'		jls -jj $meta.b
	atf_check -sexit:0				jail -m name=j $meta.b
	atf_check -sexit:0 -oinline:'\n'		jls -jj $meta.b
	atf_check -sexit:0 -oinline:'a=\nc=C\n'		jls -jj $meta

	# Should allow changing the whole buffer and per key at once (order matters)
	atf_check -sexit:0				jail -m name=j $meta.a=1 $meta=ttt $meta.b=2
	atf_check -sexit:0 -oinline:'\n'		jls -jj $meta.a
	atf_check -sexit:0 -oinline:'2\n'		jls -jj $meta.b
	atf_check -sexit:0 -oinline:'b=2\nttt\n'	jls -jj $meta

	# Should treat only the first equal sign as syntax
	atf_check -sexit:0				jail -m name=j $meta.b==
	atf_check -sexit:0 -oinline:'=\n'		jls -jj $meta.b
	atf_check -sexit:0 -oinline:'b==\nttt\n'	jls -jj $meta

	# (flua: no Lua binding)

	# Should respectively support "jls -s" for a missing key
	atf_check -sexit:0 -oinline:''$meta'.missing\n'	jls -jj -s $meta.missing
}
atf_check -s exit:0 \
    jail -c name=j persist meta env
keyvalue_generic "meta"
keyvalue_generic "env"
cleanup

# --- ljail: keys written at creation, in order, as -m writes them
atf_check -s exit:0 \
    jail -c name=j persist meta.a=1 meta=ttt meta.b=2 env.x=1 env.y=2
atf_check -s exit:0 -o inline:'b=2\nttt\n' jls -jj meta
atf_check -s exit:0 -o inline:'y=2\nx=1\n' jls -jj env
atf_check -s exit:0 -o inline:' 2\n' jls -jj meta.a meta.b
cleanup

# --- keyvalue_contention (fewer rounds: the machine is shared)
keyvalue_stresser()
{
	jailname=$1
	modifier=$2

	while true
	do
		jail -m name=$jailname $modifier
	done
}
atf_check -s exit:0 jail -c name=j persist meta env
keyvalue_stresser "j" "meta.a=1" &
apid=$!
keyvalue_stresser "j" "meta.b=2" &
bpid=$!
keyvalue_stresser "j" "env.c=3" &
cpid=$!
keyvalue_stresser "j" "env.d=4" &
dpid=$!
t_cleanup "kill -9 $apid $bpid $cpid $dpid 2>/dev/null"
for it in $(jot ${LJAIL_CONTENTION_ROUNDS:-3})
do
	jail -m name=j meta='meta=META' env='env=ENV'
	sleep 1
	atf_check -sexit:0 -oinline:'1\n'	jls -jj meta.a
	atf_check -sexit:0 -oinline:'2\n'	jls -jj meta.b
	atf_check -sexit:0 -oinline:'3\n'	jls -jj env.c
	atf_check -sexit:0 -oinline:'4\n'	jls -jj env.d
	atf_check -sexit:0 -oinline:'META\n'	jls -jj meta.meta
	atf_check -sexit:0 -oinline:'ENV\n'	jls -jj env.env
done
kill -9 $apid $bpid $cpid $dpid
wait 2>/dev/null
cleanup

t_done
