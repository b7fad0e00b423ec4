"""Verification at city scale: the fast canonical form, chunks verified apart and joined at their seams, and the
incremental pass from a checkpoint (`audit_verify --since SEQ:HASH`)."""

import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.audit import hashing, verify
from fazhi.audit.models import ChainEntry
from fazhi.audit.tests.factories import append
from fazhi.audit.tests.tamper import rehash, tamper


def entry(seq: int) -> ChainEntry:
    return ChainEntry.objects.get(seq=seq)


def run_verify(*args, quiet=True) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("audit_verify", *(["--quiet"] if quiet else []), *args, stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return error.returncode, str(error)
    return 0, out.getvalue().strip()


def test_row_bytes_are_the_canonical_entry_bytes():
    # The fast path must hash exactly what record() hashed: nested keys out of order, Chinese text, a null actor,
    # a whole-second time (no microseconds stored) and a decimal-looking string.
    row = (
        7,
        datetime(2019, 3, 4, 5, 6, 7, tzinfo=UTC),
        None,
        "系统",
        "setting.changed",
        "core.setting",
        "s1",
        "设置一",
        3,
        {"z": {"b": 1, "a": [2, {"y": "乙", "x": "甲"}]}, "amount": "12.50"},
        "0" * 64,
        "",
    )
    fields = dict(zip(verify.HASHED_FIELDS, row[:11], strict=True))
    assert verify.row_bytes(row) == hashing.entry_bytes(**fields)


@pytest.mark.django_db
def test_chunks_joined_at_their_seams_give_the_same_result_as_one_pass():
    entries = append(10)
    # 10 entries in 3 chunks: seq ≤4, 5–8, ≥9 (the outer chunks open-ended).
    assert verify.chunk_bounds(1, 10, 3) == [(None, 4), (5, 8), (9, None)]
    result = verify.verify_parallel(workers=1, chunks=3)
    assert result.ok
    assert (result.count, result.head_seq, result.head_hash) == (10, 10, entries[-1].entry_hash)
    assert result.message == verify.verify_chain().message


@pytest.mark.django_db
def test_a_rewritten_last_entry_of_a_chunk_is_found_at_the_seam():
    append(10)
    # Chunks: ≤5 and ≥6. #5 rewritten with a recomputed hash is self-consistent inside chunk 1; only the seam check
    # (chunk 2's first prev-hash against chunk 1's last hash) can notice that #6 no longer follows it.
    assert verify.chunk_bounds(1, 10, 2) == [(None, 5), (6, None)]
    e5 = entry(5)
    new_payload = {"old": {"value": 4}, "new": {"value": 999}}
    tamper(
        (
            "UPDATE audit_chainentry SET payload = %s, entry_hash = %s WHERE seq = 5",
            [json.dumps(new_payload), rehash(e5, payload=new_payload)],
        )
    )
    result = verify.verify_parallel(workers=1, chunks=2)
    assert (result.finding.seq, result.finding.kind) == (6, verify.Problem.BROKEN_LINK)
    # The single pass names the same entry.
    single = verify.verify_chain()
    assert (single.finding.seq, single.finding.kind) == (6, verify.Problem.BROKEN_LINK)


@pytest.mark.django_db
def test_an_entry_deleted_at_a_seam_is_reported_as_a_gap():
    append(10)
    tamper("DELETE FROM audit_chainentry WHERE seq = 6")
    result = verify.verify_parallel(workers=1, chunks=2)
    assert (result.finding.seq, result.finding.kind) == (6, verify.Problem.GAP)


@pytest.mark.django_db
def test_an_edit_inside_a_later_chunk_is_named():
    append(10)
    tamper("UPDATE audit_chainentry SET subject_label = '改过' WHERE seq = 8")
    result = verify.verify_parallel(workers=1, chunks=3)
    assert (result.finding.seq, result.finding.kind) == (8, verify.Problem.EDITED)


@pytest.mark.django_db
def test_a_deleted_tail_is_found_after_the_chunks():
    append(10)
    tamper("DELETE FROM audit_chainentry WHERE seq = 10")
    result = verify.verify_parallel(workers=1, chunks=3)
    assert (result.finding.seq, result.finding.kind) == (10, verify.Problem.TAIL_MISSING)


@pytest.mark.django_db(transaction=True)
def test_chunks_verified_in_worker_processes():
    entries = append(12)
    result = verify.verify_parallel(workers=2, chunks=4)
    assert (result.ok, result.count, result.head_hash) == (True, 12, entries[-1].entry_hash)
    tamper("UPDATE audit_chainentry SET actor_label = '他人' WHERE seq = 11")
    result = verify.verify_parallel(workers=2, chunks=4)
    assert (result.finding.seq, result.finding.kind) == (11, verify.Problem.EDITED)


@pytest.mark.django_db
def test_since_reads_only_the_entries_after_the_checkpoint(django_assert_max_num_queries):
    append(5)
    checkpoint = verify.current_head()
    entries = append(3)
    read = []
    # A fixed handful of queries (head before, the checkpoint's row, the stream of the new rows — on PostgreSQL a
    # COPY and the transaction around it —, head after), and only 3 rows read.
    with django_assert_max_num_queries(8):
        result = verify.verify_chain(since=checkpoint, check_files=False, progress=read.append)
    assert sum(read) == 3
    assert result.ok
    assert (result.count, result.head_seq, result.head_hash) == (3, 8, entries[-1].entry_hash)
    assert result.message == f"审计链完整：自检查点 #5 之后新增 3 条均已校验，链头 #8 {entries[-1].entry_hash}"
    assert run_verify("--since", str(checkpoint), quiet=False) == (0, result.message)
    assert verify.verify_parallel(workers=1, chunks=2, since=checkpoint).message == result.message


@pytest.mark.django_db
def test_since_with_nothing_new_is_complete():
    append(4)
    checkpoint = verify.current_head()
    result = verify.verify_chain(since=checkpoint)
    assert (result.ok, result.count, result.head_seq) == (True, 0, 4)


@pytest.mark.django_db
def test_since_finds_an_edit_among_the_new_entries():
    append(5)
    checkpoint = verify.current_head()
    append(3)
    tamper("UPDATE audit_chainentry SET subject_label = '改过' WHERE seq = 7")
    code, message = run_verify("--since", str(checkpoint))
    assert code == 2
    assert message.startswith("审计链校验失败：#7 内容被修改")
    result = verify.verify_parallel(workers=1, chunks=2, since=checkpoint)
    assert (result.finding.seq, result.finding.kind) == (7, verify.Problem.EDITED)


@pytest.mark.django_db
def test_since_refuses_a_checkpoint_whose_entry_was_rewritten():
    append(5)
    checkpoint = verify.current_head()
    append(2)
    e5 = entry(5)
    tamper(("UPDATE audit_chainentry SET entry_hash = %s WHERE seq = 5", [rehash(e5, subject_label="伪")]))
    result = verify.verify_chain(since=checkpoint)
    assert (result.finding.seq, result.finding.kind) == (5, verify.Problem.CHECKPOINT)
    assert not verify.verify_parallel(workers=1, since=checkpoint).ok


@pytest.mark.django_db
def test_since_rejects_a_malformed_argument_and_bad_worker_counts():
    append(1)
    code, message = run_verify("--since", "abc")
    assert code == 1 and "--since 参数有误" in message
    code, message = run_verify("--workers", "0")
    assert "--workers 应为正整数" in message


def _queries_to_verify() -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert verify.verify_chain(check_files=False).ok
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_the_fast_path_matches_ordinary_entries_so_verifying_more_of_them_costs_no_more_queries():
    """Every entry the fast path (chainread) cannot match is re-read by one ORM query before it is judged; for
    ordinary entries — labels and payloads with quotes, backslashes, tabs, newlines, control characters, Chinese,
    nested lists, big integers — it must match, so 3 entries and 30 take the same fixed number of queries."""
    from fazhi.audit.events import Event
    from fazhi.audit.services import record

    def add(i: int) -> None:
        record(
            actor=None,
            event=Event.SETTING_CHANGED,
            subject=("core.setting", f"s{i}", f'引号"反斜杠\\制表\t换行\n{i}'),
            payload={
                "new": {
                    "text": 'a"b\\c\td\ne\x01f\u2028',
                    "n": 10**20 + i,
                    "x": 0.5,
                    "list": [1, {"z": 1, "a": [None]}],
                },
                "old": None,
                "名称": "辛口镇",
            },
        )

    add(0), add(1), add(2)
    few = _queries_to_verify()
    for i in range(3, 30):
        add(i)
    assert _queries_to_verify() == few


@pytest.mark.django_db
def test_an_entry_the_fast_path_renders_differently_is_recomputed_exactly_and_verifies():
    """msgspec prints 1e-07 as 1e-7: the fast path's hash differs, the exact path (hashing.entry_hash) agrees."""
    append(2, tiny=1e-7, huge=1.5e300)
    result = verify.verify_chain()
    assert (result.ok, result.count) == (True, 2), result.message


@pytest.mark.django_db
def test_times_whose_fraction_ends_in_zeros_match_on_the_fast_path_without_recomputing():
    """entry_bytes writes the time at six fraction digits (08:30:37.500000, 08:30:37.000000); PostgreSQL prints
    08:30:37.5 and 08:30:37, SQLite stores a whole second without a fraction. The fast path pads the fraction back,
    so none of these entries needs the exact path's query and the chain verifies."""
    import time_machine

    from fazhi.audit import chainread

    moments = [
        datetime(2019, 1, 2, 8, 30, 37, tzinfo=UTC),
        datetime(2019, 1, 2, 8, 30, 38, 500000, tzinfo=UTC),
        datetime(2019, 1, 2, 8, 30, 39, 120000, tzinfo=UTC),
        datetime(2019, 1, 2, 8, 30, 40, 10, tzinfo=UTC),
        datetime(2019, 1, 2, 8, 30, 41, 999999, tzinfo=UTC),
    ]
    for moment in moments:
        with time_machine.travel(moment, tick=False):
            append(1)
    assert [entry(seq).at for seq in range(1, 6)] == moments
    (batch,) = chainread.batches()
    assert batch.seqs == (1, 2, 3, 4, 5)
    assert batch.computed == list(batch.stored)
    result = verify.verify_chain()
    assert (result.ok, result.count) == (True, 5), result.message


def test_the_collector_is_paused_only_inside_the_block_and_restored_even_after_an_error():
    import gc

    assert gc.isenabled()
    with verify.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), verify.collector_paused():
        raise RuntimeError("中途出错")
    assert gc.isenabled()
    gc.disable()
    try:
        with verify.collector_paused():
            pass
        assert not gc.isenabled(), "a collector paused by someone else stays paused"
    finally:
        gc.enable()


@pytest.mark.django_db
def test_an_edit_in_the_middle_of_a_window_is_found_after_the_plain_windows_before_it():
    """Windows of 3 entries: the first two are accepted as whole runs, the third holds the edit and is read entry by
    entry, and the edited entry is the finding (on both databases: PostgreSQL reads windows of chunk_size too)."""
    append(9)
    tamper("UPDATE audit_chainentry SET subject_label = '他案' WHERE seq = 8")
    result = verify.verify_chain(chunk_size=3)
    assert (result.finding.seq, result.finding.kind) == (8, verify.Problem.EDITED)
    assert verify.verify_parallel(workers=1, chunks=2, chunk_size=2).finding.seq == 8


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_server_printing_dates_in_another_style_still_matches_on_the_fast_path():
    """DateStyle 'SQL, DMY' prints 02/01/2019 08:30:37.5; the pass sets ISO for its own transaction only, and the
    connection prints as before once that transaction ends."""
    from django.db import connection, transaction

    from fazhi.audit import chainread

    if connection.vendor != "postgresql":
        pytest.skip("DateStyle is a PostgreSQL setting; SQLite stores Django's own text")
    append(3)
    with connection.cursor() as cursor:
        cursor.execute("SET DateStyle TO 'SQL, DMY'")
    try:
        with transaction.atomic():
            (batch,) = chainread.batches()
        assert batch.computed == list(batch.stored)
        with connection.cursor() as cursor:
            cursor.execute("SHOW DateStyle")
            assert cursor.fetchone()[0] == "SQL, DMY"
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET DateStyle TO 'ISO, MDY'")
