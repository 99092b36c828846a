"""The first operator (driftansvarig) of an installation: onboards municipalities and
regions in the app. ``python manage.py create_operator EMAIL`` asks for the password;
``--password-from-env`` reads it from IOP_OPERATOR_PASSWORD instead (for scripts)."""

import getpass
import os

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from partnerships.models import User


class Command(BaseCommand):
    help = "Skapar en driftansvarig (operatör) som kan lägga till kommuner och regioner."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--password-from-env", action="store_true")

    def handle(self, *args, email: str, first_name: str, last_name: str, **options):
        username = email.strip().lower()
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"Det finns redan ett konto {username}.")
        user = User(
            username=username,
            email=email.strip(),
            first_name=first_name,
            last_name=last_name,
            role=User.Role.OPERATOR,
        )
        password = self._password(options["password_from_env"])
        try:
            password_validation.validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        user.set_password(password)
        user.full_clean()
        user.save()
        self.stdout.write(self.style.SUCCESS(f"Driftansvarig {username} är skapad."))

    def _password(self, from_env: bool) -> str:
        if from_env:
            password = os.environ.get("IOP_OPERATOR_PASSWORD", "")
            if not password:
                raise CommandError("IOP_OPERATOR_PASSWORD är tomt.")
            return password
        first = getpass.getpass("Lösenord: ")
        if first != getpass.getpass("Lösenord igen: "):
            raise CommandError("Lösenorden är inte lika.")
        return first
