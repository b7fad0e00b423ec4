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
