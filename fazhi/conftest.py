"""What every test under fazhi/ shares: the test database (reused between runs, re-created when a migration changed),
a fast password hasher, uploads in a per-test tmp dir, and the world the tests happen in (one builder, ``World``, in
fazhi/org/tests/factories.py). App conftests keep only what is particular to them.
"""

import copy
import hashlib
import json
import sys
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import django
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.management import call_command
from django.db import connections, transaction
from django.db.models.signals import post_migrate
from django.test import Client
from django.test.utils import override_settings
from django_otp import DEVICE_ID_SESSION_KEY

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
    ("fazhi.learning.migrations.0002_key_dates", "seed"),
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


# --- Rows built once per module ------------------------------------------------------------------------------------


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return "transactional_db" in item.fixturenames or bool(
        marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    )


def once_per_module(name: str, build):
    """A module-scoped fixture ``<name>_once`` for the function fixture ``name``: ``build()``'s rows, made once inside
    a transaction held open around the whole module and rolled back at its end (Django's setUpTestData, for pytest).
    Each test still runs in its own savepoint within it, so what a test writes is undone before the next, and the
    function fixture hands each test a deep copy of the built objects.

    It applies only where every test of the module asks for ``name`` and none is transactional — otherwise the rows
    would be seen by tests that did not ask for them — and yields None elsewhere, for the function fixture to build
    afresh for each test.
    """

    @pytest.fixture(scope="module", name=f"{name}_once")
    def fixture(request, django_db_setup, django_db_blocker):
        items = [item for item in request.session.items if getattr(item, "module", None) is request.module]
        if not all(name in item.fixturenames and not _transactional(item) for item in items):
            yield None
            return
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            outer._from_testcase = True  # like TestCase's own blocks: a durable atomic block inside a test still works
            try:
                built = build()
            except BaseException:
                outer.__exit__(*sys.exc_info())
                raise
        try:
            yield built
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)

    return fixture


def copy_or_build(built, build):
    """What the function fixture hands a test: a deep copy of the module's objects, or a fresh build."""
    return build() if built is None else copy.deepcopy(built)


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


# --- Logging in, in tests ---------------------------------------------------------------------------------------------
#
# ``Client.force_login`` means "the test skipped authentication": so it also passes the second factor for the users who
# owe one (administrators, supervisors), as a confirmed device in the session, and it writes no login entry on the chain
# (tests snapshot the chain around the call they test). Tests of logging in use the real pages
# (``client.post("/login/", …)``), ``client.login(…)`` or ``force_login_password_only``.


_original_force_login = Client.force_login


def force_login_password_only(client, user, backend=None):
    """Log in as after the password step only: the second factor, where one is due, is still owed."""
    _original_force_login(client, user, backend)


def _force_login(self, user, backend=None):
    from fazhi.accounts.receivers import on_logged_in, start_session

    user_logged_in.disconnect(on_logged_in, dispatch_uid="fazhi.accounts.logged_in")
    try:
        _original_force_login(self, user, backend)
    finally:
        user_logged_in.connect(on_logged_in, dispatch_uid="fazhi.accounts.logged_in")
    session = self.session
    start_session(session, user)
    session.save()
    from django_otp.plugins.otp_static.models import StaticDevice

    from fazhi.accounts.second_factor import needs_verification

    if needs_verification(user):
        device = StaticDevice.objects.filter(user=user, confirmed=True).first() or StaticDevice.objects.create(
            user=user, name="测试（force_login）", confirmed=True
        )
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    monkeypatch.setattr(Client, "force_login", _force_login)
