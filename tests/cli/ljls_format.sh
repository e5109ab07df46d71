#!/bin/sh
# ljls output formats, byte for byte against expected files: the default
# table, -N, -v, -n, -s, -h, -q, all, noX, meta keys, json and xml.  The
# jails are registry records whose init is a sleeping process of ours.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
. "$top_srcdir/tests/cli/reg_records.sh"
EXP="$top_srcdir/tests/cli/expected"

U=11111111-2222-3333-4444-555555555555
LONGPATH=/srv/jails/this/path/is/deliberately/longer/than/seventy-four/characters/root
# Created out of order: ljls lists by jid.
mkrec 12 web.db 3 /srv/jails/db 0 "host.hostname=db" "host.hostuuid=$U" \
    "osrelease=14.1-RELEASE" "osreldate=1401000" "securelevel=2" \
    "meta=it's \"x\"" "env=a b" "exec.start=/bin/sh /etc/rc" \
    "ip4.addr=em0|198.51.100.7/24"
mkrec 3 web 0 /srv/jails/web 0 "host.hostname=web.example.org" \
    "host.hostuuid=$U" "osrelease=14.1-RELEASE" "osreldate=1401000" \
    persist "children.max=2" "ip4.addr=192.0.2.20,192.0.2.3" \
    "ip4.addr=192.0.2.10" "ip6.addr=2001:db8::20" "meta=role=web
tier=front" allow.mount allow.noset_hostname
mkrec 1 a-very-long-jail-name-indeed 0 "$LONGPATH" 0 \
    "host.hostname=this-hostname-is-longer-than-29-characters" \
    "host.hostuuid=$U" "osrelease=14.1-RELEASE" "osreldate=1401000" \
    host=inherit vnet=new "vnet.interface=veth0"
mkrec 7 old 0 /srv/jails/old 1 "host.hostname=old" "host.hostuuid=$U" \
    "osrelease=14.1-RELEASE" "osreldate=1401000"

t_expect "default table" "$EXP/ljls_default.out" "$LJLS"
t_expect "-N" "$EXP/ljls_N.out" "$LJLS" -N
t_expect "-d includes dying" "$EXP/ljls_d.out" "$LJLS" -d
t_expect "-v" "$EXP/ljls_v.out" "$LJLS" -v
t_expect "-n (all)" "$EXP/ljls_n.out" "$LJLS" -n
t_expect "-s (all, settable)" "$EXP/ljls_s.out" "$LJLS" -s
t_expect "-h (all)" "$EXP/ljls_h.out" "$LJLS" -h
t_expect "named parameters" "$EXP/ljls_params.out" \
    "$LJLS" jid name parent children.cur children.max ip4.addr ip6.addr \
    ip4 host persist nopersist allow.mount allow.noset_hostname dying
t_expect "-h named, repeated once" "$EXP/ljls_hparams.out" \
    "$LJLS" -h jid name jid host.hostname meta
t_expect "-q quoting" "$EXP/ljls_q.out" "$LJLS" -q jid meta env ip6.addr path
t_expect "-nq quoting" "$EXP/ljls_nq.out" "$LJLS" -nq jid meta env ip6.addr
t_expect "-s named" "$EXP/ljls_sparams.out" \
    "$LJLS" -s name host.hostname ip4.addr ip6.addr dying parent vnet
t_out "meta keys" "front web" "$LJLS" -j web meta.tier meta.role
t_out "missing meta key, -s" "meta.nokey" "$LJLS" -s -j web meta.nokey
t_out "missing meta key, plain" " 3" "$LJLS" -j web meta.nokey jid
t_expect "json default" "$EXP/ljls_default.json" "$LJLS" --libxo json
t_expect "json -N" "$EXP/ljls_N.json" "$LJLS" --libxo=json -N
t_expect "json -v" "$EXP/ljls_v.json" "$LJLS" --libxo json -v
t_expect "json params" "$EXP/ljls_params.json" \
    "$LJLS" --libxo json jid name meta ip4.addr persist
t_expect "json -n params" "$EXP/ljls_nparams.json" \
    "$LJLS" --libxo json -n jid persist allow.mount
t_out "json missing meta key" \
    '{"__version": "2", "jail-information": {"jail": [{}]}}' \
    "$LJLS" --libxo json -j web meta.nokey
t_run_expect "-j dying jail without -d" 1 '^ljls: jail "old" not found$' \
    "$LJLS" -j old
t_out "-d -j dying jail" "old true" "$LJLS" -d -j old name dying
t_expect "-dv state DYING" "$EXP/ljls_dv.out" "$LJLS" -dv -j 7
t_expect "xml default" "$EXP/ljls_default.xml" "$LJLS" --libxo xml
t_expect "xml params" "$EXP/ljls_params.xml" \
    "$LJLS" --libxo:X jid meta ip4.addr
t_expect "json,pretty -v" "$EXP/ljls_v_pretty.json" \
    "$LJLS" --libxo json,pretty -v
t_expect "json,pretty params" "$EXP/ljls_params_pretty.json" \
    "$LJLS" --libxo=json,pretty jid name meta ip4.addr persist
t_expect "xml pretty params" "$EXP/ljls_params_pretty.xml" \
    "$LJLS" --libxo:XP jid meta ip4.addr
t_out "json,pretty no member" \
    "$(printf '{\n  "__version": "2", \n  "jail-information": {\n    "jail": [\n      {\n      }\n    ]\n  }\n}')" \
    "$LJLS" --libxo json,pretty -j web meta.nokey
t_done
