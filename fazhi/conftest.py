"""Suite-wide test set-up.

``Client.force_login`` means "the test skipped authentication": so it also passes the second factor for the users who
owe one (administrators, supervisors), as a confirmed device in the session, and it writes no login entry on the chain
(tests snapshot the chain around the call they test). Tests of logging in use the real pages
(``client.post("/login/", …)``), ``client.login(…)`` or ``force_login_password_only``.
"""

import pytest
from django.contrib.auth.signals import user_logged_in
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

_original_force_login = Client.force_login


def force_login_password_only(client, user, backend=None):
    """Log in as after the password step only: the second factor, where one is due, is still owed."""
    _original_force_login(client, user, backend)


def _force_login(self, user, backend=None):
    from fazhi.accounts.receivers import on_logged_in, start_session

    user_logged_in.disconnect(on_logged_in, dispatch_uid="fazhi.accounts.logged_in")
    try:
        _original_force_login(self, user, backend)
    finally:
        user_logged_in.connect(on_logged_in, dispatch_uid="fazhi.accounts.logged_in")
    session = self.session
    start_session(session, user)
    session.save()
    from django_otp.plugins.otp_static.models import StaticDevice

    from fazhi.accounts.second_factor import needs_verification

    if needs_verification(user):
        device = StaticDevice.objects.filter(user=user, confirmed=True).first() or StaticDevice.objects.create(
            user=user, name="测试（force_login）", confirmed=True
        )
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    monkeypatch.setattr(Client, "force_login", _force_login)
