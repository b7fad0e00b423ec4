"""The append-only triggers on audit_chainentry, as installed by the migration (single source: its FORWARD/REVERSE).

Only two callers may lift them: `flush` (which empties every table by design) and the tamper tests that prove
verification catches what the triggers would otherwise have stopped. Nothing in the running application does.
"""

from contextlib import contextmanager
from importlib import import_module

from django.db import connection as default_connection
from django.db import transaction

# The migration that currently defines the triggers; a later migration that redefines them replaces this name.
_MIGRATION = "fazhi.audit.migrations.0004_append_only_triggers"


def _sql(which: str, vendor: str) -> list[str]:
    migration = import_module(_MIGRATION)
    return migration.statements(getattr(migration, which), vendor)


def install(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        for sql in _sql("FORWARD", connection.vendor):
            cursor.execute(sql)


def uninstall(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        for sql in _sql("REVERSE", connection.vendor):
            cursor.execute(sql)


def installed(connection=default_connection) -> bool:
    """True when the database has the triggers the migration created."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_chainentry' "
                "AND name IN ('audit_chainentry_no_update', 'audit_chainentry_no_delete')"
            )
            return cursor.fetchone()[0] == 2
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'audit_chainentry'::regclass "
            "AND tgname = 'audit_chainentry_append_only' AND tgenabled <> 'D'"
        )
        return cursor.fetchone()[0] == 1


@contextmanager
def suspended(connection=default_connection):
    """Lift the triggers for the block and put them back afterwards.

    Everything happens in one transaction (both databases have transactional DDL): on success the triggers are
    re-created before it commits; if the block raises, the rollback undoes the drop along with the block's writes.
    """
    with transaction.atomic(using=connection.alias):
        uninstall(connection)
        yield
        install(connection)
