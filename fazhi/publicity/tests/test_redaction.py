from datetime import date

from fazhi.publicity import redaction as r

VALID_18 = "11010519491231002X"


def test_valid_18_digit_id_is_masked_and_one_with_wrong_check_digit_is_only_a_suspect():
    result = r.redact(f"号码{VALID_18}与110105194912310021。")
    assert VALID_18 not in result.text
    assert "110105194912310021" in result.text
    assert [s.kind for s in result.spans] == ["id_number"]
    assert [s.text for s in result.suspects] == ["110105194912310021"]


def test_check_digit_follows_gb_11643():
    assert r.id18_check_digit("11010519491231002") == "X"
    assert r.id18_check_digit("44052418800101001") == "4"


def test_15_digit_id_with_a_valid_birth_date_is_masked():
    result = r.redact("旧身份证号码110105491231002。")
    assert "110105491231002" not in result.text
    assert result.spans[0].kind == "id_number"


def test_15_digit_number_with_impossible_date_is_not_an_id():
    assert r.find_spans("编号110105491331002。")[0] == []


def test_mobile_and_landline_numbers_are_masked_with_separators():
    text = "手机138-1234-5678，座机022-27391234，另（022）27391235。"
    result = r.redact(text)
    assert {s.kind for s in result.spans} == {"mobile", "landline"}
    assert "5678" not in result.text and "27391234" not in result.text and "27391235" not in result.text


def test_bank_account_is_masked_by_context_or_luhn():
    result = r.redact("开户账号6222 0212 3456 7890 123。卡4111111111111111。")
    assert len(result.spans) == 2
    assert all(s.kind == "bank_account" for s in result.spans)
    assert "4111111111111111" not in result.text


def test_plate_numbers_are_masked():
    result = r.redact("当事人驾驶津A12345号车辆和京AD12345新能源车。")
    assert [s.kind for s in result.spans] == ["plate", "plate"]
    assert "A12345" not in result.text


def test_document_numbers_dates_amounts_and_credit_codes_are_left_alone():
    text = (
        "津西青辛罚决〔2019〕12号：2019年3月15日，罚款人民币600.00元（陆佰元整），罚款1500元，"
        "统一社会信用代码91120111MA05XK0001，依据《中华人民共和国大气污染防治法》第一百一十九条。"
    )
    spans, suspects = r.find_spans(text)
    assert spans == [] and suspects == []
    assert r.redact(text).text == text


def test_address_after_keyword_is_kept_down_to_town_only():
    result = r.redact("住址：天津市西青区辛口镇第六埠村3号。违法地点：辛口镇某村东侧田地。")
    assert "天津市西青区辛口镇" in result.text
    assert "第六埠村3号" not in result.text
    assert "辛口镇某村东侧田地" in result.text


def test_known_address_of_a_person_is_masked_everywhere_but_an_organisations_is_kept():
    text = "当事人住所天津市西青区辛口镇第六埠村张三家12号，在第六埠村焚烧。"
    person = r.Known(party_is_person=True, addresses=("天津市西青区辛口镇第六埠村张三家12号",))
    # The house (张三家12号) is masked; the village stays readable (docs/decisions/0056).
    assert r.redact(text, person).text == "当事人住所天津市西青区辛口镇第六埠村******，在第六埠村焚烧。"
    org = r.Known(party_is_person=False, addresses=("天津市西青区辛口镇第六埠村张三家12号",))
    assert "当事人住所天津市西青区辛口镇第六埠村张三家12号" in r.redact(text, org).text


def test_known_third_party_names_are_masked_but_the_party_keeps_her_name():
    text = "当事人孙某某，证人孙某、王小明证实。孙某某认可。"
    known = r.Known(party_name="孙某某", third_party_names=("孙某", "王小明"))
    result = r.redact(text, known)
    assert result.text.count("孙某某") == 2
    assert "王小明" not in result.text
    assert "证人**、***证实" in result.text


def test_known_id_with_bad_check_digit_is_masked_from_the_record():
    text = "身份证号码：120111197805120011。"
    assert "120111197805120011" in r.redact(text).text
    assert "120111197805120011" not in r.redact(text, r.Known(id_numbers=("120111197805120011",))).text


def test_overlapping_spans_merge_and_keep_every_reason():
    text = "联系电话13812345678。"
    known = r.Known(phones=("13812345678",), extra=(("电话13812", "审核人员补充"),))
    result = r.redact(text, known)
    assert len(result.spans) == 1
    span = result.spans[0]
    assert (span.start, span.end) == (2, 15)
    assert "审核人员补充" in span.reason and "通信方式" in span.reason
    assert result.text == "联系********************。"[:0] + "联系" + "*" * 13 + "。"


def test_masks_keep_offsets_so_both_sides_highlight_from_one_list():
    text = "证人王小明电话13987654321。"
    result = r.redact(text, r.Known(third_party_names=("王小明",)))
    assert len(result.text) == len(text)
    for span in result.spans:
        assert set(result.text[span.start : span.end]) == {"*"}


def test_profile_can_keep_head_and_tail_of_id_numbers():
    profile = r.Profile(id_keep_head=6, id_keep_tail=4)
    result = r.redact(f"身份证{VALID_18}", profile=profile)
    assert result.text == "身份证110105********002X"


def test_minor_is_judged_from_the_id_birth_date_on_the_decision_date():
    minor_id = "110105200801010011"
    minor_id = minor_id[:17] + r.id18_check_digit(minor_id[:17])
    assert r.is_minor(minor_id, date(2019, 6, 1))
    assert not r.is_minor(minor_id, date(2026, 1, 1))
    reasons = r.block_reasons(party_is_person=True, party_id_number=minor_id, decided_on=date(2019, 6, 1))
    assert reasons and "未成年人" in reasons[0]


def test_privacy_centred_and_warning_only_cases_are_blocked_by_default():
    reasons = r.block_reasons(
        party_is_person=True, party_id_number="", decided_on=date(2019, 6, 1), privacy_centred=True, warning_only=True
    )
    assert len(reasons) == 2
    allow_warnings = r.Profile(publish_warning_only=True)
    assert (
        r.block_reasons(
            party_is_person=True,
            party_id_number="",
            decided_on=date(2019, 6, 1),
            warning_only=True,
            profile=allow_warnings,
        )
        == []
    )


def test_long_unexplained_number_is_a_suspect_not_silently_published():
    _spans, suspects = r.find_spans("缴款凭证号2019031500012345。")
    assert [s.text for s in suspects] == ["2019031500012345"]


def test_an_address_mask_keeps_the_village_and_a_place_near_it_readable():
    text = "住址：天津市西青区辛口镇大杜庄村张三家12号。违法地点：大杜庄村口。文号：西青辛口罚〔2019〕12号。"
    redacted = r.redact(text).text
    assert "大杜庄村******。" in redacted  # 张三家12号 (6 characters) masked, the village kept
    assert "违法地点：大杜庄村口" in redacted and "〔2019〕12号" in redacted


def test_the_summary_fields_take_the_same_masks_as_the_full_text():
    known = r.Known(party_name="孙某某", third_party_names=("李四",), extra=(("东侧第三块田", "可识别地块"),))
    full = r.redact("证人李四证实，当事人孙某某在东侧第三块田焚烧秸秆。", known)
    act = r.mask_everywhere("孙某某在东侧第三块田焚烧秸秆，李四在场", full, known)
    assert (
        act == "孙某某在******焚烧秸秆，**在场"
    )  # 东侧第三块田 (6): the reviewer's mask and the third party's name, as in the text
