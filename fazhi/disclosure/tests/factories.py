"""Factories for disclosure tests: everything goes through the services, so the chain and deadlines are real."""

from datetime import date

from fazhi.core.access import Role
from fazhi.disclosure import services
from fazhi.disclosure.models import ApplicantType, Channel, DeliveryForm, DeliveryMethod, IdDocument
from fazhi.org.models import BodyKind
from fazhi.org.tests.factories import make_body, make_person


def body(name: str, kind=BodyKind.TOWN, parent=None, short_name: str = ""):
    return make_body(name, kind, parent, short_name=short_name)


def staff(username: str, body, *roles: Role, last_name="李", first_name="明"):
    return make_person(body, *roles, username=username, last_name=last_name, first_name=first_name)


def application(**overrides) -> dict:
    data = {
        "applicant_type": ApplicantType.NATURAL,
        "applicant_name": "王小明",
        "id_document_type": IdDocument.RESIDENT_ID,
        "id_document_number": "120111198001011234",
        "phone": "13800000000",
        "email": "",
        "address": "天津市西青区辛口镇某村1号",
        "postcode": "300380",
        "contact_person": "",
        "description": "2019年本镇农田水利工程建设资金使用情况",
        "document_number": "",
        "delivery_form": DeliveryForm.PAPER,
        "delivery_method": DeliveryMethod.POST,
    }
    data.update(overrides)
    return data


def request(actor, town, *, channel=Channel.IN_PERSON, submitted_on=date(2019, 9, 20), received_on=None, **overrides):
    extra = {}
    if channel == Channel.ORAL:
        extra["oral_record"] = overrides.pop("oral_record", "申请人口头提出，工作人员代为填写。")
    return services.register_request(
        actor=actor,
        body=town,
        channel=channel,
        submitted_on=submitted_on,
        received_on=received_on,
        **extra,
        **application(**overrides),
    )
