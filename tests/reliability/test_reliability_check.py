"""Runs ``scripts/reliability_check`` (a throwaway PostgreSQL cluster, never the shared
server): the app survives a database restart, and backup + restore compare equal.
Skipped where the PostgreSQL server binaries, or runuser when run as root, are missing."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tools.reliability import missing_requirements

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "reliability_check"


MISSING = missing_requirements()
ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
pytestmark = [
    pytest.mark.skipif(MISSING is not None, reason=f"reliability check: {MISSING}"),
    # The checks start their own PostgreSQL cluster whatever DATABASE_URL says; they run
    # once, in the suite's PostgreSQL pass, not again in the SQLite pass.
    pytest.mark.skipif(
        not ON_POSTGRESQL, reason="reliability checks run in the PostgreSQL pass of the suite"
    ),
]


@pytest.mark.parametrize("check", ["restart", "backup"])
def test_reliability_check(check):
    result = subprocess.run(
        [str(SCRIPT), check], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
