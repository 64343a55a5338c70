#!/usr/bin/env bash
# npm run test:e2e — the end-to-end proof in real editors:
#   1. scripts/e2e/setup.sh  (installs Chromium, Neovim, code-server…; quick when present)
#   2. npm run build         (dist/server.cjs, dist/server-browser.js, dist/client*.js)
#   3. npm run package       (the .vsix, with @vscode/vsce)
#   4. the tests in test/e2e (vitest, one editor at a time), screenshots in test-results/
# Arguments go to vitest, e.g. `npm run test:e2e -- -t "quick fix"` or a test file.
# E2E_VSIX=path.vsix tests that package instead of the newest *.vsix in the project root;
# E2E_DOCS_SCREENSHOT=1 also copies the suite's editor screenshot to docs/images/editor.png.
set -euo pipefail
cd "$(dirname "$0")/../.."

step() { printf '\n[e2e] %s\n' "$*"; }
t0=$(date +%s)

step "setup"
bash scripts/e2e/setup.sh

step "npm run build"
npm run --silent build

if [ -z "${E2E_VSIX:-}" ]; then
  step "npm run package"
  if node -e 'process.exit(require("./package.json").scripts?.package ? 0 : 1)'; then
    # A stale package must not pass for the new one: drop the old ones first.
    rm -f ./*.vsix
    npm run --silent package
  else
    echo "[e2e] package.json has no \"package\" script: the VS Code tests will fail (no .vsix)"
  fi
fi

step "tests"
rm -rf test-results/vscode-* test-results/smoke-* test-results/web-worker-* test-results/neovim-* test-results/editor.png
status=0
npx vitest run -c test/e2e/vitest.config.ts "$@" || status=$?
step "done in $(( $(date +%s) - t0 )) s; screenshots in test-results/"
exit $status
