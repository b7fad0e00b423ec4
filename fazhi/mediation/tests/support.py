"""Test data for mediation: a 辛口镇 committee of five (two women), a mediator login, disputes built through the
services."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from fazhi.core.access import Role
from fazhi.mediation import services
from fazhi.mediation.models import Consent, Gender, MemberRole, Side

FIVE = [
    {"name": "李桂兰", "gender": Gender.FEMALE, "role": MemberRole.CHAIR, "phone": "13800000001"},
    {"name": "王志强", "gender": Gender.MALE, "role": MemberRole.VICE_CHAIR},
    {"name": "赵淑芬", "gender": Gender.FEMALE, "role": MemberRole.MEMBER},
    {"name": "孙立国", "gender": Gender.MALE, "role": MemberRole.MEMBER},
    {"name": "周海", "gender": Gender.MALE, "role": MemberRole.MEMBER},
]

PARTIES = [
    {"side": Side.APPLICANT, "name": "张某甲", "id_number": "120111197001010011", "address": "辛口镇第六埠村", "phone": "13900000001"},
    {"side": Side.RESPONDENT, "name": "李某乙", "id_number": "120111197202020022", "address": "辛口镇第六埠村"},
]  # fmt: skip


def build(world) -> SimpleNamespace:
    mediator = world.person(world.justice, Role.MEDIATOR, username="mediator", last_name="李", first_name="桂兰")
    other_mediator = world.person(world.other_town, Role.MEDIATOR, username="zjw_mediator")
    village = services.add_community(actor=mediator, body=world.town, name="第六埠村")
    members = [dict(m) for m in FIVE]
    members[0]["user"] = mediator
    committee = services.register_committee(
        actor=mediator, body=world.town, name="第六埠村人民调解委员会", kind="village", community=village,
        term_start=date(2018, 1, 1), members=members,
    )  # fmt: skip
    chair, vice = committee.members.order_by("id")[:2]
    return SimpleNamespace(
        world=world, town=world.town, mediator=mediator, other_mediator=other_mediator, village=village,
        committee=committee, chair=chair, vice=vice,
    )  # fmt: skip


def dispute(m, *, on=date(2019, 3, 4), kind="neighbour", source="application", **kwargs):
    return services.register_dispute(
        actor=m.mediator, body=m.town, registered_on=on, kind=kind, source=source, community=m.village,
        summary="两户因排水沟堵塞发生争执。", parties=[dict(p) for p in PARTIES], **kwargs,
    )  # fmt: skip


def consented(m, d, on=date(2019, 3, 5)):
    for party in d.parties.all():
        services.record_consent(actor=m.mediator, dispute=d, party=party, consent=Consent.AGREED, on=on)
    return d


def mediating(m, *, on=date(2019, 3, 6), **kwargs):
    d = consented(m, dispute(m, **kwargs))
    return services.accept(actor=m.mediator, dispute=d, on=on, committee=m.committee, mediator=m.chair)


WRITTEN = dict(
    form="written",
    facts="2019年3月，双方因排水沟堵塞致张某甲院内积水发生争执。",
    responsibilities="李某乙负主要责任，张某甲负次要责任。",
    terms="李某乙于2019年3月20日前疏通排水沟，并赔偿张某甲损失500元。",
    performance_method="李某乙自行疏通，现金当面支付",
    performance_due=date(2019, 3, 20),
    performance_place="第六埠村村委会",
    signed=True,
)
