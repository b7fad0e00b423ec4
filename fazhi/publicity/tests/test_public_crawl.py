"""Crawl every public URL of the demo (portal 事前公开, 信息公开, 执法决定公示, feed, API) and assert that none of the
demo's private data appears: ID numbers, phone numbers, third-party names — page source, feeds, API, downloads."""

import re
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from fazhi.disclosure.models import DisclosureRequest, Guide
from fazhi.enforcement.models import Case, PartyKind
from fazhi.org.models import User
from fazhi.publicity.models import Publication, PublicationState
from fazhi.publicity.services import known_from_case

START = ["/gongkai/", "/gongkai/jieguo/", "/gongkai/jieguo/feed/", "/gongkai/xxgk/", "/api/v1/openapi.json"]
HREF = re.compile(r"""(?:href|src|action)=["']([^"'#]+)""")
LIMIT = 3000


def _secrets() -> dict[str, str]:
    """Every private value of the demo, mapped to what it is (for the failure message)."""
    secrets: dict[str, str] = {}
    public_phones = set(Guide.objects.values_list("phone", flat=True))
    for case in Case.objects.all().prefetch_related("acts", "services"):
        if case.party_kind == PartyKind.PERSON and case.party_id_number:
            secrets[case.party_id_number] = f"当事人身份证号（案件 {case.pk}）"
        if case.party_phone:
            secrets[case.party_phone] = f"当事人电话（案件 {case.pk}）"
        for name in known_from_case(case).third_party_names:
            secrets[name] = f"第三人姓名（案件 {case.pk}）"
    for phone in User.objects.exclude(phone="").values_list("phone", flat=True):
        if phone not in public_phones:
            secrets[phone] = "工作人员个人电话"
    for req in DisclosureRequest.objects.all():
        secrets[req.id_document_number] = f"申请人证件号码（申请 {req.number}）"
        if req.phone:
            secrets[req.phone] = f"申请人电话（申请 {req.number}）"
        if req.applicant_type == "natural" or req.contact_person:
            secrets[req.contact_person or req.applicant_name] = f"申请人姓名（申请 {req.number}）"
    return {k: v for k, v in secrets.items() if k and len(k) >= 2}


def _public(url: str) -> bool:
    path = urlsplit(url).path
    return path.startswith("/gongkai/") or path.startswith("/api/v1/") or path.startswith("/media/")


@pytest.mark.django_db(transaction=False)
def test_no_private_data_of_the_demo_reaches_any_public_url(client):
    call_command("load_demo", stdout=StringIO())
    assert Publication.objects.filter(state=PublicationState.PUBLISHED).count() > 20
    secrets = _secrets()
    assert len(secrets) > 20
    # the redaction really had work to do: published originals hold the party's ID number
    originals = Publication.objects.filter(state=PublicationState.PUBLISHED).values_list("original_text", flat=True)
    assert sum(any(s in text for s in secrets) for text in originals) > 10
    start = START + [f"/gongkai/jieguo/{pk}/" for pk in Publication.objects.values_list("pk", flat=True)]
    start += ["/api/v1/enforcement/cases", "/api/v1/org/bodies", "/api/v1/publicity/published"]
    start += [f"/api/v1/publicity/published/{pk}" for pk in Publication.objects.values_list("pk", flat=True)]
    start += [f"/api/v1/publicity/published?offset={n}" for n in range(0, 100, 50)]
    seen, queue, leaks = set(), list(start), []
    while queue and len(seen) < LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            target = urljoin(url, response["Location"])
            if _public(target):
                queue.append(target)
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode("utf-8", errors="replace")
        for secret, what in secrets.items():
            if secret in text:
                leaks.append(f"{url}: {what}")
        if "html" in response.get("Content-Type", "") or "xml" in response.get("Content-Type", ""):
            for link in HREF.findall(text):
                target = urljoin(url, link.replace("&amp;", "&"))
                if target.startswith("http"):
                    continue
                if _public(target) and target not in seen:
                    queue.append(target)
    print(f"crawled {len(seen)} public URLs, {len(secrets)} private values checked")
    assert not leaks, "\n".join(leaks[:20])
    assert len(seen) > 60
    assert any(u.startswith("/gongkai/jieguo/") and u.rstrip("/").split("/")[-1].isdigit() for u in seen)
