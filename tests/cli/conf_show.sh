#!/bin/sh
# ljail -e: FreeBSD's jail_config_test.sh cases (expansion,
# large_expansion) and more, byte for byte.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

cd "$T_TMP" || exit 1

# t_same NAME EXPECTED_FILE ACTUAL_FILE
t_same() {
	if cmp -s "$2" "$3"; then t_ok "$1"; else
		t_fail "$1"
		diff "$2" "$3" | head -20 | sed 's/^/# /'
	fi
}

cat > jail.conf <<'CONF'
$root = "/srv";
$empty = "";
a {
	path = "$root/${name}";
	host.hostname = "pre${empty}post";
	exec.start = "${empty}";
}
a.child {
	path = "$root/${name}";
	host.hostname = "${empty}child${empty}";
}
CONF
printf '%s\n' 'name=a|path=/srv/a|host.hostname=prepost|exec.start=""' \
    'name=a.child|path=/srv/a.child|host.hostname=child' > want
"$LJAIL" -f jail.conf -e '|' > out 2> err
t_eq "expansion: exit 0" 0 $?
t_same "expansion: output" want out
t_eq "expansion: no stderr" "" "$(cat err)"

long=$(head -c 8192 /dev/zero | tr '\0' x)
printf '$long = "%s";\ngrowth {\n\tpath = "prefix${long}middle${long}suffix";\n}\n' \
    "$long" > big.conf
printf 'name=growth|path=prefix%smiddle%ssuffix\n' "$long" "$long" > want
"$LJAIL" -f big.conf -e '|' > out 2> err
t_eq "large_expansion: exit 0" 0 $?
t_same "large_expansion: output" want out

printf '5309 { persist; }\n' > num.conf
t_eq "numeric block name" "persist|name=5309" "$("$LJAIL" -f num.conf -e '|')"

cat > q.conf <<'CONF'
* { exec.start = "sh /etc/rc"; }
j {
	exec.start += "echo 'hi'", 'say "x"', "a\\b";
	ip4.addr = 192.0.2.1;
	ip4.addr += 192.0.2.2;
	allow.nomount;
	meta = "";
}
CONF
printf '%s\n' "name=j;exec.start=\"sh /etc/rc\",\"echo 'hi'\",'say \"x\"',a\\\\b;ip4.addr=192.0.2.1,192.0.2.2;allow.nomount;meta=\"\"" > want
"$LJAIL" -f q.conf -e ';' > out
t_same "quoting, +=, booleans" want out

printf 'a { persist; }\n' | "$LJAIL" -f - -e ' ' > out
t_eq "stdin config" "name=a persist" "$(cat out)"

printf '' > empty.conf
t_run_expect "empty file shows nothing" 0 '' "$LJAIL" -f empty.conf -e x
t_eq "empty file: no output" "" "$(cat "$T_TMP/out")"

printf 'a { path = "/$x"; }\nb { }\n' > bad.conf
"$LJAIL" -f bad.conf -e '|' > out 2> err
t_eq "-e with a variable error still exits 0 (FreeBSD)" 0 $?
t_eq "-e variable error message" 'ljail: a: path: variable "x" not found' \
    "$(head -1 err)"
t_eq "-e still prints every jail" "$(printf 'name=a|path=/\nname=b')" \
    "$(cat out)"

t_run_expect "-e with an operand is a usage error" 1 '^usage: ljail' \
    "$LJAIL" -f q.conf -e '|' j
t_run_expect "-e with -c is a usage error" 1 '^usage: ljail' \
    "$LJAIL" -c -f q.conf -e '|'
t_done
