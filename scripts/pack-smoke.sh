#!/usr/bin/env bash
# The published package works on its own: pack it, install the tarball into an empty folder, run it.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
echo "pack-smoke: $(du -h "$work/$tarball" | cut -f1) $tarball"
mkdir -p "$work/app"
cd "$work/app"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$work/$tarball"
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
npx gatehouse --help | head -n 3
npx gatehouse --version
cp node_modules/gatehouse-aws/examples/startup.yaml gatehouse.yaml
npx gatehouse validate
test -s node_modules/gatehouse-aws/schema/gatehouse.schema.json
node --input-type=module -e "const g = await import('gatehouse-aws'); if (typeof g.loadConfig !== 'function') { console.error('library entry lacks loadConfig'); process.exit(1); } console.log('pack-smoke: library entry ok');"
npx gatehouse sandbox create --scenario day1 --state day1.json >/dev/null
npx gatehouse plan --sandbox day1.json --detailed-exitcode >/dev/null
echo "pack-smoke: ok"
