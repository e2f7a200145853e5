#!/usr/bin/env bash
# End to end through the control plane, all real: a running core (WildFly + EAR + PostgreSQL, e.g. the one the
# ear's ControlPlaneE2EIT starts), `portcullis-gateway run` in userspace mode in namespace pc-ca, and a
# wireguard-go client in namespace pc-cb using the wg-quick file downloaded from the REST API.
#
#   usage: PORTCULLIS_API_TOKEN=pct_... control-plane.sh BASE_URL GRPC_PORT   e.g. ... http://127.0.0.1:28080 25055
#
# The core is reached from the gateway's namespace over a veth pair to the root namespace (192.168.242.1),
# which must be among the server certificate's names (PORTCULLIS_GRPC_SERVER_NAMES). Checks, each bounded in
# time: the client pings through the gateway; a device added through REST works within 1 s; a deleted device
# and a disabled user stop passing traffic within 1 s; the tunnel keeps forwarding while the core is
# unreachable (the veth to the core is down) and the gateway resynchronizes when it is back, including a
# change made meanwhile; the same with the core itself down (its application undeployed through WildFly's
# management API, when JBOSS_HOME and MGMT_PORT are set); the device's stats appear in REST. Prints
# "N passed, N failed" and exits non-zero on a failure. The trap removes namespaces, processes and files.
set -euo pipefail
umask 077
BASE=${1:?usage: control-plane.sh BASE_URL GRPC_PORT}
GRPC_PORT=${2:?usage: control-plane.sh BASE_URL GRPC_PORT}
# Optional, for the core outage: the WildFly serving BASE_URL, its management port and the deployment's name.
JBOSS_HOME=${JBOSS_HOME:-}
MGMT_PORT=${MGMT_PORT:-}
DEPLOYMENT=${DEPLOYMENT:-portcullis.ear}
API="$BASE/api/v1"
here=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$here/../../../../.." && pwd)
GATEWAY="$ROOT/gateway-native/portcullis-gateway"
NS_GW=pc-ca
NS_CL=pc-cb
CORE_IP=192.168.242.1
GW_CTL_IP=192.168.242.2
GW_UNDER=192.168.241.1
CL_UNDER=192.168.241.2
WORK=$(mktemp -d /tmp/pc-e2e.XXXXXX)
PIDS=()
passed=0
failed=0

log() { printf '[%s] %s\n' "$(date +%T.%3N)" "$*" >&2; }
ok() { passed=$((passed + 1)); log "ok: $*"; }
bad() { failed=$((failed + 1)); log "FAIL: $*"; }

# cli COMMAND: one jboss-cli command against the core's WildFly
cli() { timeout 180 "$JBOSS_HOME/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$MGMT_PORT" --command="$1" >&2; }
CORE_DOWN=

cleanup() {
  # Never leave the core undeployed (the ITs after this one need it).
  [ -z "$CORE_DOWN" ] || cli "deploy --name=$DEPLOYMENT" || true
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do timeout 10 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true; done
  ip netns del "$NS_GW" 2>/dev/null || true
  ip netns del "$NS_CL" 2>/dev/null || true
  ip link del pcctl-r 2>/dev/null || true
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

need() {
  local missing=()
  command -v wg >/dev/null || missing+=(wireguard-tools)
  command -v wireguard-go >/dev/null || missing+=(wireguard-go)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  command -v ping >/dev/null || missing+=(iputils-ping)
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y "${missing[@]}" >/dev/null
  fi
}

# api METHOD PATH [JSON] -> body on stdout; fails on HTTP >= 400. Authenticated with PORTCULLIS_API_TOKEN (an
# administrator's pct_ token, as automation uses).
AUTH="Authorization: Bearer ${PORTCULLIS_API_TOKEN:?set PORTCULLIS_API_TOKEN to an API token of an administrator}"
api() {
  curl -sS --fail-with-body --max-time 20 -X "$1" -H "$AUTH" -H 'Content-Type: application/json' -H 'Accept: application/json' \
    ${3:+--data "$3"} "$API$2"
}

now_ms() { date +%s%3N; }

# until_ms LIMIT_MS CMD...: runs CMD every 20 ms until it succeeds; prints the elapsed ms; fails after LIMIT_MS.
until_ms() {
  local limit=$1 start
  shift
  start=$(now_ms)
  while ! "$@" >/dev/null 2>&1; do
    if [ $(($(now_ms) - start)) -gt "$limit" ]; then
      echo $(($(now_ms) - start))
      return 1
    fi
    sleep 0.02
  done
  echo $(($(now_ms) - start))
}

ping_once() { ip netns exec "$NS_CL" ping -c 1 -W 1 -n "$1"; }
ping_fails() { ! ip netns exec "$NS_CL" ping -c 1 -W 0.3 -n "$1"; }

need
log "namespaces: gateway $NS_GW, client $NS_CL; core via $CORE_IP:$GRPC_PORT"
ip netns del "$NS_GW" 2>/dev/null || true
ip netns del "$NS_CL" 2>/dev/null || true
ip link del pcctl-r 2>/dev/null || true
ip netns add "$NS_GW"
ip netns add "$NS_CL"
ip link add pcctl-r type veth peer name pcctl-g netns "$NS_GW"
ip addr add "$CORE_IP/30" dev pcctl-r
ip link set pcctl-r up
ip -n "$NS_GW" addr add "$GW_CTL_IP/30" dev pcctl-g
ip -n "$NS_GW" link set pcctl-g up
ip link add pcwg-g netns "$NS_GW" type veth peer name pcwg-c netns "$NS_CL"
ip -n "$NS_GW" addr add "$GW_UNDER/24" dev pcwg-g
ip -n "$NS_CL" addr add "$CL_UNDER/24" dev pcwg-c
for ns in "$NS_GW" "$NS_CL"; do ip -n "$ns" link set lo up; done
ip -n "$NS_GW" link set pcwg-g up
ip -n "$NS_CL" link set pcwg-c up

# The core's objects: a location served at the gateway's underlay address, a user with one device.
sfx=$RANDOM$RANDOM
location=$(api POST /locations "{\"name\":\"e2e-$sfx\",\"addresses\":[\"10.77.0.1/16\"],\"endpoint\":\"$GW_UNDER\",\"port\":51820,\"listenPort\":51820}" | jq -r .id)
user=$(api POST /users "{\"username\":\"e2e-$sfx\",\"enabled\":true}" | jq -r .id)
gw=$(api POST /gateways "{\"locationId\":$location,\"name\":\"e2e-gw-$sfx\"}")
gw_id=$(jq -r .gateway.id <<<"$gw")
token=$(jq -r .token <<<"$gw")
cert=$(api POST "/gateway-credentials/$gw_id/certificates")
jq -r .certificatePem <<<"$cert" >"$WORK/gw.pem"
jq -r .privateKeyPem <<<"$cert" >"$WORK/gw.key"
jq -r .caPem <<<"$cert" >"$WORK/ca.pem"
cat >"$WORK/gateway.conf" <<CONF
PORTCULLIS_GRPC_URL = https://$CORE_IP:$GRPC_PORT
PORTCULLIS_TOKEN = $token
PORTCULLIS_GRPC_CA = $WORK/ca.pem
PORTCULLIS_GRPC_CERT = $WORK/gw.pem
PORTCULLIS_GRPC_KEY = $WORK/gw.key
PORTCULLIS_INTERFACE = pcgw
PORTCULLIS_USERSPACE = true
PORTCULLIS_STATS_INTERVAL = 1
CONF

# new_client_device NAME -> writes $WORK/NAME.conf (wg-quick, from REST) and prints the device id and address
new_client_device() {
  local created id
  created=$(api POST /devices "{\"userId\":$user,\"name\":\"$1-$sfx\"}")
  id=$(jq -r .device.id <<<"$created")
  # The creation answer is the only one with the private key filled in (the core keeps only the public key).
  jq -r ".configs[\"$location\"]" <<<"$created" >"$WORK/$1.conf"
  grep -q '^PrivateKey = [A-Za-z0-9+/]\{42\}[AEIMQUYcgkosw048]=$' "$WORK/$1.conf" || { log "no usable config for $1"; return 1; }
  echo "$id $(jq -r ".device.addresses[] | select(.locationId == $location) | .address" <<<"$created")"
}

# start_client NAME IFACE: wireguard-go in the client namespace, configured from the wg-quick file
start_client() {
  local conf="$WORK/$1.conf" iface=$2 addr
  addr=$(sed -n 's/^Address *= *//p' "$conf" | cut -d, -f1)
  ip netns exec "$NS_CL" env WG_PROCESS_FOREGROUND=1 wireguard-go "$iface" >"$WORK/$iface.log" 2>&1 &
  PIDS+=($!)
  until_ms 5000 ip -n "$NS_CL" link show "$iface" >/dev/null
  grep -v -E '^(Address|DNS|MTU) *=' "$conf" >"$WORK/$1.wg"
  ip netns exec "$NS_CL" wg setconf "$iface" "$WORK/$1.wg"
  ip -n "$NS_CL" addr add "$addr" dev "$iface"
  ip -n "$NS_CL" link set "$iface" mtu 1420 up
  ip -n "$NS_CL" route replace 10.77.0.1/32 dev "$iface"
}

read -r dev1 addr1 < <(new_client_device one)
log "device $dev1 ($addr1); starting the gateway"
ip netns exec "$NS_GW" env PORTCULLIS_CONFIG="$WORK/gateway.conf" "$GATEWAY" run >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=($GW_PID)
start_client one pccl1

if t=$(until_ms 30000 ping_once 10.77.0.1); then ok "client pings through the gateway (${t} ms after start)"; else bad "no ping through the gateway"; fi

# A second device added through REST: works within 1 s, no restart.
read -r dev2 addr2 < <(new_client_device two)
added=$(now_ms)
ip -n "$NS_CL" link set pccl1 down
start_client two pccl2
setup_ms=$(($(now_ms) - added))
if t=$(until_ms 1000 ping_once 10.77.0.1); then ok "device added through REST passes traffic $((t + setup_ms)) ms after creation (client setup ${setup_ms} ms)"; else bad "new device did not work within 1 s"; fi

# Deleted: stops within 1 s.
api DELETE "/devices/$dev2" >/dev/null
if t=$(until_ms 1000 ping_fails 10.77.0.1); then ok "deleted device stops within ${t} ms"; else bad "deleted device still passes traffic after 1 s"; fi
ip -n "$NS_CL" link set pccl2 down
ip -n "$NS_CL" link set pccl1 up
ip -n "$NS_CL" route replace 10.77.0.1/32 dev pccl1
until_ms 5000 ping_once 10.77.0.1 >/dev/null || bad "device one does not come back"

# The user disabled: stops within 1 s; enabled again: works again.
uname=$(api GET "/users/$user" | jq -r .username)
api PUT "/users/$user" "{\"username\":\"$uname\",\"enabled\":false,\"groups\":[]}" >/dev/null
if t=$(until_ms 1000 ping_fails 10.77.0.1); then ok "disabled user stops within ${t} ms"; else bad "disabled user still passes traffic after 1 s"; fi
api PUT "/users/$user" "{\"username\":\"$uname\",\"enabled\":true,\"groups\":[]}" >/dev/null
# The gateway got the peer back without a session while the client still uses its old one; left alone, the
# client would handshake again only after KEEPALIVE_TIMEOUT + REKEY_TIMEOUT (10 s + 5 s, WireGuard paper 6.2).
# The gateway remembers where the removed peer was last seen and initiates the handshake itself.
if t=$(until_ms 5000 ping_once 10.77.0.1); then ok "enabled user works again after ${t} ms"; else bad "enabled user does not work again within 5 s"; fi

# The core unreachable: the tunnel keeps forwarding; a change made meanwhile arrives after reconnection.
ip link set pcctl-r down
sleep 3
if ping_once 10.77.0.1 >/dev/null; then ok "tunnel forwards while the core is unreachable"; else bad "tunnel broke with the core"; fi
read -r dev3 addr3 < <(new_client_device three)
ip link set pcctl-r up
ip -n "$NS_CL" link set pccl1 down
start_client three pccl3
if t=$(until_ms 40000 ping_once 10.77.0.1); then ok "gateway resynchronized after the outage: device created meanwhile works (${t} ms)"; else bad "no resynchronization after the outage"; fi

# The core itself down: its application undeployed through WildFly's management API (the REST API and the gRPC
# server stop; WildFly keeps running, so the ITs' container stays intact). The tunnel keeps forwarding; when
# the application is deployed again the gateway reconnects (backoff) and runs the fresh full configuration,
# including a device created after the core came back. Needs JBOSS_HOME and MGMT_PORT (the IT passes them).
if [ -n "${JBOSS_HOME:-}" ] && [ -n "${MGMT_PORT:-}" ]; then
  lost_before=$(grep -c "control channel disconnected" "$WORK/gateway.log" || true)
  down=$(now_ms)
  CORE_DOWN=1
  cli "undeploy --keep-content $DEPLOYMENT"
  log "core application undeployed in $(($(now_ms) - down)) ms"
  if curl -s --max-time 5 -o /dev/null --fail "$API/health"; then bad "the core still answers after undeploying"; fi
  if until_ms 30000 bash -c "grep 'control channel disconnected' '$WORK/gateway.log' | tail -n +$((lost_before + 1)) | grep -q 'the core is stopping'" >/dev/null; then
    ok "gateway noticed the core is down: $(grep 'control channel disconnected' "$WORK/gateway.log" | tail -1 | cut -c1-160)"
  else
    bad "gateway did not log that the core is stopping: $(grep 'control channel' "$WORK/gateway.log" | tail -3 | tr '\n' ' ')"
  fi
  sleep 2
  if ping_once 10.77.0.1 >/dev/null; then ok "tunnel forwards while the core is down"; else bad "tunnel broke while the core is down"; fi
  synced_before=$(grep -c "control channel synchronized" "$WORK/gateway.log" || true)
  cli "deploy --name=$DEPLOYMENT"
  CORE_DOWN=
  back=$(now_ms)
  until_ms 120000 curl -s --max-time 5 -o /dev/null --fail "$API/health" >/dev/null || bad "the core did not come back"
  log "core application deployed again, REST answering after $(($(now_ms) - back)) ms"
  read -r dev4 addr4 < <(new_client_device four)
  ip -n "$NS_CL" link set pccl3 down
  start_client four pccl4
  if t=$(until_ms 60000 ping_once 10.77.0.1); then
    ok "gateway resynchronized after the core came back: device created since works (${t} ms after its creation)"
  else
    bad "no resynchronization after the core came back"
  fi
  if [ "$(grep -c "control channel synchronized" "$WORK/gateway.log")" -gt "$synced_before" ]; then
    ok "gateway ran a fresh full configuration: $(grep 'control channel synchronized' "$WORK/gateway.log" | tail -1 | cut -c1-160)"
  else
    bad "gateway did not receive a full configuration after the core came back"
  fi
else
  log "skipped the core outage: JBOSS_HOME and MGMT_PORT not set"
fi

# Stats of device one reach the REST API.
if until_ms 15000 bash -c "curl -sS --fail -H '$AUTH' '$API/stats/devices/$dev1' | jq -e '.rxBytes > 0 and (.peers | length) > 0'" >/dev/null; then
  ok "stats of device $dev1: $(curl -sS -H "$AUTH" "$API/stats/devices/$dev1" | jq -c '{rxBytes, txBytes, lastHandshake}')"
else
  bad "no stats for device $dev1"
fi
status=$(api GET "/gateway-status/$gw_id")
if jq -e '.connected and .mode == "userspace"' <<<"$status" >/dev/null; then ok "gateway status: $(jq -c '{connected, mode, address, version, appliedRevision}' <<<"$status")"; else bad "gateway status: $status"; fi

kill "$GW_PID" 2>/dev/null || true
timeout 10 tail --pid="$GW_PID" -f /dev/null || true
grep -E "control channel|address|userspace" "$WORK/gateway.log" | head -20 >&2 || true
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
