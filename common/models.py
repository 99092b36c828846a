"""The one table of the ground floor: the data version (``common.dataversion``)."""

from django.db import models


class DataVersion(models.Model):
    """One row (id 1). Every INSERT, UPDATE or DELETE on the register's tables sets a new
    random ``token`` (and counts up ``writes``) in the same transaction as the write, so a
    cache keyed by the token can never serve data older than the last committed write."""

    token = models.BigIntegerField(default=0)
    writes = models.BigIntegerField(default=0)

    class Meta:
        db_table = "common_dataversion"

    def __str__(self) -> str:
        return f"data version {self.writes} ({self.token})"
