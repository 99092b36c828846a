"""The data version: a token that every write to the register's tables replaces.

A cache keyed by the token (``common.pagecache``) can never serve data older than the last
committed write, whichever code path wrote: a view, a service, ``QuerySet.update()``,
``bulk_create``, ``delete``, a worker task or a management command. The token is not bumped
by the ORM's signals (which those bypass) but by an execute wrapper on every database
connection (``connection.execute_wrappers``), which sees each statement:

- an INSERT, UPDATE, DELETE, REPLACE, MERGE, TRUNCATE or COPY on a table that is not
  ignored, and a ``SELECT ... FOR UPDATE`` (so that the counter row is always the first lock
  a writing transaction takes, and no lock-order deadlock can come from it), first sets a
  new random token in ``common_dataversion`` and then runs;
- in autocommit mode both run in one transaction (``transaction.atomic``), inside a
  transaction they are part of it: the new token commits, or rolls back, with the write.

The token is random (not a counter) so that a token set in a transaction that rolled back,
and a page computed from that transaction's uncommitted data under it, can never come back:
the next write sets a different one. ``writes`` counts the bumps, for people.

Ignored (change on every request or carry no register data): sessions, django-axes's
attempt and access logs, the task queue (django-tasks-db's tables; what a task writes to
the register bumps as usual) and the version row itself; see ``IGNORED_APPS``.

Reading the version is one small query (``current()``), made only by pages that use the
cache. It lives in the database, so every gunicorn worker and every process agrees on it.

During ``migrate`` (before the table may exist) nothing is bumped; ``post_migrate`` bumps
once, so a migration's data changes count too.
"""

import re
import secrets
from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate

TABLE = "common_dataversion"
# App labels whose tables a write may change without bumping the version.
IGNORED_APPS = ("sessions", "axes", "django_tasks_database")

_WRITE = re.compile(
    r"""^\s*(?:
        insert\s+(?:or\s+\w+\s+)?into | replace\s+into | update(?:\s+only)? |
        delete\s+from(?:\s+only)? | merge\s+into | truncate | copy
    )\s+(?:table\s+)?(?:only\s+)?"?([\w.]+)"?""",
    re.IGNORECASE | re.VERBOSE,
)
_LOCKING_SELECT = re.compile(r"\bfor\s+(?:no\s+key\s+)?update\b", re.IGNORECASE)
_RETURNING = re.compile(r"\breturning\b", re.IGNORECASE)
_MODIFYING_WORD = re.compile(r"\b(?:insert|update|delete|merge)\b", re.IGNORECASE)

_BUMP_SQL = (
    f'INSERT INTO "{TABLE}" ("id", "token", "writes") VALUES (1, %s, 1) '
    f'ON CONFLICT ("id") DO UPDATE SET "token" = excluded."token", '
    f'"writes" = "{TABLE}"."writes" + 1'
)
_READ_SQL = f'SELECT "token" FROM "{TABLE}" WHERE "id" = 1'

_migrating = False


@lru_cache(maxsize=1)
def ignored_tables() -> frozenset[str]:
    from django.apps import apps

    tables = {TABLE}
    for label in IGNORED_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        tables.update(model._meta.db_table for model in config.get_models())
    return frozenset(table.lower() for table in tables)


@lru_cache(maxsize=4096)
def changes_data(sql: str) -> bool:
    """Whether the statement writes (or locks for writing) a table that is not ignored.
    Pure, so tested without a database."""
    match = _WRITE.match(sql)
    if match:
        if sql.lstrip()[:8].lower() == "truncate":
            return True
        table = match.group(1).rsplit(".", 1)[-1].strip('"').lower()
        return table not in ignored_tables()
    head = sql.lstrip()[:7].lower()
    if head.startswith("select"):
        return bool(_LOCKING_SELECT.search(sql))
    if head.startswith("with") or head.startswith("explain"):
        return bool(_MODIFYING_WORD.search(sql)) or bool(_LOCKING_SELECT.search(sql))
    return False  # BEGIN, SAVEPOINT, SET, PRAGMA, DDL (migrations bump once at the end)


def new_token() -> int:
    return secrets.randbits(62) + 1


def _bump(cursor) -> None:
    cursor.execute(_BUMP_SQL, [new_token()])


def bump(using: str = DEFAULT_DB_ALIAS) -> None:
    """Set a new token now (in the current transaction, if any)."""
    with connections[using].cursor() as cursor:
        _bump(cursor)


def current(using: str = DEFAULT_DB_ALIAS) -> int | None:
    """The committed (or, inside a transaction, this transaction's) token; None if the row
    is missing (a flushed test database): then nothing may be cached."""
    with connections[using].cursor() as cursor:
        cursor.execute(_READ_SQL)
        row = cursor.fetchone()
    return row[0] if row else None


def bump_on_write(execute, sql, params, many, context):
    """The execute wrapper installed on every connection."""
    if _migrating or not changes_data(sql):
        return execute(sql, params, many, context)
    connection = context["connection"]
    if not connection.get_autocommit():
        _bump(context["cursor"])  # part of the caller's transaction
        return execute(sql, params, many, context)
    if connection.vendor == "sqlite" and _RETURNING.search(sql):
        # SQLite hands out RETURNING rows while the statement runs, so no commit may come
        # between the statement and the caller's fetch: the bump follows it on the same
        # connection before the caller goes on. SQLite commits an implicit transaction
        # when its last statement finishes, so both commit together.
        result = execute(sql, params, many, context)
        bump(connection.alias)
        return result
    with transaction.atomic(using=connection.alias):
        _bump(context["cursor"])
        return execute(sql, params, many, context)


def _install_on(sender, connection, **kwargs) -> None:
    if connection.alias.startswith("__"):  # the maintenance connection (CREATE DATABASE)
        return
    if bump_on_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(bump_on_write)


def _migration_started(sender, **kwargs) -> None:
    global _migrating
    _migrating = True


def _migration_finished(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    global _migrating
    # post_migrate is sent once per app, after every migration ran: bump once (with the
    # common app), and not at all while the table does not exist (``migrate common zero``).
    _migrating = TABLE not in connections[using].introspection.table_names()
    if not _migrating and sender.label == "common":
        bump(using)


def install() -> None:
    connection_created.connect(_install_on, dispatch_uid="common.dataversion")
    pre_migrate.connect(_migration_started, dispatch_uid="common.dataversion.pre")
    post_migrate.connect(_migration_finished, dispatch_uid="common.dataversion.post")
    # Connections opened before the app registry was ready (rare) get it too.
    for connection in connections.all(initialized_only=True):
        _install_on(None, connection)
