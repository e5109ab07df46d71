#!/bin/sh
# boot.sh - the Debian package under a real systemd (make check-vm).
#
# usage: boot.sh DEB WORKDIR
#
# Makes a Debian 12 root with debootstrap (Debian's kernel package in
# it, cached in WORKDIR/root), installs DEB into a copy, writes a
# /etc/jail.conf of two jails (two depends on one), enables
# ljail.service, boots the copy in qemu (software emulation, no network)
# and lets a check unit record what ljls shows once ljail.service is up,
# then power off.  The jails'
# exec.prestart/exec.poststop hooks log their order; the log is read
# back from the disk image: "start one, start two" at boot, "stop two,
# stop one" at shutdown.  Needs root, debootstrap, qemu-system-x86,
# e2fsprogs and Debian's archive (the first run downloads ~150 MB).
# Prints TAP.
set -u
deb=$1
work=$2
root="$work/root"
stage="$work/stage"
img="$work/disk.img"
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
bail() { echo "Bail out! $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || skip_all "needs root"
for p in debootstrap qemu-system-x86_64 mkfs.ext4 debugfs; do
	command -v "$p" >/dev/null || skip_all "$p not installed"
done
[ -r "$deb" ] || bail "no package $deb"
mkdir -p "$work"

# The archive this machine's apt uses (deb822 or one-line sources).
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' \
    /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security |
    head -n 1)
[ -n "$mirror" ] || mirror=$(sed -n \
    's/^deb  *\(\[[^]]*\]  *\)\{0,1\}\([^ ]*\) bookworm .*/\2/p' \
    /etc/apt/sources.list 2>/dev/null | head -n 1)
[ -n "$mirror" ] || bail "no Debian archive in /etc/apt/sources*"

if [ ! -e "$root/.complete" ]; then
	rm -rf "$root"
	debootstrap --variant=minbase \
	    --include=systemd-sysv,udev,kmod,linux-image-amd64,libseccomp2,libcap-ng0,libmnl0 \
	    bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
	    bail "debootstrap failed (see $work/debootstrap.log)"
	touch "$root/.complete"
fi
ok "Debian 12 root with Debian's kernel"

rm -rf "$stage"
cp -a "$root" "$stage"
cp "$deb" "$stage/ljail.deb"
if chroot "$stage" dpkg -i /ljail.deb >"$work/dpkg.log" 2>&1; then
	ok "the package installs"
else
	notok "the package installs"
	sed 's/^/# /' "$work/dpkg.log"
fi
rm -f "$stage/ljail.deb"
cat >"$stage/etc/jail.conf" <<'CONF'
# Two jails on the VM's root; two needs one.
persist;
exec.prestart = "echo start $name >>/var/log/ljail-vm.log";
exec.poststop = "echo stop $name >>/var/log/ljail-vm.log";
one { host.hostname = "one.example.org"; }
two { host.hostname = "two.example.org"; depend = one; }
CONF
cat >"$stage/etc/systemd/system/ljail-vmcheck.service" <<'UNIT'
[Unit]
Description=record the jails, then power off
After=ljail.service
Requires=ljail.service

[Service]
Type=oneshot
ExecStart=/bin/sh -c 'ljls name >/var/log/ljail-vm.ljls; systemctl is-active ljail.service >>/var/log/ljail-vm.ljls; sync'
ExecStartPost=/bin/systemctl poweroff --no-block

[Install]
WantedBy=multi-user.target
UNIT
echo '/dev/vda / ext4 rw 0 1' >"$stage/etc/fstab"
echo ljail-vm >"$stage/etc/hostname"
chroot "$stage" systemctl enable ljail.service ljail-vmcheck.service \
    >"$work/enable.log" 2>&1 && ok "systemctl enable ljail" ||
    notok "systemctl enable ljail"
kernel=$(ls "$stage"/boot/vmlinuz-* | head -n 1)
initrd=$(ls "$stage"/boot/initrd.img-* | head -n 1)
[ -r "$kernel" ] && [ -r "$initrd" ] || bail "no kernel or initrd in the root"
cp "$kernel" "$work/vmlinuz"
cp "$initrd" "$work/initrd.img"
rm -f "$img"
mkfs.ext4 -q -F -L root -d "$stage" "$img" 2G >"$work/mkfs.log" 2>&1 ||
    bail "mkfs.ext4 -d failed"

# Software emulation by default (about 30 s to boot and power off): KVM
# inside a virtual machine may hang before the kernel prints a line, as
# it does on the project's machines.  LJAIL_VM_ACCEL=kvm to try it.
accel="-accel ${LJAIL_VM_ACCEL:-tcg}"
# shellcheck disable=SC2086
timeout "${LJAIL_VM_TIMEOUT:-900}" qemu-system-x86_64 $accel -m 1024 \
    -smp 1 -nographic -no-reboot -nic none -serial "file:$work/console.log" \
    -monitor none -drive "file=$img,format=raw,if=virtio" \
    -kernel "$work/vmlinuz" -initrd "$work/initrd.img" \
    -append "root=/dev/vda rw console=ttyS0 systemd.show_status=1" \
    </dev/null >"$work/qemu.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -aq 'reboot: Power down' "$work/console.log"; then
	ok "the VM booted and powered off ($accel)"
else
	notok "the VM booted and powered off ($accel, status $rc)"
	tail -n 30 "$work/console.log" | sed 's/^/# /'
fi

jls=$(debugfs -R 'cat /var/log/ljail-vm.ljls' "$img" 2>/dev/null |
    tr '\n' ' ')
log=$(debugfs -R 'cat /var/log/ljail-vm.log' "$img" 2>/dev/null |
    tr '\n' ' ')
case $jls in
"one two active "*) ok "at boot: ljls shows one and two, ljail.service active" ;;
*) notok "at boot: ljls shows one and two, ljail.service active ($jls)" ;;
esac
case $log in
"start one start two "*) ok "at boot: one started before two" ;;
*) notok "at boot: one started before two ($log)" ;;
esac
case $log in
*"stop two stop one ") ok "at shutdown: two stopped before one" ;;
*) notok "at shutdown: two stopped before one ($log)" ;;
esac
echo "1..$n"
exit $failed
