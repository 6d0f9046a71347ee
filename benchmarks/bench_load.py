"""Throughput of a mixed read load against gunicorn (2 workers, loopback only), beside the
same server's minimal Django view (/healthz: one ``SELECT 1``), with wrk.

    .venv/bin/python benchmarks/bench_load.py --out results/load.json [--seconds 10] [--runs 3]

Run it against the database the pages were benchmarked on (the PostgreSQL one in
``make bench``). Logged-in pages carry a session cookie made here for the benchmark users.
Every response that is not HTTP 200 counts as an error (a redirect to the login page would
otherwise pass for a page).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rixin.settings")

LUA = """
local paths = {%(paths)s}
local cookies = {%(cookies)s}
local i = 0
local bad = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["Cookie"] = "sessionid=" .. cookies[i]})
end
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("bad_status %%d\\n", bad))
end
"""
HEALTH_LUA = """
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("bad_status %d\\n", bad))
end
"""


def sessions() -> list[tuple[str, str]]:
    """(path, session key) of each page of the mix, from bench_pages' page list."""
    import django

    django.setup()
    import bench_pages

    ctx = bench_pages.context()
    keys = {}
    mix = []
    for page in bench_pages._pages():
        if not bench_pages.available(page, ctx):
            continue
        if page.user not in keys:
            client = bench_pages.client_for(bench_pages.bench_user(page.user))
            keys[page.user] = client.cookies["sessionid"].value
        mix.append((page.url(ctx), keys[page.user]))
    return mix


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url}")


def wrk(url: str, script: Path, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    socket_errors = (
        sum(
            int(n)
            for n in re.findall(
                r"(?:connect|read|write|timeout) (\d+)", out.split("Socket errors:")[-1]
            )
        )
        if "Socket errors:" in out
        else 0
    )
    bad = int(re.search(r"bad_status (\d+)", out).group(1))
    return {"rate": rate, "requests": requests, "errors": socket_errors + bad, "raw": out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()

    mix = sessions()
    work = Path(tempfile.mkdtemp(prefix="rixin-load-"))
    mixed_lua, health_lua = work / "mixed.lua", work / "health.lua"
    mixed_lua.write_text(
        LUA
        % {
            "paths": ", ".join(json.dumps(path) for path, _k in mix),
            "cookies": ", ".join(json.dumps(key) for _p, key in mix),
        }
    )
    health_lua.write_text(HEALTH_LUA)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "rixin.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            str(work / "gunicorn.log"),
        ],
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        wait_for(f"{base}/healthz")
        runs = {"minimal": [], "mixed": []}
        for _ in range(args.runs):
            runs["minimal"].append(
                wrk(f"{base}/healthz", health_lua, args.seconds, args.connections)
            )
            runs["mixed"].append(wrk(base, mixed_lua, args.seconds, args.connections))
            print(
                f"load: /healthz {runs['minimal'][-1]['rate']:.1f} req/s, "
                f"mixed {runs['mixed'][-1]['rate']:.1f} req/s, "
                f"errors {runs['minimal'][-1]['errors'] + runs['mixed'][-1]['errors']}"
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    result = {
        "workers": 2,
        "connections": args.connections,
        "seconds": args.seconds,
        "mix": [path for path, _k in mix],
        "runs": {
            k: [{x: r[x] for x in ("rate", "requests", "errors")} for r in v]
            for k, v in runs.items()
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
