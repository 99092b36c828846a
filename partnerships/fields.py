"""The register's foreign keys as every app declares them: to an agreement, a party, an
organisation or a board, protected by default (``on_delete=PROTECT``), optional with
``null=True`` (which makes them blank as well). Lazy references, so any app's models (and
this app's own) can call them without an import cycle."""

from django.db import models

from common.fields import line, optional


def _foreign_key(to: str):
    def field(
        related_name: str,
        verbose_name: str | None = None,
        *,
        on_delete=models.PROTECT,
        null: bool = False,
        **options,
    ) -> models.ForeignKey:
        if null:
            options = optional(**options)
        return models.ForeignKey(
            to, verbose_name=verbose_name, on_delete=on_delete, related_name=related_name, **options
        )

    field.__name__ = f"{to.rsplit('.', 1)[1].lower()}_fk"
    field.__doc__ = f"A foreign key to ``{to}``."
    return field


agreement_fk = _foreign_key("partnerships.Agreement")
party_fk = _foreign_key("partnerships.Party")
organisation_fk = _foreign_key("partnerships.Organisation")
board_fk = _foreign_key("partnerships.Board")
amendment_fk = _foreign_key("partnerships.Amendment")


def added_by(related_name: str) -> models.ForeignKey:
    """The amendment that added a goal or a responsibility (none: the agreement as decided)."""
    return amendment_fk(related_name, "tillagt genom ändring", null=True)


def paragraph(help_text: str) -> models.CharField:
    """The minutes' paragraph of a board's decision, e.g. § 87."""
    return line("paragraf", 40, blank=True, help_text=help_text)


def registry_number() -> models.CharField:
    return line("diarienummer", 60, blank=True)
