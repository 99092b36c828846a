"""The data version (common.dataversion): every write path bumps it, nothing else does."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction

from common import dataversion
from common.dataversion import changes_data
from partnerships.models import Agreement, Goal, Organisation
from tests.factories import OrganisationFactory


@pytest.mark.parametrize(
    "sql",
    [
        'INSERT INTO "partnerships_agreement" ("title") VALUES (%s) RETURNING "id"',
        'UPDATE "finance_payment" SET "amount" = %s WHERE "id" = %s',
        'DELETE FROM "partnerships_goal" WHERE "id" IN (%s)',
        "  update partnerships_party set role = %s",
        'INSERT OR IGNORE INTO "partnerships_goal" ("text") VALUES (%s)',
        'TRUNCATE "django_session", "partnerships_agreement";',
        'SELECT "id" FROM "finance_compensation" WHERE "id" = %s FOR UPDATE',
        'SELECT "id" FROM "finance_compensation" FOR NO KEY UPDATE',
        'WITH moved AS (UPDATE "partnerships_goal" SET "position" = 1 RETURNING 1) SELECT 1',
    ],
)
def test_writes_and_write_locks_on_register_tables_change_data(sql):
    assert changes_data(sql)


@pytest.mark.parametrize(
    "sql",
    [
        'SELECT "partnerships_agreement"."id" FROM "partnerships_agreement"',
        'SELECT "last_update" FROM "x" WHERE "updated_at" > %s',
        "WITH RECURSIVE chain AS (SELECT 1) SELECT * FROM chain",
        'UPDATE "django_session" SET "expire_date" = %s WHERE "session_key" = %s',
        'INSERT INTO "django_session" ("session_key") VALUES (%s)',
        'DELETE FROM "django_session" WHERE "expire_date" < %s',
        'INSERT INTO "axes_accessattempt" ("username") VALUES (%s)',
        'INSERT INTO "axes_accesslog" ("username") VALUES (%s)',
        'UPDATE "django_tasks_database_dbtaskresult" SET "status" = %s',
        'UPDATE "common_dataversion" SET "token" = %s',
        "BEGIN",
        'SAVEPOINT "s1"',
        'RELEASE SAVEPOINT "s1"',
        "PRAGMA foreign_keys",
        "SET TIME ZONE 'UTC'",
    ],
)
def test_reads_and_ignored_tables_do_not(sql):
    assert not changes_data(sql)


def test_the_task_queue_tables_are_the_ones_ignored():
    from django.apps import apps

    for model in apps.get_app_config("django_tasks_database").get_models():
        assert model._meta.db_table.lower() in dataversion.ignored_tables()


@pytest.mark.django_db
def test_every_orm_write_path_bumps_the_version(world):
    seen = [dataversion.current()]

    def bumped():
        now = dataversion.current()
        assert now not in seen, "the write did not change the data version"
        seen.append(now)

    organisation = OrganisationFactory(name="Ny förening")
    bumped()
    organisation.name = "Ändrad förening"
    organisation.save()
    bumped()
    Agreement.objects.filter(pk=world.agreement.pk).update(title="Uppdaterad")
    bumped()
    Goal.objects.bulk_create([Goal(agreement=world.agreement, text="Nytt mål", position=9)])
    bumped()
    Goal.objects.filter(text="Nytt mål").delete()
    bumped()
    Organisation.objects.filter(pk=organisation.pk).delete()
    bumped()
    with connection.cursor() as cursor:
        cursor.execute(
            'UPDATE "partnerships_agreement" SET "title" = %s WHERE "id" = %s',
            ["Rå SQL", world.agreement.pk],
        )
    bumped()


@pytest.mark.django_db
def test_session_writes_and_reads_leave_the_version(world):
    before = dataversion.current()
    session = SessionStore()
    session["x"] = 1
    session.save()
    list(Agreement.objects.all())
    assert dataversion.current() == before


@pytest.mark.django_db
def test_a_token_from_a_rolled_back_write_never_comes_back(world):
    before = dataversion.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        Agreement.objects.filter(pk=world.agreement.pk).update(title="Aldrig")
        uncommitted = dataversion.current()
        assert uncommitted != before
        raise RuntimeError
    assert dataversion.current() == before
    Agreement.objects.filter(pk=world.agreement.pk).update(title="Sparad")
    assert dataversion.current() not in (before, uncommitted)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_autocommit_write_commits_with_its_bump():
    """Outside any transaction (as in production views) the write and the new version
    commit together; the version row survives the flush of a transactional test."""
    organisation = OrganisationFactory(name="Förening i autocommit")
    before = dataversion.current()
    assert before is not None
    Organisation.objects.filter(pk=organisation.pk).update(name="Ändrad i autocommit")
    assert connection.get_autocommit()
    assert dataversion.current() != before
