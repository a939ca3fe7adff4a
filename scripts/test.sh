#!/usr/bin/env bash
# The whole test suite, as the README and CI run it: prerequisites, build, every test, one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

# Headless Chromium renders the HTML reports in tests (Debian's package; no browser downloads).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing Debian's chromium for the HTML report tests…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
  else
    echo "test: chromium is missing; install it (apt-get install chromium) for the HTML report tests" >&2
  fi
fi

export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
# Tests must never reach a real AWS account, whatever the developer's shell has configured.
unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_DEFAULT_PROFILE
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true

echo "test: node $(node --version)" >&2
npx tsc -p tsconfig.build.json
rm -f .vitest.json
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.vitest.json "$@" || status=$?
if [ -f .vitest.json ]; then
  node -e 'const r=require("./.vitest.json");console.log(r.numPassedTests+" passed, "+r.numFailedTests+" failed, "+(r.numPendingTests+r.numTodoTests)+" skipped")'
else
  echo "0 passed, 1 failed, 0 skipped (the test runner did not finish)"
  status=1
fi
exit $status
