"""JSON API for the organisation: the officers the caller may see, with certificate status and hours."""

from datetime import date
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema

from fazhi.core import clock
from fazhi.core.validation import Id, Year
from fazhi.org import selectors

router = Router(tags=["组织与人员"])


class CertificateOut(Schema):
    id: int
    number: str
    issuer: str
    field: str
    valid_from: date
    valid_to: date
    state: str
    status: str
    status_label: str


class OfficerOut(Schema):
    id: int
    username: str
    name: str
    body_id: int | None
    body: str
    roles: list[str]
    certificate: CertificateOut | None
    may_enforce: bool
    hours: Decimal
    required_hours: int
    short_of_hours: bool


def _certificate(cert, on: date) -> dict | None:
    if cert is None:
        return None
    status = cert.status_on(on)
    return {
        "id": cert.pk,
        "number": cert.number,
        "issuer": cert.issuer,
        "field": cert.field,
        "valid_from": cert.valid_from,
        "valid_to": cert.valid_to,
        "state": cert.state,
        "status": status.value,
        "status_label": status.label,
    }


def _officer(row, on: date) -> dict:
    person = row.person
    return {
        "id": person.pk,
        "username": person.username,
        "name": person.get_full_name(),
        "body_id": person.body_id,
        "body": str(person.body) if person.body_id else "",
        "roles": row.roles,
        "certificate": _certificate(row.certificate, on),
        "may_enforce": bool(row.certificate and row.certificate.status_on(on) == "valid"),
        "hours": row.hours,
        "required_hours": row.required,
        "short_of_hours": row.short,
    }


@router.get("/officers", response=list[OfficerOut], summary="我范围内的人员（含执法证状态与学时）")
def officers(request, year: Year | None = None, body: Id | None = None):
    today = clock.today()
    rows = selectors.officer_rows(request.user, year or today.year, body_id=body, on=today)
    return [_officer(row, today) for row in rows]


@router.get("/officers/{person_id}", response=OfficerOut, summary="一名人员（不在范围内时 404）")
def officer(request, person_id: Id, year: Year | None = None):
    today = clock.today()
    rows = selectors.officer_rows(request.user, year or today.year, person_id=person_id, on=today)
    if not rows:
        raise Http404("没有这名人员，或不在您的查看范围内。")
    return _officer(rows[0], today)
