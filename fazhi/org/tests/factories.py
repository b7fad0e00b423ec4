"""Factories for organisation tests: bodies go through create_body (so their paths are right), people through
create_staff (so roles are groups and the chain has them)."""

import itertools
from datetime import date

import factory

from fazhi.core.access import Role
from fazhi.org import services
from fazhi.org.models import Body, BodyKind, Certificate, User

_codes = itertools.count(1)


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
