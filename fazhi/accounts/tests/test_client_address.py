"""Behind a proxy the login lockout counts the client's address from FAZHI_CLIENT_IP_HEADER — the same reading as
the public form's limit (fazhi.core.client, ADR 0021). Before, the setting fed django-ipware, which is not installed,
so every failure counted against the proxy's address."""

from fazhi.accounts.tests.conftest import PASSWORD


def test_behind_a_proxy_the_address_lockout_is_per_client_not_per_proxy(client, people, settings):
    settings.FAZHI_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.FAZHI_LOGIN_FAILURE_LIMIT = settings.AXES_FAILURE_LIMIT = 10
    settings.FAZHI_LOGIN_FAILURE_LIMIT_PER_ADDRESS = 3
    # All requests come from the proxy 127.0.0.1; the attacker is 198.51.100.9, a colleague 198.51.100.10.
    for name in ["a1", "a2", "a3"]:
        client.post("/login/", {"username": name, "password": "wrong"}, HTTP_X_FORWARDED_FOR="198.51.100.9")
    attacker = client.post(
        "/login/", {"username": "officer", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert attacker.status_code == 429
    colleague = client.post(
        "/login/", {"username": "officer", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.10"
    )
    assert colleague.status_code == 302
