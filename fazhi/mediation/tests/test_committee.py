"""Committees (人民调解法 第九条): three to nine members, a woman among them, one chair, a three-year term."""

from datetime import date

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.mediation import services
from fazhi.mediation.models import Committee, Gender, MemberRole
from fazhi.mediation.tests.support import FIVE


def _register(m, members, name="上辛口村人民调解委员会"):
    return services.register_committee(
        actor=m.mediator, body=m.town, name=name, kind="village", term_start=date(2019, 1, 10), members=members
    )


def test_a_committee_serves_three_years_less_a_day(m):
    # term from 2018-01-01: three years (第九条) end on 2020-12-31
    assert m.committee.term_end == date(2020, 12, 31)
    assert m.committee.members.count() == 5
    entry = ChainEntry.objects.filter(event="mediation.committee_registered").get()
    assert entry.payload["new"]["members"] == 5 and entry.payload["new"]["women"] == 2
    assert "13800000001" not in str(entry.payload)


def test_a_committee_without_a_woman_is_refused_with_article_9(m):
    men = [{**member, "gender": Gender.MALE} for member in FIVE]
    with pytest.raises(InvalidInput, match="应当有妇女成员.*第九条") as err:
        _register(m, men)
    assert err.value.field == "members"
    assert not Committee.objects.filter(name="上辛口村人民调解委员会").exists()


def test_ten_members_are_refused_and_nine_accepted(m):
    nine = FIVE + [{"name": f"委员{n}", "gender": Gender.MALE, "role": MemberRole.MEMBER} for n in range(4)]
    with pytest.raises(InvalidInput, match="三至九人.*现有10人"):
        _register(m, nine + [{"name": "委员九", "gender": Gender.MALE, "role": MemberRole.MEMBER}])
    assert _register(m, nine).members.count() == 9


def test_two_members_are_too_few_and_hired_mediators_do_not_count(m):
    two = FIVE[:2]
    hired = [{"name": f"聘{n}", "gender": Gender.FEMALE, "role": MemberRole.HIRED} for n in range(3)]
    with pytest.raises(InvalidInput, match="现只有2人"):
        _register(m, two + hired)


def test_a_committee_needs_exactly_one_chair(m):
    no_chair = [{**member, "role": MemberRole.MEMBER} for member in FIVE]
    with pytest.raises(InvalidInput, match="主任一人"):
        _register(m, no_chair)


def test_an_officer_cannot_register_a_committee_and_another_town_is_out_of_scope(m, world):
    with pytest.raises(NotPermitted):
        services.register_committee(actor=world.officer, body=m.town, name="x", kind="village",
                                    term_start=date(2019, 1, 1), members=FIVE)  # fmt: skip
    with pytest.raises(NotPermitted):
        services.register_committee(actor=m.other_mediator, body=m.town, name="x", kind="village",
                                    term_start=date(2019, 1, 1), members=FIVE)  # fmt: skip


def test_a_hired_mediator_joins_the_roll(m):
    member = services.hire_mediator(actor=m.mediator, committee=m.committee, name="陈律师", gender=Gender.MALE)
    assert member.role == MemberRole.HIRED
    assert m.committee.members.count() == 6
