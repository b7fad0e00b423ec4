"""The one text check behind every service's ``_text`` (inspection, supervision, normative, counsel, decisions,
mediation): what an officer typed is kept stripped, and anything else is refused naming the field, before any write."""

from functools import partial

import pytest

from fazhi.core.errors import InvalidInput
from fazhi.core.validation import service_text

_text = partial(service_text, max_length=10)


def test_typed_text_is_kept_without_surrounding_spaces():
    assert _text("  调解协议书 \n", "title", "标题") == "调解协议书"


def test_an_empty_required_text_is_refused_naming_the_field():
    with pytest.raises(InvalidInput) as refused:
        _text("   ", "facts", "事实")
    assert refused.value.message == "请填写事实。"
    assert refused.value.field == "facts"


def test_an_optional_text_may_be_empty_or_missing():
    assert _text(None, "note", "备注", required=False) == ""
    assert _text("", "note", "备注", required=False) == ""


def test_text_longer_than_its_column_is_refused_with_both_lengths():
    with pytest.raises(InvalidInput) as refused:
        _text("字" * 11, "title", "标题")
    assert "标题不能超过10个字" in refused.value.message and "11" in refused.value.message
    assert refused.value.field == "title"


def test_a_call_may_widen_the_apps_usual_length():
    assert _text("字" * 11, "opinion", "意见", max_length=20) == "字" * 11


def test_a_nul_or_other_control_character_is_refused():
    for bad in ("事实\x00", "事实\x07"):
        with pytest.raises(InvalidInput) as refused:
            _text(bad, "facts", "事实")
        assert "控制字符" in refused.value.message


def test_a_number_typed_by_a_script_is_taken_as_its_text():
    assert _text(2019, "year_text", "年度") == "2019"
