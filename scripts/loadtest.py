#!/usr/bin/env python
"""A small, bounded load generator for a local server (127.0.0.1 only).

Signs a user in by creating a session with Django's SessionStore in the same database the
server uses (so run it with the server's DATABASE_URL and SECRET_KEY), then lets N threads
request the given pages over keep-alive-less HTTP/1.1 (``http.client``) until either the
request budget or the time budget is spent. Reports requests per second, latency
percentiles and errors (any status other than 200, or a redirect to the login page).

Example (gunicorn on 127.0.0.1:8765, see docs/benchmarks.md):

    DEBUG=false SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/iop_national \\
        .venv/bin/python scripts/loadtest.py --port 8765 --threads 4 --seconds 20 \\
        --max-requests 4000 --user o4301-handlaggare
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import sys
import threading
import time
from pathlib import Path

HOST = "127.0.0.1"  # the only allowed target


def _django_setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop.settings")
    import django

    django.setup()


def signed_in_cookie(username: str) -> tuple[str, object]:
    """A session cookie for ``username``, made the way ``django.contrib.auth.login`` does."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.twofactor import SSO_SESSION_KEY
    from partnerships.models import User

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # Signed in through the identity provider, as municipalities sign in in production,
    # so the two-factor middleware lets the pages through (it still checks every request).
    session[SSO_SESSION_KEY] = "loadtest"
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}", user


def default_paths(user) -> list[str]:
    from django.urls import reverse

    from partnerships.selectors import agreements_visible_to

    agreement = agreements_visible_to(user).order_by("-period_start", "pk").first()
    paths = [reverse("partnerships:agreement_list")]
    if agreement is not None:
        paths.append(reverse("partnerships:agreement_detail", args=[agreement.pk]))
    return paths


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


def run(*, port, paths, cookie, threads, seconds, max_requests) -> dict:
    lock = threading.Lock()
    issued = 0
    results: dict[str, list[float]] = {path: [] for path in paths}
    errors: list[str] = []
    deadline = time.perf_counter() + seconds

    def worker(index: int) -> None:
        nonlocal issued
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        n = index
        while True:
            with lock:
                if issued >= max_requests or time.perf_counter() >= deadline:
                    break
                issued += 1
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie, "Host": HOST})
                response = conn.getresponse()
                response.read()
                elapsed = (time.perf_counter() - started) * 1000
                if response.status != 200:
                    with lock:
                        errors.append(f"{response.status} {path}")
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException) as error:
                conn.close()
                with lock:
                    errors.append(f"{type(error).__name__} {path}")
                continue
            with lock:
                results[path].append(elapsed)
        conn.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    everything = [t for times in results.values() for t in times]
    return {"wall": wall, "results": results, "all": everything, "errors": errors}


def report(outcome: dict, *, threads: int) -> str:
    lines = [
        f"{len(outcome['all'])} requests in {outcome['wall']:.1f} s with {threads} threads: "
        f"{len(outcome['all']) / outcome['wall']:.1f} requests/s, "
        f"{len(outcome['errors'])} errors.",
        "",
        "| page | requests | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rows = [*outcome["results"].items(), ("all", outcome["all"])]
    for path, times in rows:
        if not times:
            continue
        lines.append(
            f"| {path} | {len(times)} | {percentile(times, 50):.1f} | "
            f"{percentile(times, 95):.1f} | {percentile(times, 99):.1f} | {max(times):.1f} |"
        )
    if outcome["errors"]:
        lines += ["", "Errors (first 10): " + ", ".join(outcome["errors"][:10])]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--user", required=True, help="username to sign in as")
    parser.add_argument("--path", action="append", help="page(s); default: list + one agreement")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--max-requests", type=int, default=4000)
    args = parser.parse_args()
    if not (1 <= args.threads <= 16 and 0 < args.seconds <= 120 and 0 < args.max_requests <= 20000):
        parser.error("keep the load bounded: 1-16 threads, at most 120 s and 20000 requests")
    _django_setup()
    cookie, user = signed_in_cookie(args.user)
    paths = args.path or default_paths(user)
    from django.db import connections

    connections.close_all()
    # Warm-up: one request per page, each must be 200 (else the numbers mean nothing).
    for path in paths:
        conn = http.client.HTTPConnection(HOST, args.port, timeout=30)
        conn.request("GET", path, headers={"Cookie": cookie, "Host": HOST})
        response = conn.getresponse()
        response.read()
        conn.close()
        if response.status != 200:
            print(
                f"Warm-up: {path} answered {response.status}; is the server up, with the "
                "same DATABASE_URL and SECRET_KEY?",
                file=sys.stderr,
            )
            return 1
    outcome = run(
        port=args.port,
        paths=paths,
        cookie=cookie,
        threads=args.threads,
        seconds=args.seconds,
        max_requests=args.max_requests,
    )
    print(report(outcome, threads=args.threads))
    return 1 if outcome["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
