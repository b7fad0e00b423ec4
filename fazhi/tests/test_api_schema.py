"""The OpenAPI document is one clean contract (issue #11): every operation id unique, and no two schema classes
sharing a name (ninja names a component after its class, so the second would silently replace the first — there
were two ``DeadlineOut`` and two ``ErrorOut``); schemathesis (e2e/test_api_schemathesis.py) fuzzes against it."""

from collections import Counter, defaultdict

from ninja import Schema


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_operation_ids_are_unique():
    from fazhi.api import api

    schema = api.get_openapi_schema()
    ids = Counter(op.get("operationId") for item in schema["paths"].values() for op in item.values())
    assert [name for name, n in ids.items() if n > 1] == []


def test_no_two_schema_classes_share_a_name():
    from fazhi.api import api

    api.get_openapi_schema()  # every router imported, every step schema built
    modules = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("fazhi") and ".tests" not in cls.__module__:
            modules[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: where for name, where in modules.items() if len(where) > 1} == {}


def test_a_validation_error_is_422_in_chinese(client):
    response = client.get("/api/v1/publicity/published?offset=-1")
    assert response.status_code == 422
    assert response.json()["detail"] == "参数 offset：不能小于0。"
