from datetime import date

from django.urls import include, path, reverse, set_script_prefix

from fazhi.core.listing import iso_date, pk_link


def test_a_pk_link_gives_the_path_reverse_gives_for_every_key():
    link = pk_link("enforcement:case_detail")
    for pk in (1, 42, 918273645, 10**12):
        assert link(pk) == reverse("enforcement:case_detail", args=[pk])
    assert pk_link("publicity_public:detail")(7) == "/gongkai/jieguo/7/"


def test_a_pk_link_follows_the_script_prefix_the_site_is_served_under():
    try:
        set_script_prefix("/fazhi/")
        assert pk_link("enforcement:case_detail")(5) == "/fazhi/cases/5/"
    finally:
        set_script_prefix("/")
    assert pk_link("enforcement:case_detail")(5) == "/cases/5/"


def test_iso_date_shows_a_date_as_the_lists_do_and_nothing_for_none():
    assert iso_date(date(2020, 2, 3)) == "2020-02-03"
    assert iso_date(None) == ""


def test_a_pk_link_follows_the_urlconf_in_force(settings):
    assert pk_link("enforcement:case_detail")(5) == "/cases/5/"
    settings.ROOT_URLCONF = __name__  # the cases mounted elsewhere (urlpatterns below)
    assert pk_link("enforcement:case_detail")(5) == "/zhifa/anjian/5/"


urlpatterns = [path("zhifa/anjian/", include("fazhi.enforcement.urls"))]
