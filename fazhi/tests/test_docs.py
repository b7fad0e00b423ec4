"""The reference pages generated from the code (docs/urls.md, docs/rules.md) are current: change a URL or a rule and
run `fazhi write_docs`."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_generated_reference_pages_match_the_code():
    call_command("write_docs", "--check")
