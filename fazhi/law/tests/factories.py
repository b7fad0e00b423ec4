"""Small explicit fixtures for the law app: towns and staff from org's World builder, laws from the shipped texts."""

from fazhi.core.access import Role
from fazhi.law.services import load_texts, shipped_sources
from fazhi.org.models import BodyKind
from fazhi.org.tests.factories import World, make_person

TEST_LAWS = (
    "行政法/行政处罚法(2021-01-22).md",
    "行政法/城乡规划法(2019-04-23).md",
    "行政法/大气污染防治法(2018-10-26).md",
    "行政法规/政府信息公开条例(2019-04-03).md",
    "行政法规/城市市容和环境卫生管理条例(2017-03-01).md",
    "诉讼与非诉讼程序法/行政复议法(2017-09-01).md",
    "诉讼与非诉讼程序法/行政复议法(2023-09-01).md",
    "诉讼与非诉讼程序法/行政诉讼法(2017-06-27).md",
)


def load_test_laws(names=TEST_LAWS, actor=None):
    sources = [s for s in shipped_sources() if s.source_name in names]
    assert len(sources) == len(names)
    return load_texts(actor=actor, sources=sources)


def town(name="辛口镇", district=None):
    """A town (in a district of its own unless one is given) and its 综合执法大队."""
    world = World()
    town = world.body(name, BodyKind.TOWN, district or world.district)
    team = world.body(f"{name}综合执法大队", BodyKind.TEAM, town)
    return town, team


def staff(body, *roles: Role, name="张", **extra):
    return make_person(body, *roles, last_name=name, **extra)
