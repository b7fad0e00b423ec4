"""Django's `flush`, able to empty the append-only chain table.

`flush` deletes every row of every table on purpose (it is what Django's transactional tests call between tests).
On PostgreSQL it uses TRUNCATE, which row triggers do not see; on SQLite it issues DELETE, which the append-only
trigger refuses — so here the triggers are lifted for the flush and re-created straight after.
"""

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

from fazhi.audit import triggers


class Command(DjangoFlush):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite" or not triggers.installed(connection):
            return super().handle(**options)
        triggers.uninstall(connection)
        try:
            return super().handle(**options)
        finally:
            triggers.install(connection)
