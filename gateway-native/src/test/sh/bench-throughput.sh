#!/usr/bin/env bash
# TCP throughput through a WireGuard tunnel between two network namespaces joined by a veth pair, for
#   ours <-> ours (portcullis-gateway --userspace), Debian's wireguard-go pair, the upstream 2025 wireguard-go
#   (../shared/anchors/wireguard-go-modern, skipped with a note if absent), and the raw veth,
# all in one run on the same namespaces. iperf3 -t $BENCH_SECONDS (10), $BENCH_RUNS (3) runs per setup, median.
# Prints a table and the ratios. Builds nothing itself (the launcher builds the jar if it is missing).
#   usage: bench-throughput.sh [SETUP...]   SETUP = raw | ours | wireguard-go | modern   (default: all)
set -euo pipefail
umask 077
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=netns-lib.sh
. "$here/netns-lib.sh"
trap pc_cleanup EXIT INT TERM

SECS=${BENCH_SECONDS:-10}
RUNS=${BENCH_RUNS:-3}
SETUPS=("$@")
[ ${#SETUPS[@]} -gt 0 ] || SETUPS=(raw ours wireguard-go modern)
MTU=1420
IF_A=pcba
IF_B=pcbb

pc_require_tools
pc_setup_namespaces
KEY_A=$(wg genkey)
KEY_B=$(wg genkey)
cat >"$PC_WORK/$IF_A.conf" <<CONF
[Interface]
PrivateKey = $KEY_A
ListenPort = 51820
Address = 10.78.0.1/24
MTU = $MTU
[Peer]
PublicKey = $(wg pubkey <<<"$KEY_B")
AllowedIPs = 10.78.0.2/32
Endpoint = $PC_UNDER4_B:51821
CONF
cat >"$PC_WORK/$IF_B.conf" <<CONF
[Interface]
PrivateKey = $KEY_B
ListenPort = 51821
Address = 10.78.0.2/24
MTU = $MTU
[Peer]
PublicKey = $(wg pubkey <<<"$KEY_A")
AllowedIPs = 10.78.0.1/32
Endpoint = $PC_UNDER4_A:51820
CONF

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A RESULT=()
declare -A RUNS_TEXT=()
for setup in "${SETUPS[@]}"; do
  target=10.78.0.2
  case "$setup" in
  raw) target=$PC_UNDER4_B ;;
  modern)
    if [ ! -x "$PC_MODERN" ]; then
      pc_log "skipping modern: $PC_MODERN is absent"
      continue
    fi
    ;&
  ours | wireguard-go)
    pc_start "$setup" "$PC_NS_A" "$IF_A" "$PC_WORK/$IF_A.conf"
    pc_start "$setup" "$PC_NS_B" "$IF_B" "$PC_WORK/$IF_B.conf"
    pc_ping_until "$PC_NS_A" 10.78.0.2 10 || pc_fail "$setup: no ping through the tunnel"
    ;;
  *) pc_fail "unknown setup $setup" ;;
  esac
  values=()
  for ((r = 1; r <= RUNS; r++)); do
    bps=$(pc_iperf "$PC_NS_B" "$PC_NS_A" "$target" "$SECS") || pc_fail "$setup: iperf3 run $r failed"
    values+=("$bps")
    pc_log "$setup run $r: $(awk -v b="$bps" 'BEGIN { printf "%.3f", b / 1e9 }') Gbit/s"
  done
  RESULT[$setup]=$(printf '%s\n' "${values[@]}" | median)
  RUNS_TEXT[$setup]=$(printf '%s\n' "${values[@]}" | awk '{ printf "%s%.3f", (NR > 1 ? " " : ""), $1 / 1e9 }')
  if [ "$setup" != raw ]; then
    pc_stop "$setup" "$IF_A"
    pc_stop "$setup" "$IF_B"
  fi
done

gbit() { awk -v b="$1" 'BEGIN { printf "%.3f", b / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "TCP throughput, iperf3 -t $SECS, median of $RUNS, MTU $MTU, $(nproc) CPUs, $(date -u +%F)"
printf '%-14s %12s   %s\n' setup "Gbit/s" "runs (Gbit/s)"
for setup in raw ours wireguard-go modern; do
  [ -n "${RESULT[$setup]:-}" ] || continue
  printf '%-14s %12s   %s\n' "$setup" "$(gbit "${RESULT[$setup]}")" "${RUNS_TEXT[$setup]}"
done
echo
if [ -n "${RESULT[ours]:-}" ]; then
  [ -n "${RESULT[wireguard-go]:-}" ] && echo "ours / wireguard-go (Debian): $(ratio "${RESULT[ours]}" "${RESULT[wireguard-go]}")"
  [ -n "${RESULT[modern]:-}" ] && echo "ours / wireguard-go-modern:   $(ratio "${RESULT[ours]}" "${RESULT[modern]}")"
  [ -n "${RESULT[raw]:-}" ] && echo "ours / raw veth:               $(ratio "${RESULT[ours]}" "${RESULT[raw]}")"
fi
if [ -n "${RESULT[modern]:-}" ] && [ -n "${RESULT[wireguard-go]:-}" ]; then
  echo "modern / wireguard-go:        $(ratio "${RESULT[modern]}" "${RESULT[wireguard-go]}")"
fi
