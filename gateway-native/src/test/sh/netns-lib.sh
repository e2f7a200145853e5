# shellcheck shell=bash
# Shared by interop.sh and bench-throughput.sh: two network namespaces joined by a veth pair, and a WireGuard
# implementation started in each ("ours" = portcullis-gateway, "wireguard-go" = Debian's, "modern" = the
# upstream 2025 build under /work/shared/anchors). Everything created here is removed by pc_cleanup.
# Nothing leaves the machine: the only addresses used live on the veth pair and the tunnels.

PC_NS_A=${PC_NS_A:-pc-a}
PC_NS_B=${PC_NS_B:-pc-b}
PC_VETH_A=${PC_VETH_A:-pcveth-a}
PC_VETH_B=${PC_VETH_B:-pcveth-b}
PC_UNDER4_A=192.168.241.1
PC_UNDER4_B=192.168.241.2
PC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
PC_GATEWAY="$PC_ROOT/gateway-native/portcullis-gateway"
# The upstream 2025 wireguard-go: ../shared/anchors next to the repository (a git worktree may live elsewhere,
# so /work/shared/anchors is tried too).
PC_MODERN=${PC_MODERN:-$PC_ROOT/../shared/anchors/wireguard-go-modern}
[ -x "$PC_MODERN" ] || [ ! -x /work/shared/anchors/wireguard-go-modern ] ||
  PC_MODERN=/work/shared/anchors/wireguard-go-modern
PC_WORK=$(mktemp -d /tmp/pc-netns.XXXXXX)
PC_PIDS=()
PC_OURS=()
declare -A PC_IFACE_PID=()

pc_log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
pc_fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

# Installs wg, wireguard-go and iperf3 when missing (CI starts from a fresh machine).
pc_require_tools() {
  local missing=()
  command -v wg >/dev/null || missing+=(wireguard-tools)
  command -v wireguard-go >/dev/null || missing+=(wireguard-go)
  command -v iperf3 >/dev/null || missing+=(iperf3)
  command -v ping >/dev/null || missing+=(iputils-ping)
  if [ ${#missing[@]} -gt 0 ]; then
    pc_log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y "${missing[@]}" >/dev/null ||
      pc_fail "cannot install ${missing[*]}"
  fi
  [ "$(id -u)" = 0 ] || pc_fail "needs root (network namespaces)"
}

# Removes every namespace, process and file this library created; safe to call twice.
pc_cleanup() {
  local iface pid
  for iface in "${PC_OURS[@]}"; do
    timeout 30 "$PC_GATEWAY" down "$iface" >/dev/null 2>&1 || {
      pid=$(cat "/run/portcullis/$iface.pid" 2>/dev/null || true)
      [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    }
  done
  PC_OURS=()
  for pid in "${PC_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PC_PIDS[@]}"; do
    timeout 5 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
  done
  PC_PIDS=()
  ip netns del "$PC_NS_A" 2>/dev/null || true
  ip netns del "$PC_NS_B" 2>/dev/null || true
  rm -rf "$PC_WORK"
}

# Creates the namespaces and the veth pair between them (MTU 1500, IPv4 and IPv6 underlay). Runs of these
# scripts share namespace and interface names, so they take turns on a lock (waiting at most 15 minutes).
pc_setup_namespaces() {
  exec 9>/run/lock/portcullis-netns.lock
  flock -w 900 9 || pc_fail "another interop or benchmark run holds /run/lock/portcullis-netns.lock"
  ip netns del "$PC_NS_A" 2>/dev/null || true
  ip netns del "$PC_NS_B" 2>/dev/null || true
  ip netns add "$PC_NS_A"
  ip netns add "$PC_NS_B"
  ip link add "$PC_VETH_A" netns "$PC_NS_A" type veth peer name "$PC_VETH_B" netns "$PC_NS_B"
  ip -n "$PC_NS_A" addr add "$PC_UNDER4_A/24" dev "$PC_VETH_A"
  ip -n "$PC_NS_B" addr add "$PC_UNDER4_B/24" dev "$PC_VETH_B"
  ip -n "$PC_NS_A" addr add fd00:241::1/64 dev "$PC_VETH_A" nodad
  ip -n "$PC_NS_B" addr add fd00:241::2/64 dev "$PC_VETH_B" nodad
  for ns in "$PC_NS_A" "$PC_NS_B"; do
    ip -n "$ns" link set lo up
  done
  ip -n "$PC_NS_A" link set "$PC_VETH_A" up
  ip -n "$PC_NS_B" link set "$PC_VETH_B" up
}

# Waits (at most $2 tenths of a second) until the UAPI socket of interface $1 exists.
pc_wait_socket() {
  local i
  for ((i = 0; i < $2; i++)); do
    [ -S "/var/run/wireguard/$1.sock" ] && return 0
    sleep 0.1
  done
  return 1
}

# The wg(8) part of a wg-quick file (what `wg-quick strip` prints).
pc_strip() {
  grep -viE '^[[:space:]]*(Address|DNS|MTU|Table|PreUp|PostUp|PreDown|PostDown|SaveConfig)[[:space:]]*=' "$1"
}

# pc_start IMPL NS IFACE CONF: brings up IFACE in namespace NS from the wg-quick file CONF with IMPL
# (ours | wireguard-go | modern). Addresses, MTU and link state come from CONF.
pc_start() {
  local impl=$1 ns=$2 iface=$3 conf=$4 bin addr mtu
  case "$impl" in
  ours)
    PC_OURS+=("$iface")
    timeout 90 ip netns exec "$ns" "$PC_GATEWAY" up --userspace "$conf" >"$PC_WORK/$iface.up.log" 2>&1 || {
      cat "$PC_WORK/$iface.up.log" >&2
      pc_fail "portcullis-gateway up $iface in $ns failed"
    }
    ;;
  wireguard-go | modern)
    bin=wireguard-go
    [ "$impl" = modern ] && bin=$PC_MODERN
    rm -f "/var/run/wireguard/$iface.sock"
    ip netns exec "$ns" env WG_PROCESS_FOREGROUND=1 LOG_LEVEL=error "$bin" "$iface" \
      >"$PC_WORK/$iface.log" 2>&1 9>&- &
    PC_PIDS+=($!)
    PC_IFACE_PID[$iface]=$!
    pc_wait_socket "$iface" 100 || pc_fail "$impl did not create $iface in $ns within 10 s"
    ip netns exec "$ns" wg setconf "$iface" <(pc_strip "$conf") || pc_fail "wg setconf $iface failed"
    for addr in $(sed -nE 's/^[[:space:]]*Address[[:space:]]*=[[:space:]]*//Ip' "$conf" | tr ',' ' '); do
      ip -n "$ns" addr add "$addr" dev "$iface" nodad 2>/dev/null || ip -n "$ns" addr add "$addr" dev "$iface"
    done
    mtu=$(sed -nE 's/^[[:space:]]*MTU[[:space:]]*=[[:space:]]*([0-9]+).*/\1/Ip' "$conf")
    ip -n "$ns" link set "$iface" mtu "${mtu:-1420}" up
    ;;
  *) pc_fail "unknown implementation $impl" ;;
  esac
}

# pc_stop IMPL IFACE: takes IFACE down again (ours: down; the others: kill the process).
pc_stop() {
  local impl=$1 iface=$2 pid keep=()
  if [ "$impl" = ours ]; then
    timeout 60 "$PC_GATEWAY" down "$iface" >/dev/null || pc_fail "portcullis-gateway down $iface failed"
    local rest=()
    for i in "${PC_OURS[@]}"; do [ "$i" = "$iface" ] || rest+=("$i"); done
    PC_OURS=("${rest[@]}")
  else
    pid=${PC_IFACE_PID[$iface]:-}
    if [ -n "$pid" ]; then
      kill "$pid"
      timeout 5 tail --pid="$pid" -f /dev/null || kill -9 "$pid" 2>/dev/null || true
    fi
    for p in "${PC_PIDS[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
    PC_PIDS=("${keep[@]}")
    rm -f "/var/run/wireguard/$iface.sock"
  fi
}

# pc_ping NS ADDR [SIZE]: one ping, 2 s timeout, don't fragment.
pc_ping() {
  local ns=$1 addr=$2 size=${3:-56}
  ip netns exec "$ns" ping -n -q -c 1 -W 2 -M do -s "$size" "$addr" >/dev/null 2>&1
}

# pc_ping_until NS ADDR SECONDS: pings once a second until one answer arrives or SECONDS pass.
pc_ping_until() {
  local i
  for ((i = 0; i < $3; i++)); do
    ip netns exec "$1" ping -n -q -c 1 -W 1 "$2" >/dev/null 2>&1 && return 0
  done
  return 1
}

# pc_iperf NS_SERVER NS_CLIENT ADDR SECONDS [-R]: prints the received throughput in bit/s.
pc_iperf() {
  local server=$1 client=$2 addr=$3 secs=$4 reverse=${5:-} pid out
  ip netns exec "$server" iperf3 -s -1 -B "$addr" >/dev/null 2>&1 9>&- &
  pid=$!
  local i
  for ((i = 0; i < 50; i++)); do
    ip netns exec "$server" ss -ltn 2>/dev/null | grep -q ":5201 " && break
    sleep 0.1
  done
  out=$(timeout $((secs + 20)) ip netns exec "$client" iperf3 -c "$addr" -t "$secs" -J $reverse 2>/dev/null) || {
    kill "$pid" 2>/dev/null || true
    return 1
  }
  timeout 5 tail --pid="$pid" -f /dev/null 2>/dev/null || kill "$pid" 2>/dev/null || true
  jq -r '.end.sum_received.bits_per_second' <<<"$out"
}
