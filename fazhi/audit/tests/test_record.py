from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction

from fazhi.audit import services, verify
from fazhi.audit.events import Event
from fazhi.audit.models import GENESIS_HASH, ChainEntry, ChainHead
from fazhi.audit.services import record
from fazhi.audit.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_record_appends_with_actor_subject_body_and_moves_the_head():
    user = UserFactory(last_name="王", first_name="建国")
    entry = record(
        actor=user,
        event=Event.STAFF_CHANGED,
        subject=("org.user", user.pk, "王建国"),
        payload={"old": {"phone": ""}, "new": {"phone": "022-1234"}},
        body_id=42,
    )
    stored = ChainEntry.objects.get(seq=1)
    assert (stored.actor_id, stored.actor_label, stored.event) == (user.pk, "王建国", "org.staff_changed")
    assert (stored.subject_type, stored.subject_id, stored.body_id) == ("org.user", str(user.pk), 42)
    head = ChainHead.objects.get(id=1)
    assert (head.seq, head.entry_hash) == (1, entry.entry_hash)


def test_record_accepts_a_model_instance_as_subject():
    user = UserFactory(last_name="赵", first_name="敏")
    entry = record(actor=None, event=Event.STAFF_CREATED, subject=user)
    assert (entry.subject_type, entry.subject_id, entry.subject_label) == ("org.user", str(user.pk), "赵敏")
    assert entry.actor_label == "系统"


def test_dates_decimals_and_big_floats_hash_the_same_after_the_database_round_trip():
    record(
        actor=None,
        event=Event.TRAINING_RECORDED,
        subject=("org.trainingrecord", "1"),
        payload={"new": {"date": date(2019, 10, 8), "hours": Decimal("2.5"), "big": 1e16, "small": 1e-5}},
    )
    stored = ChainEntry.objects.get(seq=1)
    assert stored.payload["new"] == {"date": "2019-10-08", "hours": "2.5", "big": 10**16, "small": 1e-5}
    assert verify.verify_chain().ok


def test_unknown_event_code_is_refused():
    with pytest.raises(ValueError):
        record(actor=None, event="no.such_event", subject=("x", "1"))
    assert not ChainEntry.objects.exists()


def test_malformed_file_list_is_refused_before_anything_is_written():
    with pytest.raises(ValueError, match="files"):
        record(actor=None, event=Event.SETTING_CHANGED, subject=("x", "1"), payload={"files": [{"name": "a.pdf"}]})
    assert not ChainEntry.objects.exists()


def test_long_names_are_cut_to_the_column_width():
    user = UserFactory(last_name="长" * 100, first_name="名" * 100)
    assert len(record(actor=user, event=Event.STAFF_CHANGED, subject=user).actor_label) == 150


def test_entry_rolls_back_with_the_callers_failed_transaction():
    with pytest.raises(RuntimeError), transaction.atomic():
        record(actor=None, event=Event.SETTING_CHANGED, subject=("x", "1"))
        raise RuntimeError("服务在写入审计后失败")
    assert not ChainEntry.objects.exists()
    assert record(actor=None, event=Event.SETTING_CHANGED, subject=("x", "1")).seq == 1


def test_selectors_find_one_records_history_and_several_records_at_once(db):
    from fazhi.audit import selectors

    a = record(actor=None, event=Event.SETTING_CHANGED, subject=("core.setting", "a", "甲"), payload={})
    b = record(actor=None, event=Event.SETTING_CHANGED, subject=("core.setting", "b", "乙"), payload={})
    c = record(actor=None, event=Event.SETTING_CHANGED, subject=("core.setting", "a", "甲"), payload={})
    record(actor=None, event=Event.SETTING_CHANGED, subject=("core.deadline", "a", "期限"), payload={})
    assert list(selectors.entries_for_subject("core.setting", "a")) == [a, c]
    assert list(selectors.entries_about("core.setting", ["a", "b"])) == [a, b, c]
    assert selectors.all_entries().count() == 4


def _append(n: int):
    return record(actor=None, event=Event.SETTING_CHANGED, subject=("core.setting", str(n)), payload={"n": n})


@pytest.mark.django_db(transaction=True)
def test_an_append_rolled_back_with_its_caller_leaves_no_trace_in_the_next_one():
    """record() remembers the head it wrote; when the caller's transaction rolls back, that memory is wrong, and the
    next append must still follow the head the database has (seq 1 after genesis), not the rolled-back entry."""
    first = _append(1)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        _append(2)
        raise Boom
    third = _append(3)
    assert (third.seq, third.prev_hash) == (2, first.entry_hash)
    assert list(ChainEntry.objects.values_list("seq", "prev_hash")) == [(1, GENESIS_HASH), (2, first.entry_hash)]
    assert verify.verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_an_append_after_another_process_moved_the_head_links_to_that_head():
    """Another process's appends are invisible to this one's memory: a wrong remembered head (here: set by hand to a
    head the chain never had) makes the one-statement append match nothing, and the locked read links correctly."""
    first = _append(1)
    services._known_head, services._skip_guesses = (first.seq, "f" * 64), 0
    second = _append(2)
    services._known_head, services._skip_guesses = (7, first.entry_hash), 0
    third = _append(3)
    assert [(e.seq, e.prev_hash) for e in (second, third)] == [(2, first.entry_hash), (3, second.entry_hash)]
    assert ChainHead.objects.values_list("seq", "entry_hash").get(id=1) == (3, third.entry_hash)
    assert verify.verify_chain().ok
