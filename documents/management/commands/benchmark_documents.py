"""Render each document kind N times and print the median time (not a test).

Uses the demo data (``manage.py seed_demo``): the agreement (default: the latest approved
one with a board and budgets, i.e. the demo's 2024-2026), its memos, the follow-up report
of the first round that has submitted notes, and the annual report of its board. Then it
creates ``--agreements`` (default 50) extra
agreements under the board, with parties, compensations, budgets, payments, meetings and
an assessed round, renders the annual report across all of them, and rolls everything
back: the database is left as it was.
"""

import datetime as dt
import statistics
import time
import zoneinfo

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from documents import kinds
from documents.models import Memo, MemoKind
from finance.models import BudgetLine, Compensation, IndexSeries, PartyBudget, Payment
from followups.models import Assessment, FollowUpRound, GoalResult, Meeting
from partnerships.models import Agreement, Goal, Party, Sector, User

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


class Command(BaseCommand):
    help = "Renders each document kind N times and prints median render times."

    def add_arguments(self, parser):
        parser.add_argument("-n", "--times", type=int, default=5)
        parser.add_argument("--agreement", type=int, help="Agreement id (default: see above).")
        parser.add_argument(
            "--agreements", type=int, default=50, help="Agreements in the big annual report."
        )
        parser.add_argument("--year", type=int, help="Year of the annual reports.")

    def handle(self, *args, times: int, agreement: int | None, agreements: int, year, **options):
        if times < 1:
            raise CommandError("--times must be at least 1")
        qs = Agreement.objects.filter(board__isnull=False).order_by("-period_start", "pk")
        chosen = (
            qs.filter(pk=agreement).first()
            if agreement
            else qs.filter(approved=True, budgets__isnull=False).distinct().first() or qs.first()
        )
        if chosen is None:
            raise CommandError("No agreement to render; run manage.py seed_demo first.")
        year = year or chosen.period_start.year
        with transaction.atomic():
            self._run(chosen, times, agreements, year)
            transaction.set_rollback(True)  # memos and agreements made here are not kept
        self.stdout.write("Rolled back: the database is unchanged.")

    def _measure(self, label: str, make_snapshot, times: int) -> None:
        durations = []
        size = 0
        for _ in range(times):
            start = time.perf_counter()
            pdf = kinds.render_snapshot(make_snapshot())
            durations.append(time.perf_counter() - start)
            size = len(pdf)
        self.stdout.write(
            f"{label:<34}{statistics.median(durations):>10.3f}{min(durations):>10.3f}"
            f"{max(durations):>10.3f}{size / 1024:>10.1f}"
        )

    def _run(self, chosen: Agreement, times: int, extra: int, year: int) -> None:
        user = User.objects.filter(is_active=True).order_by("-is_superuser", "pk").first()
        jobs = [("agreement", lambda: kinds.agreement_snapshot(chosen.pk))]
        for kind in MemoKind:
            memo = Memo.objects.filter(agreement=chosen, kind=kind).first()
            if memo is None and user is not None:
                from documents.services import memo_initial

                memo = Memo.objects.create(
                    agreement=chosen,
                    kind=kind,
                    created_by=user,
                    **memo_initial(agreement=chosen, kind=kind, user=user),
                )
            if memo is not None:
                jobs.append((memo.document_kind, lambda memo=memo: kinds.memo_snapshot(memo.pk)))
        round = (
            FollowUpRound.objects.filter(notes__status="submitted").order_by("pk").first()
            or FollowUpRound.objects.order_by("pk").first()
        )
        if round is not None:
            jobs.append(
                (
                    f"followup_report (round {round.pk})",
                    lambda: kinds.followup_report_snapshot(round.pk),
                )
            )
        board = chosen.board
        jobs.append(
            (
                f"annual_report ({len(kinds.annual_report.agreements_of(board, year))} agr.)",
                lambda: kinds.annual_report_snapshot(board.pk, year),
            )
        )
        kinds.render_snapshot(jobs[0][1]())  # warm up (fonts, templates)
        self.stdout.write(f"Agreement {chosen.pk} «{chosen.title}», {times} renders per kind")
        self.stdout.write(f"{'kind':<34}{'median s':>10}{'min s':>10}{'max s':>10}{'size kB':>10}")
        for label, make_snapshot in jobs:
            self._measure(label, make_snapshot, times)

        if extra > 0:
            self._make_agreements(chosen, extra, year)
            count = len(kinds.annual_report.agreements_of(board, year))
            start = time.perf_counter()
            kinds.annual_report_snapshot(board.pk, year)
            snapshot_seconds = time.perf_counter() - start
            self._measure(
                f"annual_report ({count} agr.)",
                lambda: kinds.annual_report_snapshot(board.pk, year),
                times,
            )
            self.stdout.write(f"  of which the snapshot (database reads): {snapshot_seconds:.3f} s")

    def _make_agreements(self, template: Agreement, count: int, year: int) -> None:
        """``count`` copies of ``template`` running in ``year``, with money and follow-ups."""
        series = IndexSeries.objects.get_or_create(name="OPI")[0]
        parties = list(template.parties.select_related("organisation"))
        for n in range(count):
            agreement = Agreement.objects.create(
                title=f"{template.title} – benchmark {n + 1}",
                registry_number=f"BENCH-{n + 1:03d}",
                board=template.board,
                approved=True,
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year + 2, 12, 31),
                background=template.background,
                goals_introduction=template.goals_introduction,
            )
            Goal.objects.bulk_create(
                Goal(agreement=agreement, position=g.position, text=g.text)
                for g in template.goals.all()
            )
            for i, party in enumerate(parties):
                new_party = Party.objects.create(
                    agreement=agreement, organisation=party.organisation, role=party.role
                )
                if party.role != Sector.IDEA_BASED:
                    continue
                compensation = Compensation.objects.create(
                    agreement=agreement,
                    party=new_party,
                    base_amount=300_000 + 10_000 * i,
                    base_year=year - 1,
                    first_index_year=year,
                    index_series=series,
                )
                Payment.objects.create(
                    agreement=agreement,
                    compensation=compensation,
                    year=year,
                    paid_on=dt.date(year, 1, 25),
                    amount=compensation.base_amount,
                    reference=f"BENCH-{n}-{i}",
                )
                budget = PartyBudget.objects.create(
                    agreement=agreement, party=new_party, year=year, own_contribution=200_000
                )
                BudgetLine.objects.create(budget=budget, category="staff", amount=500_000)
            Meeting.objects.create(
                agreement=agreement,
                starts_at=dt.datetime(year, 6, 10, 13, tzinfo=STOCKHOLM),
                ends_at=dt.datetime(year, 6, 10, 15, tzinfo=STOCKHOLM),
                status=Meeting.Status.HELD,
            )
            round = FollowUpRound.objects.create(
                agreement=agreement,
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                due_date=dt.date(year, 12, 15),
            )
            Assessment.objects.create(
                round=round,
                overall_result=GoalResult.PARTLY,
                overall_text="Samlad bedömning för benchmark. " * 5,
            )
