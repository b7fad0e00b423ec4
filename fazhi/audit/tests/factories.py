"""Factories for audit tests. People are made directly (not through org services), and the world in conftest.py is
quiet, so that the only chain entries in a test are the ones the test appends itself."""

import factory
from django.contrib.auth.models import Group

from fazhi.audit.events import Event
from fazhi.audit.services import record
from fazhi.org.models import User

PASSWORD = "audit-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"audit_user{n}")
    last_name = "李"
    first_name = factory.Sequence(lambda n: f"审{n}")
    body = None
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=role.value)[0])


def append(n: int = 1, *, actor=None, body_id=None, event=Event.SETTING_CHANGED, **payload_extra):
    """Append n entries about a setting and return them."""
    entries = []
    for i in range(n):
        entries.append(
            record(
                actor=actor,
                event=event,
                subject=("core.setting", f"s{i}", f"设置{i}"),
                payload={"old": {"value": i}, "new": {"value": i + 1}, **payload_extra},
                body_id=body_id,
            )
        )
    return entries
