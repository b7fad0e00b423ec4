"""The body's 重大执法决定法制审核目录 (国办发〔2018〕118号 (十二)): who keeps it, what it accepts, what it matches, and
that every change is on the chain."""

from decimal import Decimal

import pytest

from fazhi.audit.models import ChainEntry
from fazhi.core.errors import InvalidInput, NotPermitted
from fazhi.review import catalogue
from fazhi.review.models import CatalogueEntry
from fazhi.review.tests.factories import snapshot


def entry_events(entry):
    return list(
        ChainEntry.objects.filter(subject_type="review.catalogueentry", subject_id=str(entry.pk)).order_by("seq")
    )


def large_fines(world, actor=None, body=None, **conditions):
    conditions = conditions or {"penalty_kind": "罚款", "min_amount": "10000"}
    return catalogue.add_entry(actor=actor or world.leader, body=body or world.town, name="较大数额罚款", **conditions)


def test_adding_an_entry_goes_on_the_chain(world):
    entry = large_fines(world, actor=world.reviewer)
    assert (entry.penalty_kind, entry.min_amount, entry.active) == ("罚款", Decimal("10000"), True)
    (recorded,) = entry_events(entry)
    assert (recorded.event, recorded.actor_id, recorded.body_id) == (
        "review.catalogue_changed",
        world.reviewer.pk,
        world.town.pk,
    )
    assert recorded.payload["old"] is None
    assert recorded.payload["new"]["name"] == "较大数额罚款" and recorded.payload["new"]["active"] is True


def test_retiring_an_entry_goes_on_the_chain_and_it_no_longer_applies(world):
    entry = large_fines(world)
    assert catalogue.entries_for(world.town) == [entry]
    catalogue.retire_entry(actor=world.leader, entry=entry)
    assert catalogue.entries_for(world.town) == []
    assert catalogue.catalogue_reasons(body=world.town, kinds=["罚款"], amount=50000, field="") == []
    added, retired = entry_events(entry)
    assert retired.event == "review.catalogue_changed"
    assert (retired.payload["old"], retired.payload["new"]) == ({"active": True}, {"active": False})


@pytest.mark.parametrize("amount", ["一万", "abc", "5,000"])
def test_an_amount_that_is_not_a_number_is_refused_naming_the_field(world, amount):
    leader = world.leader
    before = snapshot()
    with pytest.raises(InvalidInput, match="涉案金额应为数字") as info:
        catalogue.add_entry(actor=leader, body=world.town, name="较大数额罚款", min_amount=amount)
    assert info.value.field == "min_amount"
    assert snapshot() == before


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": " ", "penalty_kind": "罚款"}, "name"),
        ({"name": "没有条件的事项"}, "penalty_kind"),
        ({"name": "没有条件的事项", "min_amount": ""}, "penalty_kind"),
    ],
)
def test_an_entry_needs_a_name_and_at_least_one_condition(world, kwargs, field):
    leader = world.leader
    before = snapshot()
    with pytest.raises(InvalidInput) as info:
        catalogue.add_entry(actor=leader, body=world.town, **kwargs)
    assert info.value.field == field
    assert snapshot() == before


def test_only_a_leader_or_a_legal_reviewer_keeps_the_catalogue(world):
    officer, entry = world.officer, large_fines(world)
    before = snapshot()
    with pytest.raises(NotPermitted, match="负责人或法制审核人员"):
        catalogue.add_entry(actor=officer, body=world.town, name="较大数额罚款", penalty_kind="罚款")
    with pytest.raises(NotPermitted, match="负责人或法制审核人员"):
        catalogue.retire_entry(actor=officer, entry=entry)
    assert snapshot() == before


def test_another_towns_leader_cannot_change_the_catalogue(world):
    outsider, entry = world.outsider, large_fines(world)
    before = snapshot()
    with pytest.raises(NotPermitted, match="管辖范围"):
        catalogue.add_entry(actor=outsider, body=world.town, name="较大数额罚款", penalty_kind="罚款")
    with pytest.raises(NotPermitted, match="管辖范围"):
        catalogue.retire_entry(actor=outsider, entry=entry)
    assert snapshot() == before


def test_a_decision_matches_when_every_condition_filled_in_holds(world):
    large_fines(world, penalty_kind="罚款", min_amount="10000", field_keyword="焚烧")

    def reasons(kinds, amount, field="对露天焚烧秸秆的行政处罚"):
        return catalogue.catalogue_reasons(body=world.town, kinds=kinds, amount=amount, field=field)

    # "不低于": the threshold itself is reached.
    assert len(reasons(["警告", "罚款"], Decimal("10000"))) == 1
    assert "较大数额罚款" in reasons(["罚款"], 20000)[0]
    assert reasons(["罚款"], Decimal("9999.99")) == []
    assert reasons(["警告"], 20000) == []
    assert reasons(["罚款"], 20000, field="对占道经营的行政处罚") == []


def test_the_districts_entries_apply_to_its_towns_and_a_towns_to_no_one_above_it(world):
    # Set by the district (here by the system: no town's leader may write above the town).
    district_entry = catalogue.add_entry(actor=None, body=world.district, name="较大数额罚款", min_amount="10000")
    town_entry = large_fines(world, penalty_kind="责令停产停业")
    assert catalogue.entries_for(world.town) == [district_entry, town_entry]
    assert catalogue.entries_for(world.other_town) == [district_entry]
    assert catalogue.entries_for(world.district) == [district_entry]
    assert CatalogueEntry.objects.count() == 2
