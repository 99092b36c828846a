"""Render each document kind N times and print the median time (not a test).

Uses the first agreement (or ``--agreement``) and its memos; creates nothing. With an
empty database, run ``manage.py seed_demo`` first.
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError

from documents import builders
from documents.models import Memo
from partnerships.models import Agreement


class Command(BaseCommand):
    help = "Renders each document kind N times and prints median render times."

    def add_arguments(self, parser):
        parser.add_argument("-n", "--times", type=int, default=10)
        parser.add_argument("--agreement", type=int, help="Agreement id (default: first).")

    def handle(self, *args, times: int, agreement: int | None, **options):
        if times < 1:
            raise CommandError("--times must be at least 1")
        qs = Agreement.objects.order_by("pk")
        chosen = qs.filter(pk=agreement).first() if agreement else qs.first()
        if chosen is None:
            raise CommandError("No agreement to render; run manage.py seed_demo first.")
        jobs = [
            ("agreement", lambda: builders.agreement_snapshot(chosen.pk)),
        ]
        for memo in Memo.objects.filter(agreement=chosen).order_by("kind"):
            jobs.append((memo.document_kind, lambda memo=memo: builders.memo_snapshot(memo.pk)))
        # Warm up (font parsing, template loading) once, outside the measurement.
        builders.render_snapshot(jobs[0][1]())
        self.stdout.write(f"Agreement {chosen.pk} «{chosen.title}», {times} renders per kind")
        self.stdout.write(f"{'kind':<16}{'median s':>10}{'min s':>10}{'max s':>10}{'size kB':>10}")
        for kind, make_snapshot in jobs:
            durations = []
            size = 0
            for _ in range(times):
                start = time.perf_counter()
                pdf = builders.render_snapshot(make_snapshot())
                durations.append(time.perf_counter() - start)
                size = len(pdf)
            self.stdout.write(
                f"{kind:<16}{statistics.median(durations):>10.3f}{min(durations):>10.3f}"
                f"{max(durations):>10.3f}{size / 1024:>10.1f}"
            )
