import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_public_home_links_to_published_decisions_statistics_and_disclosure(client):
    html = client.get(reverse("portal:index")).content.decode()
    assert reverse("publicity_public:search") in html
    assert reverse("publicity_public:statistics") in html
    assert reverse("xxgk:index") in html
