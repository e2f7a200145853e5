#!/usr/bin/env bash
# Interop test of two WireGuard implementations in network namespaces pc-a and pc-b joined by a veth pair.
#   usage: interop.sh [IMPL_A] [IMPL_B]     IMPL = ours | wireguard-go | modern   (default: ours wireguard-go)
# Side A is the one whose peer is removed and re-added through `wg set` (ours, in the default pairing).
# Checks: handshake initiated by each side, endpoint learning by the side without an Endpoint (IPv4 and IPv6
# underlay), ping v4 and v6 in the tunnel, a sweep of packet sizes up to the MTU (don't-fragment), TCP both ways
# with iperf3, wg showconf/syncconf/setconf on A, the preshared key (a wrong one must break the handshake),
# removing and re-adding a peer.
# Exits non-zero with "FAIL: ..." on the first failure; the trap always removes namespaces and processes.
set -euo pipefail
umask 077
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=netns-lib.sh
. "$here/netns-lib.sh"
trap pc_cleanup EXIT INT TERM

IMPL_A=${1:-ours}
IMPL_B=${2:-wireguard-go}
IF_A=${PC_IF_A:-pcia}
IF_B=${PC_IF_B:-pcib}
MTU=1420
start=$SECONDS

pc_require_tools
[ "$IMPL_A" != modern ] && [ "$IMPL_B" != modern ] || [ -x "$PC_MODERN" ] || pc_fail "$PC_MODERN is missing"
pc_log "interop: A=$IMPL_A ($IF_A in $PC_NS_A)  B=$IMPL_B ($IF_B in $PC_NS_B)"
pc_setup_namespaces

# Keys: side A's through our own CLI when A is ours (genkey/pubkey), everything else through wg(8).
if [ "$IMPL_A" = ours ]; then
  KEY_A=$("$PC_GATEWAY" genkey)
  PUB_A=$("$PC_GATEWAY" pubkey <<<"$KEY_A")
  [ "$PUB_A" = "$(wg pubkey <<<"$KEY_A")" ] || pc_fail "our pubkey disagrees with wg pubkey"
else
  KEY_A=$(wg genkey)
  PUB_A=$(wg pubkey <<<"$KEY_A")
fi
KEY_B=$(wg genkey)
PUB_B=$(wg pubkey <<<"$KEY_B")
PSK=$(wg genpsk)
echo "$PSK" >"$PC_WORK/psk"
wg genpsk >"$PC_WORK/wrong-psk"

# write_conf FILE KEY PORT ADDR4 ADDR6 PEER_PUB PEER4 PEER6 [ENDPOINT]
write_conf() {
  cat >"$1" <<CONF
[Interface]
PrivateKey = $2
ListenPort = $3
Address = $4/24, $5/64
MTU = $MTU

[Peer]
PublicKey = $6
PresharedKey = $PSK
AllowedIPs = $7/32, $8/128
${9:+Endpoint = $9}
CONF
}

endpoint_of() { # endpoint_of NS IFACE PUB
  ip netns exec "$1" wg show "$2" endpoints | awk -v k="$3" '$1 == k { print $2 }'
}
handshake_of() {
  ip netns exec "$1" wg show "$2" latest-handshakes | awk -v k="$3" '$1 == k { print $2 }'
}

# ---------------------------------------------------------------- phase 1: A initiates, B learns A's endpoint
write_conf "$PC_WORK/$IF_A.conf" "$KEY_A" 51820 10.77.0.1 fd77::1 "$PUB_B" 10.77.0.2 fd77::2 "$PC_UNDER4_B:51821"
write_conf "$PC_WORK/$IF_B.conf" "$KEY_B" 51821 10.77.0.2 fd77::2 "$PUB_A" 10.77.0.1 fd77::1
pc_start "$IMPL_A" "$PC_NS_A" "$IF_A" "$PC_WORK/$IF_A.conf"
pc_start "$IMPL_B" "$PC_NS_B" "$IF_B" "$PC_WORK/$IF_B.conf"

pc_ping_until "$PC_NS_A" 10.77.0.2 10 || pc_fail "no IPv4 ping A->B through the tunnel (handshake initiated by A)"
pc_log "ok: handshake initiated by A, ping v4 A->B"
[ "$(endpoint_of "$PC_NS_B" "$IF_B" "$PUB_A")" = "$PC_UNDER4_A:51820" ] ||
  pc_fail "B did not learn A's endpoint (wg show: $(endpoint_of "$PC_NS_B" "$IF_B" "$PUB_A"))"
[ "$(handshake_of "$PC_NS_A" "$IF_A" "$PUB_B")" != 0 ] || pc_fail "A reports no handshake"
[ "$(handshake_of "$PC_NS_B" "$IF_B" "$PUB_A")" != 0 ] || pc_fail "B reports no handshake"
pc_log "ok: B learned A's endpoint; both report the handshake"
if [ "$IMPL_A" = ours ]; then
  shown=$("$PC_GATEWAY" show "$IF_A") || pc_fail "portcullis-gateway show $IF_A failed"
  grep -q "^peer: $PUB_B\$" <<<"$shown" && grep -q "latest handshake: " <<<"$shown" &&
    grep -q "public key: $PUB_A" <<<"$shown" || pc_fail "portcullis-gateway show $IF_A: unexpected output: $shown"
  pc_log "ok: portcullis-gateway show $IF_A"
fi
pc_ping_until "$PC_NS_A" fd77::2 5 || pc_fail "no IPv6 ping A->B through the tunnel"
pc_ping "$PC_NS_B" 10.77.0.1 || pc_fail "no IPv4 ping B->A"
pc_ping "$PC_NS_B" fd77::1 || pc_fail "no IPv6 ping B->A"
pc_log "ok: ping v4 and v6 both ways"

# Sizes up to the MTU: ICMP payload + 28 (IPv4) or + 48 (IPv6) bytes of headers fills the MTU exactly.
for size in 0 1 15 16 17 63 64 65 255 256 511 512 1000 1023 1024 1200 $((MTU - 48 - 1)) $((MTU - 48)); do
  pc_ping "$PC_NS_A" fd77::2 "$size" || pc_fail "IPv6 ping of $size payload bytes A->B lost"
done
for size in 0 1 15 16 17 63 64 65 255 256 511 512 1000 1023 1024 1200 $((MTU - 28 - 1)) $((MTU - 28)); do
  pc_ping "$PC_NS_A" 10.77.0.2 "$size" || pc_fail "IPv4 ping of $size payload bytes A->B lost"
  pc_ping "$PC_NS_B" 10.77.0.1 "$size" || pc_fail "IPv4 ping of $size payload bytes B->A lost"
done
if pc_ping "$PC_NS_A" 10.77.0.2 $((MTU - 28 + 1)); then
  pc_fail "a packet one byte over the MTU went through with don't-fragment set"
fi
pc_log "ok: packet sizes up to the MTU ($MTU) both families"

bps=$(pc_iperf "$PC_NS_B" "$PC_NS_A" 10.77.0.2 3) || pc_fail "iperf3 TCP A->B failed"
awk -v b="$bps" 'BEGIN { exit !(b > 1e6) }' || pc_fail "iperf3 TCP A->B only $bps bit/s"
pc_log "ok: TCP A->B $(awk -v b="$bps" 'BEGIN { printf "%.0f", b / 1e6 }') Mbit/s"
bps=$(pc_iperf "$PC_NS_B" "$PC_NS_A" 10.77.0.2 3 -R) || pc_fail "iperf3 TCP B->A failed"
awk -v b="$bps" 'BEGIN { exit !(b > 1e6) }' || pc_fail "iperf3 TCP B->A only $bps bit/s"
pc_log "ok: TCP B->A $(awk -v b="$bps" 'BEGIN { printf "%.0f", b / 1e6 }') Mbit/s"

# wg showconf, then wg syncconf and wg setconf of what it printed, on A's socket: nothing may change.
ip netns exec "$PC_NS_A" wg showconf "$IF_A" >"$PC_WORK/showconf"
grep -q "^PublicKey = $PUB_B\$" "$PC_WORK/showconf" || pc_fail "wg showconf $IF_A lacks the peer"
ip netns exec "$PC_NS_A" wg syncconf "$IF_A" "$PC_WORK/showconf" || pc_fail "wg syncconf $IF_A failed"
ip netns exec "$PC_NS_A" wg setconf "$IF_A" "$PC_WORK/showconf" || pc_fail "wg setconf $IF_A failed"
[ "$(ip netns exec "$PC_NS_A" wg showconf "$IF_A")" = "$(cat "$PC_WORK/showconf")" ] ||
  pc_fail "wg syncconf/setconf of showconf's own output changed $IF_A"
pc_ping_until "$PC_NS_A" 10.77.0.2 5 || pc_fail "no traffic after wg syncconf/setconf"
pc_log "ok: wg showconf, syncconf, setconf on A"

# Remove the peer on A through wg set (on A's UAPI socket), then re-add it while B holds a wrong preshared key:
# no handshake may complete. With the right key again, traffic flows.
ip netns exec "$PC_NS_A" wg set "$IF_A" peer "$PUB_B" remove
[ -z "$(ip netns exec "$PC_NS_A" wg show "$IF_A" peers)" ] || pc_fail "wg set ... remove left the peer on A"
if pc_ping "$PC_NS_A" 10.77.0.2; then pc_fail "ping A->B still works after removing the peer"; fi
pc_log "ok: peer removed through wg set; traffic stops"
ip netns exec "$PC_NS_B" wg set "$IF_B" peer "$PUB_A" preshared-key "$PC_WORK/wrong-psk"
ip netns exec "$PC_NS_A" wg set "$IF_A" peer "$PUB_B" preshared-key "$PC_WORK/psk" \
  endpoint "$PC_UNDER4_B:51821" allowed-ips 10.77.0.2/32,fd77::2/128
[ "$(ip netns exec "$PC_NS_A" wg show "$IF_A" peers)" = "$PUB_B" ] || pc_fail "re-adding the peer through wg set failed"
if pc_ping_until "$PC_NS_A" 10.77.0.2 3; then pc_fail "handshake succeeded with mismatched preshared keys"; fi
pc_log "ok: mismatched preshared key blocks the handshake"
ip netns exec "$PC_NS_B" wg set "$IF_B" peer "$PUB_A" preshared-key "$PC_WORK/psk"
pc_ping_until "$PC_NS_A" 10.77.0.2 15 || pc_fail "no traffic after re-adding the peer with the right preshared key"
pc_ping "$PC_NS_A" fd77::2 || pc_fail "no IPv6 after re-adding the peer"
pc_log "ok: peer re-added through wg set; handshake with the preshared key; v4 and v6 flow"

pc_stop "$IMPL_A" "$IF_A"
pc_stop "$IMPL_B" "$IF_B"

# ------------------------------------------- phase 2: B initiates over IPv6 underlay, A learns B's endpoint
write_conf "$PC_WORK/$IF_A.conf" "$KEY_A" 51820 10.77.0.1 fd77::1 "$PUB_B" 10.77.0.2 fd77::2
write_conf "$PC_WORK/$IF_B.conf" "$KEY_B" 51821 10.77.0.2 fd77::2 "$PUB_A" 10.77.0.1 fd77::1 "[fd00:241::1]:51820"
pc_start "$IMPL_A" "$PC_NS_A" "$IF_A" "$PC_WORK/$IF_A.conf"
pc_start "$IMPL_B" "$PC_NS_B" "$IF_B" "$PC_WORK/$IF_B.conf"
pc_ping_until "$PC_NS_B" 10.77.0.1 10 || pc_fail "no IPv4 ping B->A (handshake initiated by B over IPv6)"
learned=$(endpoint_of "$PC_NS_A" "$IF_A" "$PUB_B")
[ "$learned" = "[fd00:241::2]:51821" ] || pc_fail "A did not learn B's IPv6 endpoint (wg show: $learned)"
pc_ping "$PC_NS_A" fd77::2 || pc_fail "no IPv6 ping A->B over the learned endpoint"
pc_log "ok: handshake initiated by B over an IPv6 underlay; A learned [fd00:241::2]:51821; v4 and v6 flow"

pc_stop "$IMPL_A" "$IF_A"
pc_stop "$IMPL_B" "$IF_B"
pc_log "PASS: interop $IMPL_A <-> $IMPL_B in $((SECONDS - start)) s"
