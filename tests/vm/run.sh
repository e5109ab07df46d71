#!/bin/sh
# tests/vm/run.sh - the cgroup v2 tests of ljrctl, in a virtual machine.
#
# The machines that run the suite have cgroup v1 with every controller
# bound, so cgroup v2 cannot be mounted there.  This boots Debian's own
# kernel in qemu (software emulation, no network) with an initramfs made
# of ljail's programs (and the shared libraries ldd names), a static
# busybox, a jail root, a few kernel modules and tests/vm/cgroup.sh, and
# relays the TAP that script prints on the serial console.
#
# Environment: LJAIL_BIN (the built programs), LJAIL_VM_KERNEL (a
# vmlinuz whose modules are in ../lib/modules; default: Debian's
# linux-image-amd64 fetched with apt-get download into LJAIL_VM_CACHE,
# default $LJAIL_BIN/tests/vm/cache), LJAIL_VM_TIMEOUT (seconds, 900).
# Skips (one SKIP line) without qemu-system-x86_64 or a kernel.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"
command -v qemu-system-x86_64 >/dev/null ||
    t_skip_all "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)"
busybox=""
for b in /bin/busybox /usr/bin/busybox; do
	if [ -x "$b" ] && ! ldd "$b" >/dev/null 2>&1; then busybox=$b; break; fi
done
[ -n "$busybox" ] || t_skip_all "a static busybox is needed (busybox-static)"
cache=${LJAIL_VM_CACHE:-$LJAIL_BIN/tests/vm/cache}

# The kernel: given, or Debian's, downloaded once into the cache.
kernel=${LJAIL_VM_KERNEL:-}
if [ -z "$kernel" ]; then
	kernel=$(ls "$cache"/kx/boot/vmlinuz-* 2>/dev/null | head -n 1)
	if [ -z "$kernel" ]; then
		pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
		    awk '/Depends: linux-image-/ { print $2; exit }')
		[ -n "$pkg" ] || t_skip_all "no Debian kernel package known (apt-cache)"
		mkdir -p "$cache"
		(cd "$cache" && apt-get download "$pkg" >/dev/null 2>&1) ||
		    t_skip_all "apt-get download $pkg failed"
		dpkg -x "$cache"/"$pkg"_*.deb "$cache/kx" ||
		    t_skip_all "dpkg -x $pkg failed"
		rm -f "$cache"/"$pkg"_*.deb
		kernel=$(ls "$cache"/kx/boot/vmlinuz-* | head -n 1)
	fi
fi
[ -r "$kernel" ] || t_skip_all "no kernel: $kernel"
kver=${kernel##*/vmlinuz-}
mods=$(dirname "$kernel")/../lib/modules/$kver

# The initramfs.
ird=$T_TMP/initramfs
mkdir -p "$ird/bin" "$ird/sbin" "$ird/proc" "$ird/sys" "$ird/dev" \
    "$ird/tmp" "$ird/run" "$ird/etc" "$ird/mods" "$ird/mnt" "$ird/t"
cp "$busybox" "$ird/bin/busybox"
for a in $("$busybox" --list); do
	[ -e "$ird/bin/$a" ] || ln -s busybox "$ird/bin/$a"
done
for p in ljail ljexec ljls ljrctl; do
	cp "$LJAIL_BIN/$p" "$ird/bin/$p" || t_skip_all "$p not built"
	for lib in $(ldd "$LJAIL_BIN/$p" | awk '/\// { print ($3 ~ /^\//) ? $3 : $1 }'); do
		mkdir -p "$ird$(dirname "$lib")"
		[ -e "$ird$lib" ] || cp -L "$lib" "$ird$lib"
	done
done
# A program built with the sanitizers: note it, tests that cannot run so skip.
if ldd "$LJAIL_BIN/ljail" | grep -q libasan; then touch "$ird/t/asan"; fi
for m in crc32c_generic crc16 mbcache jbd2 ext4 brd; do
	f=$(find "$mods" -name "$m.ko*" | head -n 1)
	[ -n "$f" ] && cp "$f" "$ird/mods/"
done
jroot=$(test_root) || t_skip_all "no busybox test root (scripts/mkroot)"
cp -a "$jroot" "$ird/jroot"
cp "$top_srcdir/tests/vm/init" "$ird/init"
cp "$top_srcdir/tests/vm/cgroup.sh" "$top_srcdir/tests/lib.sh" "$ird/t/"
chmod 0755 "$ird/init"
echo "root:x:0:0:root:/root:/bin/sh
jailuser:x:1001:1001::/tmp:/bin/sh" >"$ird/etc/passwd"
echo "root:x:0:
jailuser:x:1001:" >"$ird/etc/group"
(cd "$ird" && find . | "$busybox" cpio -o -H newc 2>/dev/null | gzip -1) \
    >"$T_TMP/initrd.gz" || t_skip_all "cannot build the initramfs"

# The machine: software emulation, no network, console on the serial.
start=$(date +%s)
timeout "${LJAIL_VM_TIMEOUT:-900}" qemu-system-x86_64 -accel tcg -m 768 \
    -smp 1 -nic none -display none -monitor none -serial stdio \
    -no-reboot -kernel "$kernel" -initrd "$T_TMP/initrd.gz" \
    -append "console=ttyS0 quiet panic=-1 rdinit=/init" \
    </dev/null >"$T_TMP/console" 2>&1
status=$?
end=$(date +%s)
tr -d '\r' <"$T_TMP/console" >"$T_TMP/console.txt"
# Relay the VM's TAP (numbered afresh here), and its comments.
plan=no
while IFS= read -r line; do
	case $line in
	"ok "*" # SKIP "*) r=${line#ok * - }; t_skip "vm: ${r%% # SKIP *}" "${r#* # SKIP }" ;;
	"ok "*) t_ok "vm: ${line#ok * - }" ;;
	"not ok "*) t_fail "vm: ${line#not ok * - }" ;;
	"1.."*) plan=yes ;;
	"#"*) echo "$line" ;;
	esac
done <"$T_TMP/console.txt"
echo "# VM: $((end - start)) s, kernel $kver, qemu status $status"
if [ $plan = no ]; then
	t_fail "vm: the tests ran to the end (no plan line; console below)"
	tail -n 40 "$T_TMP/console.txt" | sed 's/^/# console: /'
fi
t_done
