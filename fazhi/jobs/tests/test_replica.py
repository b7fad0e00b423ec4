"""The read replica (ADR 0072): every write goes to default, marked reads go to the replica, reads after a write or
inside a transaction stay on default. The replica here is a second connection to the same test database."""

import re
import types

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from fazhi.jobs import replica
from fazhi.jobs.replica import REPLICA, ReplicaRouter, reading_from_replica

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER)\b|\bFOR UPDATE\b|^\s*(SAVEPOINT|BEGIN)", re.I)


@pytest.fixture
def replica_db(django_db_blocker):
    """A ``replica`` alias on the same (test) database, the router installed; removed again afterwards.

    Django's test case refuses connections to aliases it was not told about when it started, and the replica is added
    after (it must not exist for the rest of the suite): its wrapper gets the real ``ensure_connection``."""
    django_settings.DATABASES[REPLICA] = {**connections["default"].settings_dict}
    real = django_db_blocker._real_ensure_connection
    connections[REPLICA].ensure_connection = types.MethodType(real, connections[REPLICA])
    try:
        with override_settings(DATABASE_ROUTERS=["fazhi.jobs.replica.ReplicaRouter"]):
            yield connections[REPLICA]
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del django_settings.DATABASES[REPLICA]


def test_the_router_sends_no_model_to_the_replica_for_writing_and_migrates_only_default():
    """Over every installed model, inside a marked scope: writes and migrations are default's."""
    r = ReplicaRouter()
    with reading_from_replica():
        for model in apps.get_models():
            assert r.db_for_write(model) == "default", model
            assert r.allow_migrate(REPLICA, model._meta.app_label, model._meta.model_name) is False
            assert r.allow_migrate("default", model._meta.app_label, model._meta.model_name) is True


NO_REPLICA_URL = pytest.mark.skipif(
    bool(django_settings.FAZHI_DATABASE_REPLICA_URL), reason="the suite runs with FAZHI_DATABASE_REPLICA_URL set"
)


@NO_REPLICA_URL
def test_without_a_replica_configured_every_read_stays_on_default():
    assert REPLICA not in django_settings.DATABASES
    with reading_from_replica():
        for model in apps.get_models():
            assert ReplicaRouter().db_for_read(model) == "default"


def test_in_a_marked_scope_reads_go_to_the_replica_except_the_login_tables_and_after_a_write(replica_db):
    from fazhi.enforcement.models import Case  # noqa: F401 — only its label matters here

    r = ReplicaRouter()
    case = apps.get_model("enforcement", "Case")
    assert r.db_for_read(case) == "default"  # not marked
    with reading_from_replica():
        assert r.db_for_read(case) == REPLICA
        assert r.db_for_read(apps.get_model("sessions", "Session")) == "default"
        assert r.db_for_read(apps.get_model("org", "User")) == "default"
        r.db_for_write(case)
        assert r.db_for_read(case) == "default"  # read-your-writes


@pytest.mark.django_db(transaction=True)
def test_a_service_called_in_a_marked_scope_writes_only_to_default(replica_db, world):
    from fazhi.jobs import services
    from fazhi.jobs.models import Job

    town = world.town  # built outside the scope; the leader, the newcomer and the job inside it
    with CaptureQueriesContext(replica_db) as on_replica, reading_from_replica():
        list(apps.get_model("org", "Body").objects.all())  # a marked read: the replica
        job = services.enqueue_export(actor=world.leader, year=2019, quarter=4)
        world.person(town, *(), username="newcomer")  # org's services: a person, roles, a chain entry
    writes = [q["sql"] for q in on_replica.captured_queries if WRITE.search(q["sql"])]
    assert writes == []
    assert any("org_body" in q["sql"] for q in on_replica.captured_queries)
    assert Job.objects.using("default").filter(pk=job.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_stay_on_default(replica_db, world):
    assert world.town
    with CaptureQueriesContext(replica_db) as on_replica, reading_from_replica(), transaction.atomic():
        list(apps.get_model("org", "Body").objects.all())
    assert on_replica.captured_queries == []


@pytest.mark.django_db(transaction=True)
def test_a_marked_page_reads_from_the_replica_and_a_browser_that_just_wrote_is_pinned_to_default(
    replica_db, world, client
):
    leader = world.leader
    client.force_login(leader)
    assert replica.view_is_marked("enforcement:case_list")
    with CaptureQueriesContext(replica_db) as on_replica:
        assert client.get("/cases/").status_code == 200
    assert on_replica.captured_queries, "the case list read nothing from the replica"
    assert not [q for q in on_replica.captured_queries if WRITE.search(q["sql"])]
    assert not any("django_session" in q["sql"] for q in on_replica.captured_queries)

    # A form that writes (an export queued) pins this browser to default for the next pages.
    response = client.post("/jobs/export/", {"year": "2019", "quarter": "4"})
    assert response.status_code == 302 and replica.PIN_COOKIE in response.cookies
    with CaptureQueriesContext(replica_db) as on_replica:
        assert client.get("/cases/").status_code == 200
    assert on_replica.captured_queries == []


@pytest.mark.django_db(transaction=True)
def test_an_unmarked_page_never_reads_from_the_replica(replica_db, world, client):
    client.force_login(world.leader)
    assert not replica.view_is_marked("jobs:list")
    with CaptureQueriesContext(replica_db) as on_replica:
        assert client.get("/jobs/").status_code == 200
    assert on_replica.captured_queries == []


@NO_REPLICA_URL
def test_the_router_is_installed_only_with_a_replica_url():
    assert not django_settings.FAZHI_DATABASE_REPLICA_URL
    assert "fazhi.jobs.replica.ReplicaRouter" not in getattr(django_settings, "DATABASE_ROUTERS", [])
    assert router.db_for_read(apps.get_model("enforcement", "Case")) == "default"
