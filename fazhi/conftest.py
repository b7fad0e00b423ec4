"""What every test under fazhi/ shares: the test database (reused between runs, re-created when a migration changed),
a fast password hasher, uploads in a per-test tmp dir, and the world the tests happen in (one builder, ``World``, in
fazhi/org/tests/factories.py). App conftests keep only what is particular to them.
"""

import hashlib
import json
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import django
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.db.models.signals import post_migrate
from django.test.utils import override_settings

from fazhi.org.tests.factories import World

# --- The test database ---------------------------------------------------------------------------------------------
#
# `make test` runs with --reuse-db: each xdist worker keeps its database (test.sqlite3_gw0, test_<name>_gw0 …) between
# runs. A stamp beside it records the migrations it was built from; when any migration (or Django) changed, the
# database is re-created as with --create-db, so nobody tests against a stale schema. A reused database is emptied
# first (an interrupted run may have left rows) and checked against the row counts recorded when it was created.
#
# `flush` (run by every transactional test's teardown, and on a reused database) empties the tables that data
# migrations fill; Django then sends post_migrate, and the receiver below puts their rows back, so every test starts
# from what `migrate` leaves, whatever ran before it on that worker.

# The data migrations: (module, function) whose rows flush removes.
DATA_MIGRATIONS = [
    ("fazhi.core.migrations.0002_seed_calendar", "seed_calendar"),
    ("fazhi.org.migrations.0003_role_groups", "create_groups"),
]


def _put_back_migration_data(sender, **kwargs):
    for module, function in DATA_MIGRATIONS:
        getattr(import_module(module), function)(kwargs.get("apps") or apps, None)


# post_migrate is sent once per app with models: listen to one of them.
post_migrate.connect(_put_back_migration_data, sender=apps.get_app_config("core"), dispatch_uid="fazhi-tests-data")


def migrations_fingerprint() -> str:
    digest = hashlib.sha256(django.get_version().encode())
    for path in sorted(Path(settings.BASE_DIR).glob("*/migrations/*.py")):
        digest.update(path.relative_to(settings.BASE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _row_counts(alias: str) -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture(scope="session")
def test_db_stamps(django_db_modify_db_settings) -> dict[str, Path]:
    """Where each database's stamp lives (var/test-db/), named before setup renames the connection."""
    stamps = {}
    for alias in connections:
        db = connections[alias].settings_dict
        name = str(db["TEST"].get("NAME") or db["NAME"])
        where = f"{db['ENGINE']}|{db.get('HOST', '')}|{db.get('PORT', '')}|{name}"
        stamps[alias] = (
            settings.VAR_DIR / "test-db" / f"{Path(name).name}.{hashlib.sha1(where.encode()).hexdigest()[:12]}"
        )
    return stamps


def _read_stamp(path: Path) -> dict:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


@pytest.fixture(scope="session")
def django_db_createdb(request, test_db_stamps) -> bool:
    """--create-db, or any database whose stamp does not match the migrations (none yet, or built from others)."""
    if request.config.getvalue("create_db"):
        return True
    fingerprint = migrations_fingerprint()
    return any(_read_stamp(path).get("migrations") != fingerprint for path in test_db_stamps.values())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb, django_db_createdb, test_db_stamps):
    if not django_db_keepdb:
        yield
        return
    with django_db_blocker.unblock():
        for alias, path in test_db_stamps.items():
            if django_db_createdb:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(json.dumps({"migrations": migrations_fingerprint(), "rows": _row_counts(alias)}))
                continue
            call_command("flush", database=alias, interactive=False, verbosity=0)
            expected, found = _read_stamp(path).get("rows"), _row_counts(alias)
            if found != expected:
                differ = sorted(
                    t for t in (expected or {}).keys() | found.keys() if (expected or {}).get(t) != found.get(t)
                )
                pytest.fail(
                    f"The reused test database is not what migrate leaves (rows differ in {', '.join(differ)}): "
                    "add the data migration to DATA_MIGRATIONS in fazhi/conftest.py and run once with --create-db.",
                    pytrace=False,
                )
    yield


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """PBKDF2's 1,000,000 iterations cost ~0.3 s a password; tests prove behaviour, not key stretching."""
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and generated documents land in this test's own tmp dir, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# --- The world: 西青区 (天津市) with 辛口镇 and 张家窝镇, built by fazhi.org.tests.factories.World ----------------


@pytest.fixture
def world(db):
    """The shared builder: each body and person is made the first time the test reads it."""
    return World()


@pytest.fixture
def district(world):
    return world.district


@pytest.fixture
def town(world):
    return world.town


@pytest.fixture
def team(world):
    return world.team


@pytest.fixture
def office(world):
    return world.office


@pytest.fixture
def other_town(world):
    return world.other_town


@pytest.fixture
def leader(world):
    return world.leader


@pytest.fixture
def org(world):
    """The organisation, all made up front (so scope checks see every body): the district with its 司法局, both towns,
    their teams, 辛口镇's 党政办公室, and someone in each role — ``colleague`` is the 政务公开专员, who holds none of
    the roles org's pages are about."""
    return SimpleNamespace(
        district=world.district,
        bureau=world.bureau,
        town=world.town,
        team=world.team,
        office=world.office,
        other_town=world.other_town,
        other_team=world.other_team,
        leader=world.leader,
        admin=world.admin,
        officer=world.officer,
        colleague=world.clerk,
        outsider=world.outsider,
        other_officer=world.other_officer,
        supervisor=world.supervisor,
    )
