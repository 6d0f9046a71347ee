#!/usr/bin/env bash
# `make bench`: generate a province-sized illustrative data set on SQLite and on a throwaway
# PostgreSQL cluster, time the pages against their floors at 1/10 of the data and at all of
# it, run the Excel import and report benchmarks and a mixed read load with wrk, then write
# benchmarks/RESULTS.md and print it. About 20 minutes on a 2-core machine.
#
# Sizes (environment): BENCH_SQLITE_COUNTIES (40), BENCH_PG_COUNTIES (117), BENCH_REPEAT (20
# requests a page), BENCH_IMPORT_RUNS (3), BENCH_LOAD_SECONDS (10), BENCH_LOAD_RUNS (3).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export BENCH_SQLITE_COUNTIES=${BENCH_SQLITE_COUNTIES:-40}
export BENCH_PG_COUNTIES=${BENCH_PG_COUNTIES:-117}
tenth() { local n=$(( ($1 + 5) / 10 )); echo $(( n < 1 ? 1 : n )); }
export BENCH_SQLITE_SMALL=$(tenth "$BENCH_SQLITE_COUNTIES") BENCH_PG_SMALL=$(tenth "$BENCH_PG_COUNTIES")
export BENCH_REPEAT=${BENCH_REPEAT:-20}
BENCH_IMPORT_RUNS=${BENCH_IMPORT_RUNS:-3}
export BENCH_LOAD_SECONDS=${BENCH_LOAD_SECONDS:-10} BENCH_LOAD_RUNS=${BENCH_LOAD_RUNS:-3}
export BENCH_OUT=${BENCH_OUT:-$(mktemp -d /tmp/rixin-bench.XXXXXX)}
mkdir -p "$BENCH_OUT"
echo "bench run folder: $BENCH_OUT"

# As deployed (but for static files, see benchmarks/settings.py): no debug, persistent database connections, collected static files.
export DEBUG=0 SECRET_KEY=rixin-bench-only SECURE_SSL_REDIRECT=0 DB_CONN_MAX_AGE=60
export DJANGO_SETTINGS_MODULE=benchmarks.settings  # see benchmarks/settings.py
export ALLOWED_HOSTS=127.0.0.1,localhost,testserver STATIC_ROOT="$BENCH_OUT/static"
export RIXIN_VAR_DIR="$BENCH_OUT/var" LOG_LEVEL=ERROR
# The pages are timed uncached; benchmarks/bench_cache.py times the cockpit's hit and miss.
export RIXIN_FIGURE_CACHE_SECONDS=0
mkdir -p "$RIXIN_VAR_DIR"
$PY manage.py collectstatic --noinput -v 0

timed() {  # timed <name> <command…>: run it, append "<name> <seconds>" to timings.txt
  local name=$1 start=$SECONDS
  shift
  "$@"
  echo "$name $((SECONDS - start))" >> "$BENCH_OUT/timings.txt"
}
export -f timed

# SQLite: a file database in the run folder.
$PY manage.py migrate --noinput -v 0
timed generate_SQLite_1/10 $PY manage.py generate_scale --counties "$BENCH_SQLITE_SMALL"
$PY benchmarks/bench_pages.py --label small --repeat "$BENCH_REPEAT" --out "$BENCH_OUT/pages-sqlite-small.json"
timed generate_SQLite_all $PY manage.py generate_scale --counties "$BENCH_SQLITE_COUNTIES"
$PY benchmarks/bench_pages.py --label full --repeat "$BENCH_REPEAT" --out "$BENCH_OUT/pages-sqlite-full.json"
$PY benchmarks/bench_cache.py --label full --repeat "$BENCH_REPEAT" --out "$BENCH_OUT/cache-sqlite-full.json"
rm -f "$RIXIN_VAR_DIR"/rixin.sqlite3*

# PostgreSQL: the throwaway cluster of `make test`; pages at both sizes, then the load.
bash scripts/with-postgres.sh bash benchmarks/postgres.sh

# Excel import (SQLite test database, as the benchmark is written) and report generation.
for n in $(seq "$BENCH_IMPORT_RUNS"); do
  (unset DATABASE_URL; $PY benchmarks/bench_import.py > "$BENCH_OUT/import-$n.txt" 2>&1) \
    || echo "bench_import.py failed: see $BENCH_OUT/import-$n.txt"
done
(unset DATABASE_URL; $PY benchmarks/bench_import.py leads 100000 > "$BENCH_OUT/leads-1.txt" 2>&1) \
  || echo "bench_import.py leads failed: see $BENCH_OUT/leads-1.txt"
if [ -f benchmarks/bench_reports.py ]; then
  $PY benchmarks/bench_reports.py > "$BENCH_OUT/reports-1.txt" 2>&1 \
    || echo "bench_reports.py failed: see $BENCH_OUT/reports-1.txt"
else
  touch "$BENCH_OUT/reports-missing"
fi

$PY benchmarks/bench_matcher.py > "$BENCH_OUT/matcher.txt" 2>&1 || echo "bench_matcher.py failed: see $BENCH_OUT/matcher.txt"
echo "whole_bench $SECONDS" >> "$BENCH_OUT/timings.txt"
$PY benchmarks/meta.py "$BENCH_OUT"
$PY benchmarks/results.py "$BENCH_OUT" --previous benchmarks/RESULTS.md --write benchmarks/RESULTS.md
echo "written: benchmarks/RESULTS.md (run folder $BENCH_OUT)"
