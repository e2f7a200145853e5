#!/usr/bin/env bash
# Interop of our UserspaceDevice with Debian's wireguard-go over real TUN devices and real UDP, inside two network
# namespaces joined by a veth pair. Pings both ways, then (with IPERF=1) measures TCP throughput through the tunnel
# in both directions and, for comparison, wireguard-go against wireguard-go.
# Run from gateway-native after `mvn test-compile`: sudo src/test/netns/interop-wireguard-go.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ../scripts/jdk.sh && portcullis_find_jdk
command -v wireguard-go >/dev/null && command -v wg >/dev/null && command -v iperf3 >/dev/null && command -v ping >/dev/null ||
  apt-get install -y wireguard-tools wireguard-go iperf3 iputils-ping >/dev/null

A=pc-proto-a B=pc-proto-b
CP="target/classes:target/test-classes"
JPID="" GPID=""
cleanup() {
  [ -n "$JPID" ] && kill "$JPID" 2>/dev/null || true
  [ -n "$GPID" ] && kill "$GPID" 2>/dev/null || true
  ip netns pids $A 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns pids $B 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns del $A 2>/dev/null || true
  ip netns del $B 2>/dev/null || true
}
trap cleanup EXIT
cleanup
ip netns add $A && ip netns add $B
ip link add pcp-a netns $A type veth peer name pcp-b netns $B
ip -n $A addr add 192.168.77.1/24 dev pcp-a && ip -n $A link set pcp-a up && ip -n $A link set lo up
ip -n $B addr add 192.168.77.2/24 dev pcp-b && ip -n $B link set pcp-b up && ip -n $B link set lo up

KA=$(wg genkey) KB=$(wg genkey)
PA=$(echo "$KA" | wg pubkey) PB=$(echo "$KB" | wg pubkey)

# B: wireguard-go
ip netns exec $B env WG_PROCESS_FOREGROUND=1 wireguard-go wgb >/tmp/pc-proto-wggo.log 2>&1 &
GPID=$!
for _ in $(seq 50); do ip -n $B link show wgb >/dev/null 2>&1 && break; sleep 0.1; done
ip netns exec $B wg set wgb private-key <(echo "$KB") listen-port 51820 \
  peer "$PA" allowed-ips 10.77.0.1/32 endpoint 192.168.77.1:51820
ip -n $B addr add 10.77.0.2/24 dev wgb && ip -n $B link set wgb mtu 1420 up

# A: ours
SECONDS_LIMIT=${SECONDS_LIMIT:-120}
ip netns exec $A java --enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector -cp "$CP" \
  io.portcullis.gateway.device.DeviceRunner wga "$KA" 51820 "$PB" 192.168.77.2:51820 10.77.0.2/32 "$SECONDS_LIMIT" \
  >/tmp/pc-proto-java.log 2>&1 &
JPID=$!
for _ in $(seq 300); do grep -q READY /tmp/pc-proto-java.log 2>/dev/null && break; sleep 0.1; done
ip -n $A addr add 10.77.0.1/24 dev wga && ip -n $A link set wga mtu 1420 up

echo "== ping ours -> wireguard-go"
ip netns exec $A ping -c 3 -i 0.2 -W 2 10.77.0.2
echo "== ping wireguard-go -> ours"
ip netns exec $B ping -c 3 -i 0.2 -W 2 10.77.0.1
ip netns exec $B wg show wgb

if [ "${IPERF:-0}" = 1 ]; then
  ip netns exec $B iperf3 -s -D -1 -p 5201
  sleep 0.5
  echo "== iperf3 ours(A) -> wireguard-go(B), 10 s"
  ip netns exec $A iperf3 -c 10.77.0.2 -p 5201 -t 10 -f g | tail -4
  ip netns exec $A iperf3 -s -D -1 -p 5202
  sleep 0.5
  echo "== iperf3 wireguard-go(B) -> ours(A), 10 s"
  ip netns exec $B iperf3 -c 10.77.0.1 -p 5202 -t 10 -f g | tail -4
fi
kill "$JPID"; wait "$JPID" 2>/dev/null || true; JPID=""
cat /tmp/pc-proto-java.log | grep -v "^WARNING" | tail -30
