#!/usr/bin/env bash
# Everything CI checks, in one command (CI runs it through .ci/run):
#   1. installs what the tests need where the machine lacks it: Debian's chromium (driven by Playwright),
#      and nodejs/npm only if missing;
#   2. installs the pinned npm tools (tools/package-lock.json) and lints openapi/v1.json with Spectral;
#   3. restores, builds and runs every test project once (dotnet test), with TRX results in $RESULTS_DIR; the
#      360Giving export tests validate their files with ajv-cli from those tools, and must not skip for want of it;
#   4. checks that building did not change the committed OpenAPI document;
#   5. checks code style with dotnet format;
#   6. ends with one line, "N passed, N failed, N skipped", summed over all test projects.
# Exits non-zero when anything failed. Screenshots of failed browser tests go to $RESULTS_DIR/artifacts.
set -euo pipefail
cd "$(dirname "$0")"

results="${RESULTS_DIR:-$PWD/TestResults}"
rm -rf "$results"
mkdir -p "$results"

# 1. System packages, installed only when missing (apt-get update only then, and once).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# PostgreSQL: a private throw-away cluster on its own port, so the provider's migrations and queries are tested
# for real; the PostgreSQL tests skip themselves when HEALTHACCORD_TEST_POSTGRES is not set (plain dotnet test).
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port=${HEALTHACCORD_PG_PORT:-55432}
pg_dir=$(mktemp -d /tmp/healthaccord-pg.XXXXXX)
chmod 755 "$pg_dir"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
stop_pg() { as_postgres "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
as_postgres "'$pg_bin/initdb' -D '$pg_dir/data' -U postgres --auth=trust -E UTF8 --no-locale" >/dev/null
as_postgres "'$pg_bin/pg_ctl' -D '$pg_dir/data' -o \"-p $pg_port -k '$pg_dir' -c listen_addresses=127.0.0.1 -c fsync=off\" -w -l '$pg_dir/log' start" >/dev/null
export HEALTHACCORD_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"

# 2. npm tools, reinstalled only when the lock file changed; install scripts are not needed and not run.
if ! cmp -s tools/package-lock.json tools/node_modules/.installed-package-lock.json; then
  npm ci --prefix tools --ignore-scripts --no-audit --no-fund --loglevel=error
  cp tools/package-lock.json tools/node_modules/.installed-package-lock.json
fi
tools/node_modules/.bin/spectral lint openapi/v1.json --ruleset .spectral.yaml --fail-severity error

# 3. The build regenerates openapi/v1.json, so keep the committed copy for step 4.
cp openapi/v1.json "$results/openapi-v1.committed.json"
status=0
TEST_ARTIFACTS_DIR="$results/artifacts" HEALTHACCORD_REQUIRE_AJV=1 dotnet test HealthAccord.slnx --nologo \
  --logger trx --results-directory "$results" || status=$?

# 4. A changed document means the API changed without the committed description (and its lint) following.
if ! cmp -s openapi/v1.json "$results/openapi-v1.committed.json"; then
  echo "openapi/v1.json changed when the web project was built: commit the regenerated document." >&2
  diff -u "$results/openapi-v1.committed.json" openapi/v1.json | head -40 >&2 || true
  status=1
fi

# 5. Code style as .editorconfig sets it (whitespace, usings, naming); fails on any file that would change.
if ! dotnet format HealthAccord.slnx --verify-no-changes --no-restore >"$results/format.log" 2>&1; then
  echo "dotnet format found files that do not follow .editorconfig; run 'dotnet format HealthAccord.slnx':" >&2
  grep -E "error|warning" "$results/format.log" | head -20 >&2 || true
  status=1
fi

# 6. One line for every test project together, from the TRX counters. VSTest leaves skipped tests out of
#    "executed" without counting them anywhere else, so skipped = total - executed.
passed=0 failed=0 skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  count() { local n; n=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"); echo "${n:-0}"; }
  passed=$((passed + $(count passed)))
  failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count total) - $(count executed)))
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
