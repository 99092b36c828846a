"""Daily cron: ``manage.py send_followup_reminders [--base-url https://iop.example.se]``.

Safe to run any number of times a day: each reminder is sent at most once."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from followups.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Skickar påminnelser om uppföljning (säkert att köra dagligen; inget skickas två gånger)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="", help="T.ex. https://iop.linkoping.se")
        parser.add_argument("--date", default="", help="Dagens datum (ÅÅÅÅ-MM-DD), för test.")

    def handle(self, *args, base_url: str = "", date: str = "", **options) -> None:
        today = dt.date.fromisoformat(date) if date else timezone.localdate()
        sent = send_reminders(today=today, base_url=base_url.rstrip("/"))
        self.stdout.write(f"{sent} påminnelse(r) skickade.")
