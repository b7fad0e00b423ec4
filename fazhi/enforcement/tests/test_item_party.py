"""An item for 个人 is not applied to a company, nor an item for 单位 to a person (行政处罚法 第三十八条)."""

import pytest

from fazhi.enforcement.errors import RuleViolation
from fazhi.enforcement.models import PartyKind
from fazhi.enforcement.services.proposal import check_party_fits, item_party

PERSON_ITEM = "对在人口集中地区焚烧沥青、油毡、橡胶、塑料、皮革、垃圾等物质的行政处罚（个人）"


def test_whom_an_item_addresses_is_read_from_its_name():
    assert item_party(PERSON_ITEM) == PartyKind.PERSON
    assert item_party("对个人随意倾倒、抛撒、堆放或者焚烧生活垃圾的行政处罚") == PartyKind.PERSON
    assert item_party("对单位随意倾倒生活垃圾的行政处罚") == PartyKind.ORGANISATION
    assert item_party("对未按照乡村建设规划许可证的规定进行建设的行政处罚") == ""  # both


def test_a_personal_item_is_refused_for_a_company_with_the_reason():
    with pytest.raises(RuleViolation) as err:
        check_party_fits(PERSON_ITEM, PartyKind.ORGANISATION)
    assert (
        "罚则适用于个人" in str(err.value) and "法人或者其他组织" in str(err.value) and "第三十八条" in str(err.value)
    )
    check_party_fits(PERSON_ITEM, PartyKind.PERSON)  # the person it is for
    check_party_fits("对未按照乡村建设规划许可证的规定进行建设的行政处罚", PartyKind.ORGANISATION)
