"""Smoke test of a running stack (``scripts/stack --smoke``): real HTTP against gunicorn,
a real background render by the worker. Loads the demo into the (scratch) database."""

import http.cookiejar
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

from django.core.management import call_command
from django.utils import timezone

from documents.annual_jobs import annual_report_request, annual_report_status
from documents.models import AnnualReportJob
from partnerships.demo import DEMO_PASSWORD
from partnerships.models import Board, User


class SmokeFailure(Exception):
    """A check of the running stack failed; the message is Swedish."""


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(f"Röktest misslyckades: {message}")


def check_http(base_url: str) -> None:
    """/healthz, the login page, a login as board staff and the agreement list."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def get(path: str) -> tuple[int, str]:
        try:
            with opener.open(base_url + path, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    status, body = get("/healthz")
    _expect(status == 200 and '"up"' in body, f"/healthz gav {status}: {body[:200]}")
    status, body = get("/logga-in/")
    _expect(status == 200 and "Logga in" in body, f"inloggningssidan gav {status}")
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode(
        {"username": "namndsekreterare", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": csrf}
    ).encode()
    request = urllib.request.Request(
        base_url + "/logga-in/", data=data, headers={"Referer": base_url + "/logga-in/"}
    )
    with opener.open(request, timeout=10) as response:
        _expect(response.status == 200, f"inloggningen gav {response.status}")
    status, body = get("/overenskommelser/")
    _expect(status == 200 and "Social gemenskap" in body, f"listan gav {status} efter inloggning")


def check_worker(timeout: float) -> None:
    """The worker renders an annual report within ``timeout`` seconds."""
    user = User.objects.get(username="namndsekreterare")
    board = Board.objects.get(name="Social- och omsorgsnämnden")
    AnnualReportJob.objects.filter(board=board).exclude(status=AnnualReportJob.Status.DONE).delete()
    job = annual_report_request(user=user, board=board, year=timezone.localdate().year)
    deadline = time.monotonic() + timeout
    state = ""
    while time.monotonic() < deadline:
        job.refresh_from_db()
        state = annual_report_status(job)
        if state in ("done", "failed"):
            break
        time.sleep(0.5)
    _expect(job.document_id is not None, f"årsrapporten blev inte klar ({state})")


def run(base_url: str, timeout: float, say: Callable[[str], None]) -> None:
    call_command("seed_demo", verbosity=0)
    check_http(base_url)
    say("HTTP: /healthz, inloggning och överenskommelselistan svarar.")
    check_worker(timeout)
