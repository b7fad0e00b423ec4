import io
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.audit import hashing, verify
from fazhi.audit.models import GENESIS_HASH, ChainEntry
from fazhi.audit.tests.factories import append
from fazhi.audit.tests.tamper import rehash, set_head, tamper

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def run_verify(*args) -> tuple[int, str]:
    out = io.StringIO()
    err = io.StringIO()
    try:
        call_command("audit_verify", "--quiet", *args, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, str(error)
    return 0, out.getvalue()


def entry(seq: int) -> ChainEntry:
    return ChainEntry.objects.get(seq=seq)


def test_intact_chain_verifies_and_reports_its_head():
    entries = append(5)
    result = verify.verify_chain()
    assert result.ok
    assert (result.count, result.head_seq, result.head_hash) == (5, 5, entries[-1].entry_hash)
    out = io.StringIO()
    call_command("audit_verify", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == f"审计链完整：共 5 条，链头 #5 {entries[-1].entry_hash}"


def test_empty_chain_verifies():
    assert verify.verify_chain().ok
    assert run_verify() == (0, "")


def test_entries_link_to_their_predecessor_from_genesis():
    first, second = append(2)
    assert (first.seq, first.prev_hash) == (1, GENESIS_HASH)
    assert (second.seq, second.prev_hash) == (2, first.entry_hash)


def test_edited_payload_is_named_as_the_first_bad_entry():
    append(5)
    forged = json.dumps({"old": {"value": 2}, "new": {"value": 999}})
    tamper(("UPDATE audit_chainentry SET payload = %s WHERE seq = 3", [forged]))
    result = verify.verify_chain()
    assert not result.ok
    assert (result.finding.seq, result.finding.kind) == (3, verify.Problem.EDITED)
    code, message = run_verify()
    assert code != 0
    assert message.startswith("审计链校验失败：#3 内容被修改：")


def test_edited_entry_with_recomputed_hash_breaks_the_next_link():
    append(4)
    e2 = entry(2)
    new_payload = {"old": {"value": 1}, "new": {"value": 500}}
    tamper(
        (
            "UPDATE audit_chainentry SET payload = %s, entry_hash = %s WHERE seq = 2",
            [json.dumps(new_payload), rehash(e2, payload=new_payload)],
        )
    )
    result = verify.verify_chain()
    assert (result.finding.seq, result.finding.kind) == (3, verify.Problem.BROKEN_LINK)


def test_deleted_row_is_reported_as_a_gap_naming_the_missing_seq():
    append(6)
    tamper("DELETE FROM audit_chainentry WHERE seq = 4")
    result = verify.verify_chain()
    assert (result.finding.seq, result.finding.kind) == (4, verify.Problem.GAP)
    code, message = run_verify()
    assert code != 0
    assert "#4 条目缺失" in message and "从 #3 直接跳到 #5" in message


def test_deleted_last_row_is_caught_by_the_head():
    append(3)
    tamper("DELETE FROM audit_chainentry WHERE seq = 3")
    result = verify.verify_chain()
    assert (result.finding.seq, result.finding.kind) == (3, verify.Problem.TAIL_MISSING)


def test_swapped_rows_are_named_with_the_position_they_were_written_at():
    append(5)
    # Swap the seq numbers of #2 and #3 (via a free number: seq is unique).
    tamper(
        "UPDATE audit_chainentry SET seq = 1000 WHERE seq = 2",
        "UPDATE audit_chainentry SET seq = 2 WHERE seq = 3",
        "UPDATE audit_chainentry SET seq = 3 WHERE seq = 1000",
    )
    result = verify.verify_chain()
    assert (result.finding.seq, result.finding.kind) == (2, verify.Problem.REORDERED)
    assert "作为 #3 写入" in result.finding.detail
    code, message = run_verify()
    assert code != 0 and "#2 序号被改动" in message


def test_row_inserted_in_the_middle_by_a_careful_forger_is_caught_at_the_next_entry():
    append(4)
    e2 = entry(2)
    # Shift #3..#4 up by one, then forge a well-formed #3 chained to #2 and move the head.
    tamper(
        "UPDATE audit_chainentry SET seq = seq + 100 WHERE seq >= 3",
        "UPDATE audit_chainentry SET seq = seq - 99 WHERE seq >= 100",
    )
    payload = {"new": {"value": "伪造的决定"}}
    forged_hash = rehash(e2, seq=3, payload=payload, prev_hash=e2.entry_hash)
    ChainEntry.objects.create(
        seq=3,
        at=e2.at,
        actor_label=e2.actor_label,
        event=e2.event,
        subject_type=e2.subject_type,
        subject_id=e2.subject_id,
        subject_label=e2.subject_label,
        payload=payload,
        prev_hash=e2.entry_hash,
        entry_hash=forged_hash,
    )
    set_head(5, entry(5).entry_hash)
    result = verify.verify_chain()
    assert (result.finding.seq, result.finding.kind) == (4, verify.Problem.REORDERED)
    assert "作为 #3 写入" in result.finding.detail


def test_row_appended_behind_the_records_back_is_caught_by_the_head():
    append(3)
    last = entry(3)
    ChainEntry.objects.create(
        seq=4,
        at=last.at,
        actor_label="系统",
        event=last.event,
        subject_type="x",
        subject_id="1",
        payload={},
        prev_hash=last.entry_hash,
        entry_hash=rehash(
            last, seq=4, subject_type="x", subject_id="1", subject_label="", payload={}, prev_hash=last.entry_hash
        ),
    )
    result = verify.verify_chain()
    assert (result.finding.seq, result.finding.kind) == (4, verify.Problem.BEYOND_HEAD)


def test_row_appended_with_a_made_up_link_is_a_broken_link():
    append(2)
    last = entry(2)
    bogus_prev = "f" * 64
    fields = dict(seq=3, subject_type="x", subject_id="1", subject_label="", payload={}, prev_hash=bogus_prev)
    ChainEntry.objects.create(
        at=last.at,
        actor_label=last.actor_label,
        event=last.event,
        entry_hash=rehash(last, **fields),
        **fields,
    )
    set_head(3, entry(3).entry_hash)
    result = verify.verify_chain()
    assert (result.finding.seq, result.finding.kind) == (3, verify.Problem.BROKEN_LINK)


def test_changed_stored_file_is_detected(media):
    name = default_storage.save("evidence/photo.jpg", ContentFile(b"original evidence bytes"))
    digest = hashing.sm3_hex(b"original evidence bytes")
    append(1)
    append(1, files=[{"name": name, "sm3": digest}])
    append(1)
    assert verify.verify_chain().ok
    with default_storage.open(name, "wb") as handle:
        handle.write(b"doctored evidence bytes")
    result = verify.verify_chain()
    assert (result.finding.seq, result.finding.kind) == (2, verify.Problem.FILE_CHANGED)
    code, message = run_verify()
    assert code != 0 and "#2 文件被改动" in message and name in message
    assert run_verify("--no-files")[0] == 0


def test_missing_stored_file_is_detected(media):
    name = default_storage.save("docs/decision.docx", ContentFile(b"docx"))
    append(1, files=[{"name": name, "sm3": hashing.sm3_hex(b"docx")}])
    default_storage.delete(name)
    result = verify.verify_chain()
    assert (result.finding.seq, result.finding.kind) == (1, verify.Problem.FILE_MISSING)


def test_checkpoint_detects_history_rewritten_consistently():
    append(5)
    checkpoint = verify.current_head()
    assert str(checkpoint) == f"5:{entry(5).entry_hash}"
    assert run_verify("--against", str(checkpoint))[0] == 0
    # Rewrite #2 and re-chain everything after it, so the chain is self-consistent again.
    prev = entry(1).entry_hash
    statements = []
    for seq in range(2, 6):
        e = entry(seq)
        payload = {"old": {"value": 0}, "new": {"value": "改写"}} if seq == 2 else e.payload
        new_hash = rehash(e, payload=payload, prev_hash=prev)
        statements.append(
            (
                "UPDATE audit_chainentry SET payload = %s, prev_hash = %s, entry_hash = %s WHERE seq = %s",
                [json.dumps(payload), prev, new_hash, seq],
            )
        )
        prev = new_hash
    tamper(*statements)
    set_head(5, prev)
    assert verify.verify_chain().ok
    result = verify.verify_chain(against=checkpoint)
    assert (result.finding.seq, result.finding.kind) == (5, verify.Problem.CHECKPOINT)
    code, message = run_verify("--against", str(checkpoint))
    assert code != 0 and "#5 与检查点不符" in message


def test_checkpoint_beyond_a_truncated_chain_fails():
    append(4)
    checkpoint = verify.current_head()
    tamper("DELETE FROM audit_chainentry WHERE seq >= 3")
    set_head(2, entry(2).entry_hash)
    assert verify.verify_chain().ok
    result = verify.verify_chain(against=checkpoint)
    assert (result.finding.seq, result.finding.kind) == (4, verify.Problem.CHECKPOINT)


def test_against_with_a_malformed_checkpoint_names_the_argument():
    append(1)
    with pytest.raises(CommandError, match="--against 参数有误"):
        call_command("audit_verify", "--quiet", "--against", "12:not-a-hash")


def test_checkpoint_command_prints_seq_and_hash_first_then_advice():
    entries = append(3)
    out = io.StringIO()
    call_command("audit_checkpoint", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"3:{entries[-1].entry_hash}"
    assert "系统之外" in lines[1]
    assert verify.parse_checkpoint(lines[0]) == verify.Checkpoint(3, entries[-1].entry_hash)


def test_progress_is_reported_once_per_entry():
    append(7)
    seen = []
    assert verify.verify_chain(progress=seen.append, chunk_size=3).ok
    assert sum(seen) == 7


def test_iter_findings_keeps_going_after_the_first_problem():
    append(6)
    tamper(
        ("UPDATE audit_chainentry SET actor_label = %s WHERE seq = 2", ["甲"]),
        ("UPDATE audit_chainentry SET actor_label = %s WHERE seq = 5", ["乙"]),
    )
    findings = list(verify.iter_findings())
    assert [(f.seq, f.kind) for f in findings] == [(2, verify.Problem.EDITED), (5, verify.Problem.EDITED)]
