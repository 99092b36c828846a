"""The app keeps serving across a database restart (see the package's docstring)."""

from __future__ import annotations

import http.client
import subprocess
import time
from pathlib import Path

from .base import GUNICORN, LEAKS, ROOT, Checks, Cluster, django_env, free_port, log, manage

SESSION_SNIPPET = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from partnerships.models import Organisation, User
org, _ = Organisation.objects.get_or_create(name="Driftkontroll kommun", sector="public")
user, _ = User.objects.get_or_create(
    username="driftkontroll", defaults={"organisation": org, "role": "administrator"})
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


class App:
    """gunicorn with one sync worker: one process, so 'not restarted' is easy to see."""

    def __init__(self, database_url: str, workdir: Path) -> None:
        self.port = free_port(18400)
        self.log = open(workdir / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "iop.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=django_env(database_url),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("/healthz")
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn exited; see " + self.log.name) from None
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer")

    def get(self, path: str, session: str = "") -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if session:
            headers["Cookie"] = f"sessionid={session}"
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, body

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


PAGE = "/overenskommelser/"


def _until_ok(app, session) -> tuple[int, int]:
    """(the last status, how many requests failed) of up to five tries of the page."""
    failed = 0
    for _ in range(5):
        status, _ = app.get(PAGE, session)
        if status == 200:
            break
        failed += 1
    return status, failed


def restart_mode(
    cluster: Cluster, checks: Checks, name: str, options: str, max_failed_after_restart: int
) -> None:
    log(f"restart: {name}")
    url = cluster.url("iop_restart", options)
    session = manage(url, "shell", "-c", SESSION_SNIPPET).strip().splitlines()[-1]
    app = App(url, cluster.dir)
    try:
        pid = app.process.pid
        status, body = app.get("/healthz")
        checks.expect(status == 200 and '"database": "up"' in body, f"/healthz 200 up ({status})")
        status, body = app.get(PAGE, session)
        checks.expect(status == 200 and "Överenskommelser" in body, f"{PAGE} 200 ({status})")

        cluster.stop()
        status, body = app.get("/healthz")
        checks.expect(
            status == 503 and '"database": "down"' in body,
            f"database stopped: /healthz 503 ({status})",
        )
        status, body = app.get(PAGE, session)
        checks.expect(status == 500, f"database stopped: {PAGE} 500 ({status})")
        checks.expect("Ett fel uppstod" in body, "database stopped: the Swedish error page")
        leaked = [word for word in LEAKS if word in body]
        checks.expect(not leaked, f"database stopped: nothing internal in the page {leaked}")
        status, _ = app.get("/logga-in/")
        checks.expect(status in (200, 500), f"database stopped: login page {status}, no hang")

        cluster.start()
        page_status, failed = _until_ok(app, session)
        status, body = app.get("/healthz")
        checks.expect(status == 200, f"database back: /healthz 200 ({status})")
        checks.expect(page_status == 200, f"database back: {PAGE} 200 ({page_status})")
        checks.expect(
            failed <= max_failed_after_restart,
            f"database back: {failed} failed page request(s) before it worked "
            f"(at most {max_failed_after_restart})",
        )

        # A restart between two requests: a persistent connection is now dead without any
        # request having noticed. Health checks find it before use; without them the
        # first request fails and Django drops the connection.
        cluster.stop()
        cluster.start()
        page_status, failed = _until_ok(app, session)
        checks.expect(
            page_status == 200 and failed <= max_failed_after_restart,
            f"restart between requests: {failed} failed page request(s) before it worked "
            f"(at most {max_failed_after_restart})",
        )
        checks.expect(
            app.process.poll() is None and app.process.pid == pid,
            "the app was not restarted (same gunicorn process)",
        )
    finally:
        app.stop()
        if not cluster.running:
            cluster.start()


def check_restart(cluster: Cluster, checks: Checks) -> None:
    cluster.createdb("iop_restart")
    manage(cluster.url("iop_restart"), "migrate", "--no-input", "-v", "0")
    restart_mode(cluster, checks, "CONN_MAX_AGE=0 (default: a connection per request)", "", 0)
    restart_mode(
        cluster,
        checks,
        "CONN_MAX_AGE=60 with CONN_HEALTH_CHECKS=True",
        "?conn_max_age=60&conn_health_checks=True",
        0,
    )
    restart_mode(
        cluster,
        checks,
        "CONN_MAX_AGE=60 without health checks (one request may fail)",
        "?conn_max_age=60",
        1,
    )
