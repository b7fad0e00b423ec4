"""Raw SQL in migrations that differs per database (indexes SQLite or PostgreSQL alone can build).

Migrations import this, so it must keep its behaviour: change it only by adding.
"""


def run_for_vendor(statements_by_vendor: dict[str, list[str]]):
    """A RunPython function executing the statements listed for the migrating database's vendor ("sqlite",
    "postgresql"); a vendor not listed gets nothing."""

    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run
