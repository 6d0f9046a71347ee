#!/usr/bin/env bash
# The PostgreSQL half of scripts/bench.sh, run inside scripts/with-postgres.sh (DATABASE_URL
# names a database of a fresh throwaway cluster; it is created here).
set -euo pipefail
PY=${PY:-.venv/bin/python}
$PY - <<'PYTHON'
import os, urllib.parse, psycopg
url = urllib.parse.urlparse(os.environ["DATABASE_URL"])
with psycopg.connect(host=url.hostname, port=url.port, user=url.username, dbname="postgres", autocommit=True) as c:
    c.execute(f'CREATE DATABASE "{url.path.lstrip("/")}"')
PYTHON
$PY manage.py migrate --noinput -v 0
timed generate_PostgreSQL_1/10 $PY manage.py generate_scale --counties "$BENCH_PG_SMALL"
$PY manage.py dbshell -- -c "ANALYZE" > /dev/null
$PY benchmarks/bench_pages.py --label small --repeat "$BENCH_REPEAT" --out "$BENCH_OUT/pages-postgresql-small.json"
timed generate_PostgreSQL_all $PY manage.py generate_scale --counties "$BENCH_PG_COUNTIES"
$PY manage.py dbshell -- -c "ANALYZE" > /dev/null
$PY manage.py dbshell -- -At -c "SELECT pg_database_size(current_database())" > "$BENCH_OUT/pg-size.txt"
$PY benchmarks/bench_pages.py --label full --repeat "$BENCH_REPEAT" --out "$BENCH_OUT/pages-postgresql-full.json"
$PY benchmarks/bench_cache.py --label full --repeat "$BENCH_REPEAT" --out "$BENCH_OUT/cache-postgresql-full.json"
$PY benchmarks/bench_load.py --seconds "$BENCH_LOAD_SECONDS" --runs "$BENCH_LOAD_RUNS" --out "$BENCH_OUT/load.json"
# The same load with the figure cache on, as a deployment runs it.
RIXIN_FIGURE_CACHE_SECONDS=3600 $PY benchmarks/bench_load.py --seconds "$BENCH_LOAD_SECONDS" \
  --runs "$BENCH_LOAD_RUNS" --out "$BENCH_OUT/load-cached.json"
