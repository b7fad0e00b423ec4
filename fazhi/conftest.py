"""What every test under fazhi/ shares: a fast password hasher, uploads in a per-test tmp dir.

App conftests keep only what is particular to them.
"""

import pytest
from django.test.utils import override_settings

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """PBKDF2's 1,000,000 iterations cost ~0.3 s a password; tests prove behaviour, not key stretching."""
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and generated documents land in this test's own tmp dir, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
