"""Factories for organisation tests: bodies go through create_body (so their paths are right), people through
create_staff (so roles are groups and the chain has them).

``World`` is the one place every app's tests build their town from (the fixtures in fazhi/conftest.py wrap it):
西青区 with 辛口镇 and 张家窝镇, made body by body on first use, and ``make_person`` for the people in it.
"""

import itertools
from datetime import date
from functools import cached_property

import factory
from django.contrib.auth.models import Group

from fazhi.core.access import Role
from fazhi.org import services
from fazhi.org.models import Body, BodyKind, Certificate, User

_codes = itertools.count(1)
_seq = itertools.count(1)


def make_body(
    name: str,
    kind: BodyKind = BodyKind.UNIT,
    parent: Body | None = None,
    *,
    code: str | None = None,
    short_name: str = "",
    province: str = "",
    quiet: bool = False,
) -> Body:
    """A body through create_body; ``quiet`` writes the row (and its path) directly, leaving the chain alone."""
    code = code or f"W{next(_seq):05d}"
    if not quiet:
        return services.create_body(
            actor=None, name=name, kind=kind, code=code, parent=parent, short_name=short_name, province=province
        )
    body = Body(name=name, kind=kind, code=code, parent=parent, short_name=short_name, province=province, path="/")
    body.save()
    body.path = f"{parent.path if parent else '/'}{body.pk}/"
    body.save(update_fields=["path"])
    return body


QUALIFICATION_FIELDS = ("legal_qualification_number", "legal_qualified_on", "legal_background")


def make_person(
    body: Body | None,
    *roles: Role,
    username: str | None = None,
    last_name: str = "李",
    first_name: str | None = None,
    certified: bool = False,
    password: str | None = None,
    quiet: bool = False,
    **extra,
) -> User:
    """A member of staff with roles (role groups), through create_staff; ``certified`` adds a valid 执法证
    (2019-01-01 … 2030-12-31). No password unless one is given: tests log in with force_login.
    ``quiet`` writes the user and its groups directly, leaving the chain alone."""
    n = next(_seq)
    username = username or f"staff{n}"
    first_name = f"某{n}" if first_name is None else first_name
    if not quiet:
        qualification = {k: extra.pop(k) for k in QUALIFICATION_FIELDS if k in extra}
        user = services.create_staff(
            actor=None,
            username=username,
            last_name=last_name,
            first_name=first_name,
            body=body,
            roles=list(roles),
            password=password,
            **extra,
        )
        if qualification:
            user = services.record_legal_qualification(
                actor=None,
                user=user,
                number=qualification.get("legal_qualification_number", ""),
                obtained_on=qualification.get("legal_qualified_on"),
                legal_background=qualification.get("legal_background", False),
            )
    else:
        if certified:
            raise ValueError("a certificate goes on the chain: a quiet world has no certified people")
        user = User(username=username, last_name=last_name, first_name=first_name, body=body, **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        user.groups.add(*(Group.objects.get_or_create(name=Role(role).value)[0] for role in roles))
    if certified:
        services.issue_certificate(
            actor=None,
            holder=user,
            number=f"津执W{n:05d}",
            field="综合行政执法",
            valid_from=date(2019, 1, 1),
            valid_to=date(2030, 12, 31),
        )
    return user


class World:
    """西青区 (天津市; its 司法局) with two towns: 辛口镇 (综合执法大队, 党政办公室, 司法所) and 张家窝镇 (综合执法大队).

    Each body is created the first time it is read, so a test pays only for the places it uses; ``person`` adds the
    people. Through org's services by default (paths, role groups and chain entries are real); ``quiet=True`` writes
    the rows directly, for tests that must own every chain entry (the audit app's).
    """

    def __init__(self, *, quiet: bool = False):
        self.quiet = quiet

    def body(self, name: str, kind: BodyKind = BodyKind.UNIT, parent: Body | None = None, **kwargs) -> Body:
        return make_body(name, kind, parent, quiet=self.quiet, **kwargs)

    def person(self, body: Body | None, *roles: Role, **kwargs) -> User:
        return make_person(body, *roles, quiet=self.quiet, **kwargs)

    @cached_property
    def district(self) -> Body:
        return self.body("西青区", BodyKind.DISTRICT, province="天津市")

    @cached_property
    def bureau(self) -> Body:
        return self.body("西青区司法局", BodyKind.UNIT, self.district)

    @cached_property
    def town(self) -> Body:
        return self.body("西青区辛口镇人民政府", BodyKind.TOWN, self.district, short_name="辛口镇")

    @cached_property
    def team(self) -> Body:
        return self.body("辛口镇综合执法大队", BodyKind.TEAM, self.town)

    @cached_property
    def office(self) -> Body:
        return self.body("辛口镇党政办公室", BodyKind.UNIT, self.town)

    @cached_property
    def justice(self) -> Body:
        """司法所: the town's legal reviewers sit here."""
        return self.body("辛口司法所", BodyKind.UNIT, self.town, short_name="司法所")

    @cached_property
    def other_town(self) -> Body:
        return self.body("西青区张家窝镇人民政府", BodyKind.TOWN, self.district, short_name="张家窝镇")

    @cached_property
    def other_team(self) -> Body:
        return self.body("张家窝镇综合执法大队", BodyKind.TEAM, self.other_town)

    # The people most tests need, each in the one role the name says (usernames as in the demo).

    @cached_property
    def leader(self) -> User:
        """王建国, 辛口镇's 负责人."""
        return self.person(self.town, Role.LEADER, username="leader", last_name="王", first_name="建国")

    @cached_property
    def admin(self) -> User:
        """赵管, 辛口镇's 系统管理员 (党政办公室)."""
        return self.person(self.office, Role.ADMIN, username="townadmin", last_name="赵", first_name="管")

    @cached_property
    def officer(self) -> User:
        """张伟, 执法人员 of the team, with no certificate."""
        return self.person(self.team, Role.OFFICER, username="officer", last_name="张", first_name="伟")

    @cached_property
    def clerk(self) -> User:
        """陈静, 政务公开专员 (党政办公室)."""
        return self.person(self.office, Role.DISCLOSURE_CLERK, username="clerk", last_name="陈", first_name="静")

    @cached_property
    def reviewer(self) -> User:
        """刘洋, 法制审核人员 of the 司法所, with a 法律职业资格 (行政处罚法 第五十八条第二款: needed for a first review)."""
        return self.person(
            self.justice, Role.LEGAL_REVIEWER, username="reviewer", last_name="刘", first_name="洋",
            legal_qualification_number="A20150000001", legal_qualified_on=date(2015, 9, 1), legal_background=True,
        )  # fmt: skip

    @cached_property
    def supervisor(self) -> User:
        """冯志刚, 监督人员 of the district's 司法局: sees both towns."""
        return self.person(self.bureau, Role.SUPERVISOR, username="supervisor", last_name="冯", first_name="志刚")

    @cached_property
    def outsider(self) -> User:
        """彭红梅, 张家窝镇's 负责人."""
        return self.person(self.other_town, Role.LEADER, username="zjw_leader", last_name="彭", first_name="红梅")

    @cached_property
    def other_officer(self) -> User:
        """曹勇, 执法人员 of 张家窝镇's team."""
        return self.person(self.other_team, Role.OFFICER, username="zjw_officer", last_name="曹", first_name="勇")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"测试机构{n}")
    kind = BodyKind.UNIT
    code = factory.Sequence(lambda n: f"T{n:04d}")
    parent = None
    short_name = ""
    province = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_body(actor=None, **kwargs)


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = "张"
    first_name = factory.Sequence(lambda n: f"测{n}")
    body = factory.SubFactory(BodyFactory)
    roles: tuple = ()

    @classmethod
    def _create(cls, model_class, *args, roles=(), **kwargs):
        # No password: hashing one costs ~0.3 s; view tests log in with force_login.
        return services.create_staff(actor=None, roles=roles, **kwargs)


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    holder = factory.SubFactory(StaffFactory, roles=(Role.OFFICER,))
    number = factory.Sequence(lambda n: f"津执T{n:05d}")
    field = "综合行政执法"
    valid_from = date(2019, 1, 1)
    valid_to = date(2030, 12, 31)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.issue_certificate(actor=None, **kwargs)
