from datetime import timedelta

from fazhi.publicity import services
from fazhi.publicity.tests.factories import PARTY_ID, WITNESS, long_retention, open_pub


def test_public_api_lists_and_shows_only_published_redacted_records(client, w):
    long_retention(w)
    pub = open_pub(w)
    assert client.get("/api/v1/publicity/published").json() == []
    assert client.get(f"/api/v1/publicity/published/{pub.pk}").status_code == 404
    services.approve(actor=w.reviewer, publication=pub, on=pub.decided_on + timedelta(days=1))
    rows = client.get("/api/v1/publicity/published", {"q": "焚烧"}).json()
    assert [r["id"] for r in rows] == [pub.pk]
    detail = client.get(f"/api/v1/publicity/published/{pub.pk}")
    assert detail.status_code == 200
    assert PARTY_ID not in detail.content.decode() and WITNESS not in detail.content.decode()
    assert "redacted_text" in detail.json()


def test_staff_records_need_login_and_follow_scope(client, w):
    pub = open_pub(w)
    assert client.get("/api/v1/publicity/records").status_code == 401
    client.force_login(w.reviewer)
    assert [r["id"] for r in client.get("/api/v1/publicity/records").json()] == [pub.pk]
    client.force_login(w.colleague)
    assert client.get("/api/v1/publicity/records").status_code == 403
    client.force_login(w.outsider)
    assert client.get("/api/v1/publicity/records").json() == []
