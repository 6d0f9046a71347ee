#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster: initdb in a temporary folder, a
# free port on 127.0.0.1, DATABASE_URL exported; stopped and removed afterwards, also when
# the command fails. initdb refuses root, so as root the cluster runs as `postgres`.
set -euo pipefail
bindir=""
for candidate in "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent)")" /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir=$(readlink -f "$candidate"); break; fi
done
if [ -z "$bindir" ]; then
  echo "PostgreSQL binaries (initdb, pg_ctl) not found: skipping the PostgreSQL run; SQLite only."
  exit 0
fi
tmp=$(mktemp -d /tmp/rixin-pg.XXXXXX)
chmod 755 "$tmp"
as_owner=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$tmp"
  as_owner=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
cleanup() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
"${as_owner[@]}" "$bindir/initdb" -D "$tmp/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_owner[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway cluster in $tmp)"
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/rixin"
set +e
"$@"
status=$?
set -e
exit $status
