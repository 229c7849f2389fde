#!/usr/bin/env bash
# Scans a running HealthAccord for injection and other web vulnerabilities with Debian's sqlmap and wapiti.
#   1. installs sqlmap and wapiti through apt-get where missing;
#   2. builds the web project and makes a throw-away SQLite database: the real seed (the ten partnerships), plus the
#      Wolfson Foundation's 360Giving sample grants from ../shared/data so the grant search has something to find;
#   3. serves it on 127.0.0.1:$SCAN_PORT with the rate limits off (the scanners send thousands of requests a minute;
#      with the limits on they would mostly see 429s and test nothing);
#   4. runs sqlmap in batch mode against the list, search and detail endpoints of the API and the pages, every query
#      parameter and the path segment of each detail route;
#   5. crawls and attacks the site with wapiti (its default modules plus CSRF, methods, backup files and CRLF;
#      not ssrf, which needs wapiti's public callback server);
#   6. writes everything to $SCAN_DIR and ends with a summary (also in $SCAN_DIR/summary.txt).
# Slow (tens of minutes), so ./test.sh does not run it. Exits non-zero when sqlmap finds an injectable parameter or
# wapiti reports a vulnerability not listed in security/accepted-findings.tsv (anomalies and informational findings
# are listed, not failed on).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${SCAN_PORT:-5399}"
out="${SCAN_DIR:-$PWD/security/results/$(date -u +%Y%m%dT%H%M%SZ)}"
data="${HEALTHACCORD_DATA:-$PWD/../shared/data}"
base="http://127.0.0.1:$port"
mkdir -p "$out"

missing=()
command -v sqlmap >/dev/null 2>&1 || missing+=(sqlmap)
command -v wapiti >/dev/null 2>&1 || missing+=(wapiti)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dotnet build src/HealthAccord.Web --nologo -v q -c Release -o "$out/app" >"$out/build.log"
work=$(mktemp -d /tmp/healthaccord-scan.XXXXXX)
db="Data Source=$work/scan.db"
app() { dotnet "$out/app/HealthAccord.Web.dll" "$@" --ConnectionStrings:HealthAccord="$db"; }
app seed >"$out/seed.log"
app import "$data/360giving-grantnav-samples/wolfson.json" --format 360giving-json --date-format dd/MM/yyyy >"$out/import.log"

if curl -s -o /dev/null "$base/" 2>/dev/null; then echo "something already answers on $base; choose another SCAN_PORT" >&2; exit 1; fi
# Started directly (not through the function above), so $! is the server itself and the trap below stops it.
dotnet "$out/app/HealthAccord.Web.dll" --urls "$base" --ConnectionStrings:HealthAccord="$db" \
  --RateLimiting:Api:PerAddressPerMinute=0 --RateLimiting:Api:PerTokenPerMinute=0 \
  --RateLimiting:SignIn:PerAddressPerMinute=0 >"$out/server.log" 2>&1 &
server=$!
stop() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT
# Ready when the search index (built in the background at the first start) answers with grants.
for _ in $(seq 1 120); do
  if curl -fs "$base/api/v1/grants?q=research&pageSize=1" 2>/dev/null | grep -q '"total":[1-9]'; then break; fi
  sleep 1
done
curl -fs "$base/api/v1/grants?q=research&pageSize=1" | grep -q '"total":[1-9]' || { echo "the site did not start with grants; see $out/server.log" >&2; exit 1; }

# Real ids and values from this database, so the detail routes answer 200 and the filters match something.
json() { python3 -c "import json,sys; print($1)"; }
grant=$(curl -fs "$base/api/v1/grants?q=research&pageSize=1" | json 'json.load(sys.stdin)["items"][0]["id"]')
organisation=$(curl -fs "$base/api/v1/organisations?pageSize=1" | json 'json.load(sys.stdin)["items"][0]["id"]')
agreement=$(curl -fs "$base/api/v1/agreements?pageSize=1" | json 'json.load(sys.stdin)["items"][0]["id"]')
goal=$(curl -fs "$base/api/v1/goals?pageSize=1" | json 'json.load(sys.stdin)["items"][0]["id"]')

# A * marks a path segment for sqlmap to inject into; query parameters are all tested.
targets=(
  "$base/api/v1/grants?q=research&country=GB&sort=relevance&page=1&pageSize=10&facetLimit=10"
  "$base/api/v1/grants?funder=wolfson&recipient=university&year=2019&currency=GBP&amountBand=250k-1m&partnership=glopid-r&pathogen=nipah&hrcs=018&live=false"
  "$base/api/v1/grants/$grant*"
  "$base/api/v1/grants/export?format=csv&q=research&country=GB"
  "$base/api/v1/partnerships?q=health&theme=infectious&euRole=member&country=FR&page=1&pageSize=10"
  "$base/api/v1/partnerships/glopid-r*"
  "$base/api/v1/organisations?q=research&type=funder&country=FR&partnership=glopid-r&page=1&pageSize=10"
  "$base/api/v1/organisations/$organisation*"
  "$base/api/v1/agreements?q=cooperation&kind=memorandumOfUnderstanding&status=active&partnership=glopid-r&country=FR"
  "$base/api/v1/agreements/$agreement*"
  "$base/api/v1/memberships?partnership=glopid-r&country=FR&role=member&current=true"
  "$base/api/v1/goals/$goal*"
  "$base/api/v1/countries?q=ken&region=Africa&active=true"
  "$base/api/v1/countries/ke*"
  "$base/api/v1/partnerships/glopid-r/history?page=1&pageSize=10"
  "$base/grants?q=research&country=GB&year=2019&sort=relevance"
  "$base/grants/$grant*"
  "$base/partnerships?q=health&country=FR"
  "$base/organisations?q=research&country=FR"
  "$base/agreements?q=cooperation"
  "$base/countries?q=ken"
)
sqlmap_version=$(sqlmap --version 2>/dev/null | head -n 1)
: >"$out/sqlmap.log"
for url in "${targets[@]}"; do
  echo "=== $url" >>"$out/sqlmap.log"
  sqlmap -u "$url" --batch --level=2 --risk=1 --threads=4 --flush-session --disable-coloring \
    --output-dir="$out/sqlmap" >>"$out/sqlmap.log" 2>&1 || echo "sqlmap exited $? for $url" >>"$out/sqlmap.log"
done
injectable=$(grep -c "is vulnerable\|appears to be injectable\|sqlmap identified the following injection point" "$out/sqlmap.log" || true)
clean=$(grep -c "do not appear to be injectable" "$out/sqlmap.log" || true)
# sqlmap's heuristics flag a parameter whenever two values give different pages (a search for other words finds other
# records); it then tests each candidate for a real injection and reports the ones that fail as false positives.
rejected=$(grep -c "false positive or unexploitable injection point detected" "$out/sqlmap.log" || true)

wapiti_version=$(wapiti --version 2>&1 | grep -o 'Wapiti [0-9.]*' | head -n 1 || true)
wapiti -u "$base/" --scope folder --flush-session --max-scan-time 900 --max-attack-time 120 \
  --max-links-per-page 40 --max-files-per-dir 60 -d 4 \
  -m "backup,blindsql,cookieflags,crlf,csp,csrf,exec,file,htaccess,http_headers,methods,permanentxss,redirect,sql,xss,xxe" \
  -f json -o "$out/wapiti.json" >"$out/wapiti.log" 2>&1 || echo "wapiti exited $?" >>"$out/wapiti.log"

python3 - "$out" "$sqlmap_version" "$wapiti_version" "$injectable" "$clean" "${#targets[@]}" "$rejected" <<'PY' | tee "$out/summary.txt"
import json, sys, datetime
out, sqlmap_version, wapiti_version, injectable, clean, targets, rejected = sys.argv[1:8]
report = json.load(open(f"{out}/wapiti.json"))
print(f"HealthAccord security scan, {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
print(f"sqlmap {sqlmap_version}: {targets} targets; injectable parameters found: {injectable}; "
      f"targets reported 'do not appear to be injectable': {clean}; heuristic candidates sqlmap itself rejected "
      f"as false positives: {rejected}")
info = report.get("infos", {})
print(f"{wapiti_version}: crawled {info.get('crawled_pages_nbr', '?')} resources")
for section in ("vulnerabilities", "anomalies", "additionals"):
    found = {name: items for name, items in report.get(section, {}).items() if items}
    print(f"  {section}: {sum(len(i) for i in found.values())}")
    for name, items in found.items():
        for item in items:
            print(f"    - {name}: {item.get('info', '').strip()} [{item.get('method', '')} {item.get('path', '')}"
                  f"{'?' + item['parameter'] if item.get('parameter') else ''}]")
PY
# Every wapiti finding must be either fixed or listed, with its reason, in security/accepted-findings.tsv (and
# explained in SECURITY.md); any finding not listed there fails the scan.
unaccepted=$(python3 - "$out/wapiti.json" security/accepted-findings.tsv <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
accepted = [line.rstrip("\n").split("\t")[:2] for line in open(sys.argv[2])
            if line.strip() and not line.startswith("#")]
count = 0
for name, items in report["vulnerabilities"].items():
    for item in items:
        info = item.get("info", "").strip()
        if any(name == category and info.startswith(prefix) for category, prefix in accepted):
            continue
        count += 1
        print(f"not accepted: {name}: {info}", file=sys.stderr)
print(count)
PY
)
echo "wapiti findings not in security/accepted-findings.tsv: $unaccepted" | tee -a "$out/summary.txt"
[ "$injectable" -eq 0 ] && [ "$unaccepted" -eq 0 ]
