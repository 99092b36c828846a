"""Reliability checks of the IOP register against a throwaway PostgreSQL cluster.

Run through ``scripts/reliability_check`` (see there), that is ``python -m tools.reliability``;
split by topic: ``base`` (the cluster), ``restart``, ``backup``. Two checks:

``restart``
    The app (gunicorn, one sync worker, on 127.0.0.1) is started against the cluster and
    a signed-in session. The cluster is stopped: ``/healthz`` must answer 503 and a page
    must fail cleanly (500, the Swedish error page, nothing internal). The cluster is
    started again: ``/healthz`` 200 and pages work, without restarting the app. Run with
    ``CONN_MAX_AGE=0`` (the default), with persistent connections and
    ``CONN_HEALTH_CHECKS=True`` (both: no failed request once the database is back), and
    with persistent connections without health checks (at most one failed request per
    worker, the one that finds the dead connection).

``backup``
    Migrate and seed the demo into a database, take row counts, a checksum of every
    table's content and the money totals, ``scripts/backup``, ``scripts/restore`` into a
    fresh empty database, and compare. ``scripts/restore`` must refuse a non-empty one.

The cluster lives in a temporary directory on a free port (from 55432) and is stopped and
removed afterwards, whatever happens.
"""

from __future__ import annotations

import subprocess
import sys

from .backup import check_backup
from .base import SKIP, Checks, Cluster, log, missing_requirements
from .restart import check_restart

__all__ = ["main", "missing_requirements"]


def main(argv: list[str]) -> int:
    wanted = argv[1:] or ["restart", "backup"]
    unknown = set(wanted) - {"restart", "backup"}
    if unknown:
        print(f"unknown check(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    reason = missing_requirements()
    if reason:
        print(f"SKIP: {reason}", file=sys.stderr)
        return SKIP
    checks = Checks()
    cluster = Cluster()
    log(
        f"throwaway PostgreSQL {cluster.bin.parent.name} "
        f"on 127.0.0.1:{cluster.port} in {cluster.dir}"
    )
    try:
        cluster.init()
        if "restart" in wanted:
            check_restart(cluster, checks)
        if "backup" in wanted:
            check_backup(cluster, checks)
    except subprocess.CalledProcessError as error:
        checks.failures.append(f"{error.cmd}: {error.stderr or error.stdout}")
        print(f"FAIL: {error.cmd}\n{error.stdout}\n{error.stderr}", file=sys.stderr)
    finally:
        cluster.destroy()
    if checks.failures:
        print(f"FAILED: {len(checks.failures)} check(s)", file=sys.stderr)
        return 1
    log("reliability checks passed")
    return 0
