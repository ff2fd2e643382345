#!/usr/bin/env bash
# The Dockerfile's steps without Docker (no daemon and no container registry
# on the CI machine): a production install of the built app in a copy, as the
# image's runtime stage holds it, then
#   1. the development-only packages are absent;
#   2. local mode stops with a message naming how to get them;
#   3. azure mode starts and answers GET /healthz, against a local
#      Cosmos-compatible server (from this checkout's full install);
#   4. the CLI reads a plan.
# Needs `npm ci` and `npm run build` done in this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
[ -f dist/app/server.js ] || npm run build
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

cp -r package.json package-lock.json .npmrc dist bin cards manifest examples "$work"/
mkdir "$work/scripts" && cp scripts/*.js "$work/scripts/"
[ -d patches ] && cp -r patches "$work/"
(cd "$work" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
echo "production install: $(du -sm "$work/node_modules" | cut -f1) MB of node_modules (a full install here: $(du -sm node_modules | cut -f1) MB)"

for dev in @microsoft/m365agentsplayground @vercel/cosmosdb-server typescript vitest; do
  if [ -e "$work/node_modules/$dev" ]; then echo "FAIL: $dev is in the production install"; exit 1; fi
done

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

set +e
local_out=$(cd "$work" && env -i PATH="$PATH" HOME="$HOME" PORT="$(free_port)" node dist/app/server.js 2>&1)
local_code=$?
set -e
if [ "$local_code" -ne 2 ] || ! grep -q "is a development dependency and this is a production install" <<<"$local_out"; then
  echo "FAIL: local mode in a production install should stop (exit 2) naming the missing development dependency; got exit $local_code:"
  echo "$local_out"
  exit 1
fi
echo "local mode without the development dependencies: exit 2, \"$(head -c 120 <<<"$local_out")…\""

cosmos_port=$(free_port)
node "$repo/node_modules/@vercel/cosmosdb-server/lib/cli.js" -p "$cosmos_port" --host 127.0.0.1 --no-ssl >/dev/null 2>&1 &
pids+=($!)
bot_port=$(free_port)
sleep 1
# Azure mode creates nothing by itself: the store is set up once, as an operator would (docs/data.md).
(cd "$work" && env -i PATH="$PATH" HOME="$HOME" COSMOS_ENDPOINT="http://127.0.0.1:$cosmos_port" COSMOS_DATABASE=production-check \
  node bin/partnership-actions.js setup >/dev/null)
(
  cd "$work"
  exec env -i PATH="$PATH" HOME="$HOME" NODE_ENV=production HOST=127.0.0.1 PORT="$bot_port" \
    COSMOS_ENDPOINT="http://127.0.0.1:$cosmos_port" COSMOS_DATABASE=production-check \
    MicrosoftAppId=11111111-2222-4333-8444-555555555555 MicrosoftAppTenantId=66666666-7777-4888-9999-000000000000 \
    MicrosoftAppPassword=not-a-real-secret REPORT_LINK_SECRET=production-check-report-link-secret-0123456789 \
    PUBLIC_BASE_URL=https://actions.example.org TICK_SECRET=production-check-tick-secret-0123456789abcdef \
    node dist/app/server.js
) >"$work/server.out" 2>"$work/server.err" &
pids+=($!)
health=""
for _ in $(seq 1 600); do
  health=$(node -e "fetch('http://127.0.0.1:$bot_port/healthz').then(async (r) => { if (r.ok) console.log(await r.text()) }, () => {})")
  [ -n "$health" ] && break
  sleep 0.2
done
if ! grep -q '"store":"cosmos"' <<<"$health"; then
  echo "FAIL: azure mode in the production install did not answer GET /healthz in 120 s"
  cat "$work/server.out" "$work/server.err"
  exit 1
fi
echo "azure mode from the production install: GET /healthz $health"

(cd "$work" && node bin/partnership-actions.js import examples/purbeck-2017-18.txt --dry-run >/dev/null)
echo "CLI import --dry-run from the production install: ok"
echo "production install check: passed"
