"""Set up Django on a throwaway SQLite database (or FAZHI_DATABASE_URL if given) for a benchmark script."""

import os
import sys
import tempfile
from pathlib import Path


def setup(migrate: bool = True) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    var = Path(os.environ.setdefault("FAZHI_VAR_DIR", tempfile.mkdtemp(prefix="fazhi-bench-")))
    var.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    return var


def write_result(name: str, text: str) -> Path:
    out = Path(__file__).resolve().parent / "results" / name
    out.parent.mkdir(exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def reset_chain() -> None:
    """An empty chain for a chain bench (PostgreSQL keeps its database between runs; TRUNCATE is not refused by the
    row triggers), and no remembered head in this process."""
    from django.db import connection

    from fazhi.audit import services, triggers

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE audit_chainentry, audit_chainhead")
        else:
            with triggers.suspended():
                cursor.execute("DELETE FROM audit_chainentry")
                cursor.execute("DELETE FROM audit_chainhead")
    services.forget_head()


def entry_shaped_model(name: str, table: str, *, indexed: bool, prev_hash: bool = False):
    """A chain-less table shaped like audit_chainentry, (re)created for this run only: the baseline the chain benches
    insert into. `indexed` gives it the chain table's unique and secondary indexes, so what remains is hashing and
    the head lock; `prev_hash` adds that column too."""
    from django.db import connection, models

    meta = {"app_label": "audit", "db_table": table}
    if indexed:
        meta["indexes"] = [
            models.Index(fields=["subject_type", "subject_id"], name=f"{table[:22]}_subj"),
            models.Index(fields=["event", "at"], name=f"{table[:22]}_event"),
            models.Index(fields=["actor_id", "at"], name=f"{table[:22]}_actor"),
            models.Index(fields=["body_id"], name=f"{table[:22]}_body"),
        ]
    attrs = {
        "__module__": "bench_models",
        "seq": models.PositiveBigIntegerField(unique=indexed),
        "entry_hash": models.CharField(max_length=64, unique=indexed),
        "at": models.DateTimeField(),
        "actor_id": models.BigIntegerField(null=True),
        "actor_label": models.CharField(max_length=150),
        "event": models.CharField(max_length=64),
        "subject_type": models.CharField(max_length=64),
        "subject_id": models.CharField(max_length=64),
        "subject_label": models.CharField(max_length=255),
        "body_id": models.BigIntegerField(null=True),
        "payload": models.JSONField(default=dict),
        "Meta": type("Meta", (), meta),
    }
    if prev_hash:
        attrs["prev_hash"] = models.CharField(max_length=64)
    model = type(name, (models.Model,), attrs)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
    with connection.schema_editor() as editor:
        editor.create_model(model)
    return model
