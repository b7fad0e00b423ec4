"""行政强制 records (schema v2): a 查封、扣押 walked from its recording through its extension to its release exports
one record with a version per step, at the same seq as the case's own version; nothing of the place or the 笔录
leaves the instance (ADR 0062, ADR 0067)."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.enforcement import services as enforcement
from fazhi.enforcement.tests.factories import case_at
from fazhi.exchange import schema
from fazhi.exchange.models import OutboxEvent

PLACE = "辛口镇某村东侧田地仓库"
CONTENT = "扣押焚烧工具打火机两个，当事人孙某某在场"


def _video():
    return SimpleUploadedFile("扣押.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64, content_type="video/mp4")


def _seizure_to_release(w):
    case = case_at(w, "investigating")  # 2022: filed on 03-03
    act = enforcement.record_act(
        actor=w.officer1, case=case, kind="seizure", on=date(2022, 3, 5), place=PLACE,
        officers=[w.officer1, w.officer2], content=CONTENT, person="孙某某", recording=_video(),
    )  # fmt: skip
    enforcement.extend_seizure(actor=w.leader, act=act, days=30, reason="需技术鉴定")
    enforcement.end_seizure(actor=w.officer1, act=act, on=date(2022, 4, 20), handling="鉴定完毕，解除扣押，退还当事人")
    return case, act


def _versions(record_id):
    return list(OutboxEvent.objects.filter(record_id=record_id).order_by("version"))


def test_a_seizure_has_a_version_for_recording_extending_and_ending_it(w):
    case, act = _seizure_to_release(w)
    versions = _versions(f"enforcement.investigationact:{act.pk}")
    assert [v.record["event"] for v in versions] == [
        "enforcement.act_recorded", "enforcement.seizure_extended", "enforcement.seizure_ended",
    ]  # fmt: skip
    # Each is also a version of the case, at the same chain seq (one entry, two records).
    case_seqs = {v.version for v in _versions(f"enforcement.case:{case.pk}")}
    assert {v.version for v in versions} <= case_seqs
    first, extended, ended = (v.record["data"] for v in versions)
    assert first["measure"] == "seizure" and first["on"] == "2022-03-05"
    assert first["case_record_id"] == f"enforcement.case:{case.pk}" and first["case_number"] == case.number
    # 行政强制法 第二十五条: 30 days from 03-05 is 04-04, in the 2022 清明 holiday (04-03 to 04-05): 04-06.
    assert (first["due_on"], first["extended"], first["ended_on"]) == ("2022-04-06", False, None)
    # Extended once by 30 days: 60 days from 03-05 is 05-04, in the 劳动节 holiday (04-30 to 05-04): 05-05.
    assert (extended["due_on"], extended["extended"]) == ("2022-05-05", True)
    assert (ended["ended_on"], ended["handling"]) == ("2022-04-20", "鉴定完毕，解除扣押，退还当事人")
    assert all(v.record_type == "compulsory" and v.body_id == w.town.pk for v in versions)


def test_every_record_of_the_seizure_conforms_to_v2_and_carries_no_place_or_record_text(w):
    _seizure_to_release(w)
    records = [r.record for r in OutboxEvent.objects.all()]
    assert {"case", "compulsory"} <= {r["record_type"] for r in records}
    for record in records:
        assert schema.errors(record) == [], record
    text = str([r for r in records if r["record_type"] == "compulsory"])
    assert PLACE not in text and CONTENT not in text and "120111198001010000" not in text


def test_an_ordinary_inspection_act_makes_no_compulsory_record(w):
    case_at(w, "decided")  # its only act is a 现场检查
    assert not OutboxEvent.objects.filter(record_type="compulsory").exists()
