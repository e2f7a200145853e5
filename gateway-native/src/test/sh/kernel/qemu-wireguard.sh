#!/usr/bin/env bash
# Boots a Debian kernel that ships wireguard.ko under QEMU (software emulation, no KVM), with the host's root
# file system shared read-only over 9p, and runs the gateway's kernel mode against the real module:
#   1. two namespaces joined by a veth pair; KernelWireGuardCheck "up" configures wg0 in each one over
#      rtnetlink + generic netlink (no wg/ip for the configuration), then a ping crosses the tunnel;
#   2. `wg show wg0 dump` (wg(8) reading the kernel) must equal our WG_CMD_GET_DEVICE view line for line
#      (transfer counters may only have grown in ours, which is read a moment later);
#   3. "big": 300 peers x 20 allowed IPs, several split SET_DEVICE messages, counted back from the kernel.
# Usage (root; run `mvn -pl gateway-native test-compile` first):  gateway-native/src/test/sh/kernel/qemu-wireguard.sh
# Env: KVER (kernel version under /lib/modules with wireguard.ko), QEMU_TIMEOUT (seconds, default 600).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
module=$(cd "$here/../../../.." && pwd)   # gateway-native
repo=$(cd "$module/.." && pwd)
. "$repo/scripts/jdk.sh"
portcullis_find_jdk >/dev/null

need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
[ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q static || need+=(busybox-static)
command -v wg >/dev/null || need+=(wireguard-tools)
command -v ping >/dev/null || need+=(iputils-ping) # the guest runs the host's ping (the host root is its root)
if [ -z "${KVER:-}" ]; then
  KVER=$(for d in /lib/modules/*; do [ -n "$(find "$d" -name 'wireguard.ko*' 2>/dev/null)" ] && basename "$d"; done | head -n1)
fi
[ -n "${KVER:-}" ] || need+=(linux-image-amd64)
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" file >/dev/null
  [ -n "${KVER:-}" ] || KVER=$(for d in /lib/modules/*; do [ -n "$(find "$d" -name 'wireguard.ko*')" ] && basename "$d"; done | head -n1)
fi
[ -f "/boot/vmlinuz-$KVER" ] || { echo "no /boot/vmlinuz-$KVER" >&2; exit 2; }
[ -d "$module/target/test-classes" ] || { echo "run: mvn -pl gateway-native test-compile" >&2; exit 2; }

# The read-write share: /var/tmp is on the host root, visible at the same path in the guest.
work=$(mktemp -d /var/tmp/pc-qemu.XXXXXX)
trap 'rm -rf "$work"' EXIT

# --- initramfs: static busybox + the modules for a 9p root with an overlay (decompressed for busybox insmod).
mkdir -p "$work/initrd/bin" "$work/initrd/lib/modules" "$work/initrd/proc" "$work/initrd/sys" "$work/initrd/dev" \
  "$work/initrd/newroot" "$work/initrd/lower" "$work/initrd/upper"
cp /bin/busybox "$work/initrd/bin/busybox"
n=0
for ko in $(modprobe -d / -S "$KVER" -a --show-depends virtio_pci 9pnet_virtio 9p overlay | awk '$1=="insmod" && !seen[$2]++ {print $2}'); do
  n=$((n + 1)); name=$(printf '%02d-%s' "$n" "$(basename "$ko" | sed 's/\.\(xz\|zst\|gz\)$//')")
  case "$ko" in
    *.xz) xz -dc "$ko" >"$work/initrd/lib/modules/$name" ;;
    *.zst) zstd -qdc "$ko" >"$work/initrd/lib/modules/$name" ;;
    *.gz) gzip -dc "$ko" >"$work/initrd/lib/modules/$name" ;;
    *) cp "$ko" "$work/initrd/lib/modules/$name" ;;
  esac
done
cat >"$work/initrd/init" <<INIT
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in /lib/modules/*.ko; do insmod "\$m"; done
mount -t 9p -o ro,trans=virtio,version=9p2000.L,msize=512000,cache=loose root /lower
mount -t tmpfs tmpfs /upper; mkdir -p /upper/u /upper/w
mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper/u,workdir=/upper/w /newroot
mount -t tmpfs tmpfs /newroot/run
mkdir -p /newroot$work
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=none work /newroot$work
mount --move /proc /newroot/proc; mount --move /sys /newroot/sys; mount --move /dev /newroot/dev
exec switch_root /newroot /bin/sh -c 'ip link set lo up; export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; /bin/bash $work/guest.sh >$work/guest.log 2>&1; echo \$? >$work/status; sync; echo o >/proc/sysrq-trigger; poweroff -f; sleep 1000'
INIT
chmod +x "$work/initrd/init"
(cd "$work/initrd" && find . | cpio -o -H newc 2>/dev/null | gzip -1 >"$work/initramfs.gz")

# --- what runs inside the guest.
cp=$module/target/classes:$module/target/test-classes
java="$JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -Xshare:auto -cp $cp"
check=io.portcullis.gateway.netlink.wg.KernelWireGuardCheck
cat >"$work/guest.sh" <<GUEST
set -euo pipefail
export WG_COLOR_MODE=never
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
t0=\$(date +%s.%N)
modprobe wireguard
ip netns add a; ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 192.168.241.1/24 dev va; ip -n a link set va up; ip -n a link set lo up
ip -n b addr add 192.168.241.2/24 dev vb; ip -n b link set vb up; ip -n b link set lo up
ka=\$(wg genkey); kb=\$(wg genkey); pa=\$(echo "\$ka" | wg pubkey); pb=\$(echo "\$kb" | wg pubkey)
$java $check up a wg0 "\$ka" 51820 10.0.0.1/24 "\$pb" 192.168.241.2:51820 10.0.0.2/32
$java $check up b wg0 "\$kb" 51820 10.0.0.2/24 "\$pa" 192.168.241.1:51820 10.0.0.1/32
ip netns exec a ping -c 2 -W 3 10.0.0.2
ip netns exec a wg show wg0 dump >$work/wg-dump.txt
$java $check show a wg0 >$work/our-dump.txt
echo "--- wg show wg0 dump"; cat $work/wg-dump.txt
echo "--- WG_CMD_GET_DEVICE through gateway-native"; cat $work/our-dump.txt
# Everything but the last handshake and the transfer counters must be identical; ours were read later, so
# those can only be larger (WireGuard sends a keepalive after received data, which moves tx between the two
# reads, and a slow emulated guest may complete a second handshake in between).
diff <(cut -f1-4,8 $work/wg-dump.txt) <(cut -f1-4,8 $work/our-dump.txt)
paste $work/wg-dump.txt $work/our-dump.txt | awk -F'\t' 'NR>1 && (\$13 < \$5 || \$14 < \$6 || \$15 < \$7) {print "handshake or counters went back"; exit 1}'
awk -F'\t' 'NR==2 && \$5 == 0 {print "no handshake"; exit 1}' $work/wg-dump.txt
$java $check big a wgbig 300 20
echo "wg show wgbig peers: \$(ip netns exec a wg show wgbig peers | wc -l)"
test "\$(ip netns exec a wg show wgbig allowed-ips | tr '\t ' '\n\n' | grep -c '/32')" -eq 6000
echo "guest time: \$(echo "\$(date +%s.%N) - \$t0" | bc 2>/dev/null || true) s"
echo GUEST-OK
GUEST

start=$(date +%s)
timeout "${QEMU_TIMEOUT:-600}" qemu-system-x86_64 -accel tcg,thread=single -machine q35 -cpu max -m 2G -smp 2 \
  -nodefaults -display none -serial mon:stdio -no-reboot -bios /usr/share/qemu/qboot.rom \
  -kernel "/boot/vmlinuz-$KVER" -initrd "$work/initramfs.gz" \
  -append "console=ttyS0 panic=-1 oops=panic quiet loglevel=1" \
  -virtfs local,path=/,mount_tag=root,security_model=none,readonly=on,multidevs=remap \
  -virtfs "local,path=$work,mount_tag=work,security_model=none" </dev/null | tr -d '\r' >"$work/console.log" || true
end=$(date +%s)

cat "$work/guest.log" 2>/dev/null || true
echo "qemu run: $((end - start)) s (kernel $KVER)"
if [ ! -f "$work/status" ] || [ "$(cat "$work/status")" != 0 ]; then
  echo "FAILED (status: $(cat "$work/status" 2>/dev/null || echo none)); console:" >&2
  tail -n 40 "$work/console.log" >&2
  exit 1
fi
echo "qemu-wireguard: OK"
