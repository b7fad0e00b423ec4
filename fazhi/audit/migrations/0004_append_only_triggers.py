"""Database triggers that make audit_chainentry append-only (ARCHITECTURE.md §5).

The SQL differs per database, so the operation picks the statements for `schema_editor.connection.vendor`.
`fazhi.audit.triggers` reads FORWARD/REVERSE from here, so the test helper and the `flush` override re-create exactly
what this migration installed. A later migration that rebuilds the table on SQLite (which drops its triggers) must
install them again and point `fazhi.audit.triggers` at itself.
"""

from django.db import NotSupportedError, migrations

MESSAGE = "审计链条目不可修改或删除"

FORWARD = {
    "sqlite": [
        "CREATE TRIGGER audit_chainentry_no_update BEFORE UPDATE ON audit_chainentry "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
        "CREATE TRIGGER audit_chainentry_no_delete BEFORE DELETE ON audit_chainentry "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_chainentry_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{MESSAGE}（% #%）', TG_OP, OLD.seq "
        "USING ERRCODE = 'integrity_constraint_violation'; END; $$",
        "CREATE TRIGGER audit_chainentry_append_only BEFORE UPDATE OR DELETE ON audit_chainentry "
        "FOR EACH ROW EXECUTE FUNCTION audit_chainentry_refuse_change()",
    ],
}

REVERSE = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_chainentry_no_update",
        "DROP TRIGGER IF EXISTS audit_chainentry_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_chainentry_append_only ON audit_chainentry",
        "DROP FUNCTION IF EXISTS audit_chainentry_refuse_change()",
    ],
}


def statements(table: dict, vendor: str) -> list[str]:
    try:
        return table[vendor]
    except KeyError:
        raise NotSupportedError(f"审计链触发器只支持 SQLite 与 PostgreSQL，当前数据库为 {vendor}。") from None


class RunSQLForVendor(migrations.RunSQL):
    """RunSQL whose statements are chosen by the database vendor at migration time."""

    def __init__(self, forward: dict, reverse: dict):
        self.forward_by_vendor, self.reverse_by_vendor = forward, reverse
        super().__init__(sql=migrations.RunSQL.noop, reverse_sql=migrations.RunSQL.noop)

    def deconstruct(self):
        return self.__class__.__name__, [], {"forward": self.forward_by_vendor, "reverse": self.reverse_by_vendor}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if self.allow_migrate_model(schema_editor.connection.alias, to_state.apps.get_model("audit", "ChainEntry")):
            self._run_sql(schema_editor, statements(self.forward_by_vendor, schema_editor.connection.vendor))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if self.allow_migrate_model(schema_editor.connection.alias, from_state.apps.get_model("audit", "ChainEntry")):
            self._run_sql(schema_editor, statements(self.reverse_by_vendor, schema_editor.connection.vendor))

    def describe(self):
        return "Append-only triggers on audit_chainentry"


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_event_codes_outside_migrations"),
    ]

    operations = [RunSQLForVendor(FORWARD, REVERSE)]
