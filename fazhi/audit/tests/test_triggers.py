import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from fazhi.audit import triggers
from fazhi.audit.models import ChainEntry
from fazhi.audit.tests.factories import append
from fazhi.audit.tests.tamper import tamper

pytestmark = pytest.mark.django_db

REFUSAL = "审计链条目不可修改或删除"


def refused(action) -> str:
    """Run a write that the triggers must refuse, inside a savepoint; return the database's message."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        action()
    return str(caught.value)


def test_migrations_install_the_append_only_triggers():
    assert triggers.installed(connection)


def test_saving_a_changed_entry_through_the_orm_is_refused():
    entry = append()[0]
    entry.payload = {"new": {"value": "伪造"}}
    assert REFUSAL in refused(entry.save)
    assert ChainEntry.objects.get(pk=entry.pk).payload == {"old": {"value": 0}, "new": {"value": 1}}


def test_queryset_update_of_entries_is_refused():
    append(2)
    assert REFUSAL in refused(lambda: ChainEntry.objects.update(actor_label="他人"))
    assert set(ChainEntry.objects.values_list("actor_label", flat=True)) == {"系统"}


def test_deleting_an_entry_through_the_orm_is_refused():
    entry = append()[0]
    assert REFUSAL in refused(entry.delete)
    assert REFUSAL in refused(lambda: ChainEntry.objects.all().delete())
    assert ChainEntry.objects.filter(pk=entry.pk).exists()


def test_raw_sql_update_and_delete_are_refused():
    entry = append()[0]

    def raw(sql):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql, [entry.pk])

        return run

    assert REFUSAL in refused(raw("UPDATE audit_chainentry SET payload = '{}' WHERE id = %s"))
    assert REFUSAL in refused(raw("UPDATE audit_chainentry SET entry_hash = prev_hash WHERE id = %s"))
    assert REFUSAL in refused(raw("DELETE FROM audit_chainentry WHERE id = %s"))
    assert ChainEntry.objects.get(pk=entry.pk).entry_hash == entry.entry_hash


def test_tamper_helper_lifts_the_triggers_only_for_its_statements():
    entry = append()[0]
    tamper(("UPDATE audit_chainentry SET actor_label = %s WHERE id = %s", ["改过", entry.pk]))
    assert ChainEntry.objects.get(pk=entry.pk).actor_label == "改过"
    assert triggers.installed(connection)
    assert REFUSAL in refused(lambda: ChainEntry.objects.update(actor_label="再改"))


def test_a_failing_tamper_block_leaves_the_triggers_in_place():
    append()
    with pytest.raises(DatabaseError), transaction.atomic():
        tamper("UPDATE audit_chainentry SET no_such_column = 1")
    assert triggers.installed(connection)


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_chain_and_keeps_the_triggers():
    append(3)
    call_command("flush", interactive=False, verbosity=0)
    assert ChainEntry.objects.count() == 0
    assert triggers.installed(connection)
    entry = append()[0]
    assert REFUSAL in refused(entry.delete)
