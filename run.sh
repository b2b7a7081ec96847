#!/usr/bin/env bash
# Crypto Stream: install, build and run everything with one command.
#   ./run.sh           stream live prices from TradingView
#   ./run.sh --demo    stream from the built-in TradingView look-alike (works offline)
#   ./run.sh --help    list the settings (environment variables)
# Ctrl-C or SIGTERM stops everything this script started (server, Chromium, Xvfb) and exits 0.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '[run.sh] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

usage() {
  cat <<'EOF'
Usage: ./run.sh [--demo] [--help]

  --demo   read prices from the built-in TradingView look-alike instead of tradingview.com
  --help   print this help

Settings (environment variables; defaults in brackets):
  PORT                      port of the web grid, API, /healthz and /readyz [3000]
  HOST                      address to listen on [127.0.0.1]; 0.0.0.0 to serve other machines
  DEMO                      true = same as --demo [false]
  TRADINGVIEW_BASE_URL      where symbol pages live [https://www.tradingview.com]
  DEFAULT_EXCHANGE          exchange for symbols given without one [BINANCE]
  CHROMIUM_PATH             Chromium/Chrome executable [unset: Playwright's own, else /usr/bin/chromium]
  HEADLESS                  true = no browser window [false; true when there is no display and no Xvfb]
  MAX_SYMBOLS               symbols watched at once, across all clients [50]
  MAX_SYMBOLS_PER_WATCH     symbols one Watch stream may hold [50]
  MAX_ALERTS_PER_WATCH      alerts one Watch stream may hold [50]
  MAX_SYMBOLS_PER_CLIENT    different symbols one client address holds across its streams [20]
  PAGE_OPENS_PER_MINUTE_PER_CLIENT  new symbols (pages) one client address may open a minute [30]
  PAGE_OPENS_PER_MINUTE     new symbols (pages) all clients together may open a minute [120]
  MAX_CONCURRENT_OPENS      pages opening at once [4]
  SPARE_PAGES               blank tabs kept ready for new tickers [10]
  MAX_STREAMS_PER_CLIENT    streams open at once from one client address [100]
  MAX_CONNECTIONS_PER_CLIENT connections open at once from one client address [200]
  MAX_CONNECTIONS           connections open at once in all [10000]
  REQUEST_TIMEOUT_MS        time a client has to send a request's head and body; never ends a stream [10000]
  TLS_CERT                  PEM certificate file; with TLS_KEY, serve TLS (ALPN http/1.1 and h2) [unset: cleartext]
  TLS_KEY                   PEM private key file of TLS_CERT [unset]
  STALL_TIMEOUT_MS          end a stream whose client has not read for this long [30000]
  FIRST_PRICE_TIMEOUT_MS    wait for a page's first price before reloading it [20000]
  SILENCE_TIMEOUT_MS        reload a page whose price has not changed this long [120000]
  HEARTBEAT_INTERVAL_MS     heartbeat on idle streams [15000]
  HISTORY_MAX_POINTS        recent quotes per symbol sent once to each new subscriber [300]; 0 = none
  HISTORY_WINDOW_MS         how far back those recent quotes reach [900000 = 15 minutes]
  SHUTDOWN_TIMEOUT_MS       hard limit on a clean shutdown [10000]
  LOG_LEVEL                 debug, info, warn or error [info]
  STATIC_DIR                the built web grid, served at / [frontend/dist]
  SIM_SEED                  the look-alike's random-walk seed [42]
  SIM_TICK_MS               the look-alike's tick [1000]
  SIM_FILL_DELAY_MS         how long a look-alike page waits for its first price, MIN-MAX ms or 0 [300-800]
  API_TOKEN                 16+ characters = every RPC must send Authorization: Bearer <token> [unset]
  ALLOWED_ORIGINS           comma-separated origins whose browsers may call the API [unset: same origin]
  TRUSTED_PROXY             true behind one reverse proxy: per-client limits read the client from X-Forwarded-For [false]
  ALLOWED_HOSTS             comma-separated host names the server answers to besides localhost and IP addresses [unset]
  METRICS_PUBLIC            true = /metrics needs no token even when API_TOKEN is set [false]
  REFLECTION                false = no gRPC server reflection (grpcurl and buf curl then need the
                            .proto files) [true]
  REDIS_URL                 redis://host:6379 = share one page per symbol with every instance using
                            this Redis [unset: run alone]; the cluster settings below apply then
  INSTANCE_ID               this instance's name in the cluster's logs and status [host name-process id]
  CLUSTER_LEASE_TTL_MS      how long a dead instance keeps its symbols' pages from the others [5000]
  CLUSTER_INTEREST_TTL_MS   how long a dead instance's subscribers keep a page open elsewhere [15000]
EOF
}

for arg in "$@"; do
  case "$arg" in
    --demo) export DEMO=true ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$arg'" ;;
  esac
done

# --- Node ---------------------------------------------------------------------------------------
command -v node >/dev/null 2>&1 || die "Node.js is not installed: install Node 20.19 or newer (https://nodejs.org)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
  die "Node $(node --version) is too old: install Node 20.19 or newer"

# --- Dependencies (skipped while package-lock.json is unchanged) ------------------------------
bash scripts/ensure-deps.sh || die "npm ci failed: see the messages above"

say "generating code from proto/ (buf generate)"
npx --no-install buf generate || die "buf generate failed"
say "building the server and the web grid"
npm run --silent build >/dev/null || die "the build failed: run 'npm run build' to see why"

# --- Chromium -----------------------------------------------------------------------------------
find_chromium() { node --import tsx backend/src/find-chromium-cli.ts 2>/dev/null; }
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file: point it at a Chromium or Chrome,
  or unset it to use an installed one. To install one:
    sudo apt-get install -y chromium        (Debian/Ubuntu)"
elif ! CHROMIUM_PATH=$(find_chromium); then
  say "no Chromium found; trying 'npx playwright install chromium'"
  if npx --no-install playwright install chromium >&2 && CHROMIUM_PATH=$(find_chromium); then
    say "installed Playwright's Chromium"
  else
    die "no Chromium available. Install one with:
    sudo apt-get install -y chromium        (Debian/Ubuntu)
  or set CHROMIUM_PATH to a Chromium or Chrome executable."
  fi
fi
export CHROMIUM_PATH

# --- Port ---------------------------------------------------------------------------------------
export PORT="${PORT:-3000}"
export HOST="${HOST:-127.0.0.1}"
node -e '
  const s = require("net").createServer();
  s.once("error", () => process.exit(1));
  s.listen(Number(process.env.PORT), process.env.HOST, () => s.close(() => process.exit(0)));
' || die "port $PORT is already in use: stop what holds it, or choose another with PORT=3001 ./run.sh"

# --- Display ------------------------------------------------------------------------------------
xvfb_pid=""
server_pid=""
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$xvfb_pid" ] && kill -0 "$xvfb_pid" 2>/dev/null; then
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
}
trap 'cleanup; exit 0' INT TERM
trap cleanup EXIT

if [ "${HEADLESS:-false}" != "true" ] && [ -z "${DISPLAY:-}" ]; then
  if command -v Xvfb >/dev/null 2>&1; then
    display_file=$(mktemp)
    Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$display_file" 2>/dev/null &
    xvfb_pid=$!
    for _ in $(seq 50); do [ -s "$display_file" ] && break; sleep 0.1; done
    [ -s "$display_file" ] || die "Xvfb did not start"
    export DISPLAY=":$(tr -d '\n' <"$display_file")"
    rm -f "$display_file"
    say "no display: Chromium runs headed inside Xvfb on $DISPLAY"
  else
    say "warning: no display and no Xvfb; running Chromium headless (install xvfb to watch it work)"
    export HEADLESS=true
  fi
fi

# --- Server -------------------------------------------------------------------------------------
url="http://localhost:$PORT"
[ "${DEMO:-false}" = "true" ] && mode="demo: the built-in TradingView look-alike" || mode="live: TradingView"
say "starting Crypto Stream ($mode)"
# Its own session: Ctrl-C reaches this script alone, which then stops the server exactly once.
setsid node --enable-source-maps backend/dist/main.js &
server_pid=$!
for _ in $(seq 100); do
  kill -0 "$server_pid" 2>/dev/null || break
  curl_ok=$(node -e 'fetch(process.argv[1]).then(r=>process.stdout.write(String(r.ok))).catch(()=>process.stdout.write("false"))' "$url/healthz")
  [ "$curl_ok" = "true" ] && break
  sleep 0.2
done
if kill -0 "$server_pid" 2>/dev/null; then
  say "Crypto Stream is running at $url   (Ctrl-C to stop)"
fi
status=0
wait "$server_pid" || status=$?
server_pid=""
exit "$status"
