from datetime import date

import pytest

from fazhi.audit.events import Event
from fazhi.audit.models import ChainEntry
from fazhi.law import selectors
from fazhi.law.models import Article, Item, Law, LawVersion, Paragraph, VersionStatus
from fazhi.law.services import LawTextRejected, load_library, load_texts, shipped_sources, upload_law
from fazhi.law.tests.factories import load_test_laws

LOCAL_RULE = """# 天津市测试管理规定

2020年3月1日 天津市人民政府令第1号公布

2020年5月1日 施行

<!-- INFO END -->

## 第一章 总则

第一条 为了测试，制定本规定。

第二条 违反本规定的，由乡镇人民政府责令改正，可以处一百元以上五百元以下罚款：

（一）甲；

（二）乙。

第二条之一 本条为插入条文。
"""


@pytest.mark.django_db
def test_whole_library_loads_with_exact_counts_and_loading_twice_changes_nothing():
    report = load_library()
    assert len(report.loaded) == 43
    gov = LawVersion.objects.get(law__short_name="政府信息公开条例")
    assert gov.articles.count() == 56
    penalty = LawVersion.objects.get(law__short_name="行政处罚法")
    assert penalty.articles.count() == 86
    counts = (Article.objects.count(), Paragraph.objects.count(), Item.objects.count(), ChainEntry.objects.count())
    again = load_library()
    assert again.loaded == [] and len(again.unchanged) == 43
    assert (
        Article.objects.count(),
        Paragraph.objects.count(),
        Item.objects.count(),
        ChainEntry.objects.count(),
    ) == counts


def test_each_loaded_version_writes_one_chain_entry(laws):
    entries = ChainEntry.objects.filter(event=Event.LAW_VERSION_LOADED)
    assert entries.count() == 8
    assert {e.payload["new"]["key"] for e in entries} >= {"行政处罚法/2021-01-22", "行政复议法/2017-09-01"}


def test_newer_version_marks_older_amended_and_keeps_it(db):
    old_only = [s for s in shipped_sources() if s.source_name == "诉讼与非诉讼程序法/行政复议法(2017-09-01).md"]
    load_texts(actor=None, sources=old_only)
    old = LawVersion.objects.get(law__short_name="行政复议法")
    assert old.status == VersionStatus.IN_FORCE
    report = load_test_laws()
    old.refresh_from_db()
    new = LawVersion.objects.get(law__short_name="行政复议法", version_date=date(2023, 9, 1))
    assert old.status == VersionStatus.AMENDED and old.effective_to == date(2024, 1, 1)
    assert new.status == VersionStatus.IN_FORCE and new.effective_from == date(2024, 1, 1)
    assert old.articles.count() == 43
    assert report.superseded == ["行政复议法/2017-09-01"]
    assert ChainEntry.objects.filter(event=Event.LAW_VERSION_SUPERSEDED, subject_id=str(old.pk)).count() == 1
    assert old.in_force_on(date(2019, 6, 1)) and not old.in_force_on(date(2024, 1, 1))


def test_changed_text_under_an_existing_version_date_is_refused_and_nothing_saved(laws):
    source = next(s for s in shipped_sources() if s.source_name == "行政法/城乡规划法(2019-04-23).md")
    source.text = source.text.replace("第一条 为了", "第一条 为")
    before = Article.objects.count()
    with pytest.raises(LawTextRejected, match="已载入且文本不同"):
        load_texts(actor=None, sources=[source])
    assert Article.objects.count() == before


def test_article_keys_and_display_forms(laws):
    art = Article.objects.get(key="行政处罚法/2021-01-22/第五十八条")
    assert art.display == "《中华人民共和国行政处罚法》第五十八条"
    c = selectors.citation_from_key("行政处罚法/2021-01-22/第五十八条/第一款/第三项")
    assert c.resolved and c.display == "《中华人民共和国行政处罚法》第五十八条第一款第三项"
    assert c.key == "行政处罚法/2021-01-22/第五十八条/第一款/第三项"


def test_citation_short_and_full_names_resolve_to_the_current_version(laws):
    short = selectors.find_citations("依照《城乡规划法》第六十五条处理")[0]
    full = selectors.find_citations("《中华人民共和国城乡规划法》第六十五条")[0]
    assert short.resolved and full.resolved and short.article == full.article
    review = selectors.find_citations("《行政复议法》第二十条")[0]
    assert review.article.version.version_date == date(2023, 9, 1)
    dated = selectors.find_citations("《行政复议法》第九条", on=date(2019, 6, 1))[0]
    assert dated.article.version.version_date == date(2017, 9, 1)


def test_unknown_citations_are_reported_not_dropped(laws):
    found = selectors.find_citations("《城乡规划法》第九百条；《不存在法》第一条；《行政处罚法》第五十八条第一款第九项")
    assert [c.resolved for c in found] == [False, False, False]
    assert "没有第九百条" in found[0].error
    assert "法规库中没有《不存在法》" in found[1].error
    assert "没有第九项" in found[2].error
    html = selectors.cite_links_html("见《城乡规划法》第九百条和《城乡规划法》第六十五条<script>")
    assert "cite-unresolved" in html and "未解析" in html
    assert 'href="/law/article/' in html
    assert "<script>" not in html


def test_search_uses_the_index_and_highlights_hits(laws):
    result = selectors.search_articles("乡村建设规划许可证")
    assert result.method in {"fts5", "pg_trgm"}
    assert result.total >= 3
    assert any(
        h.article.label == "第六十五条" and h.article.version.law.short_name == "城乡规划法" for h in result.hits
    )
    assert "<mark>乡村建设规划许可证</mark>" in result.hits[0].snippet
    both = selectors.search_articles("罚款 露天焚烧")
    assert both.total >= 1
    assert all("罚款" in h.article.text and "露天焚烧" in h.article.text for h in both.hits)
    baseline = selectors.search_like_baseline(["乡村建设规划许可证"])
    assert set(baseline) >= {h.article.pk for h in result.hits}


def test_search_excludes_amended_versions_unless_asked(laws):
    current = selectors.search_articles("行政复议申请")
    everything = selectors.search_articles("行政复议申请", in_force_only=False)
    assert everything.total > current.total
    assert all(h.article.version.status == VersionStatus.IN_FORCE for h in current.hits)


def test_uploaded_local_rule_with_inserted_article_loads(db):
    report = upload_law(
        actor=None, text=LOCAL_RULE, filename="天津市测试管理规定.md", level="local_rule", region="天津市"
    )
    version = LawVersion.objects.get(law__title="天津市测试管理规定")
    assert report.loaded == ["天津市测试管理规定/2020-03-01"]
    assert version.effective_from == date(2020, 5, 1)
    assert [a.label for a in version.articles.order_by("position")] == ["第一条", "第二条", "第二条之一"]
    assert version.law.region == "天津市"
    c = selectors.find_citations("《天津市测试管理规定》第二条第一款第二项")[0]
    assert c.resolved


def test_malformed_upload_names_the_line_and_saves_nothing(db):
    bad = LOCAL_RULE.replace("第二条之一", "第四条")
    with pytest.raises(LawTextRejected, match="第19行"):
        upload_law(actor=None, text=bad, filename="x.md", level="local_rule", region="天津市")
    assert not Law.objects.exists() and not ChainEntry.objects.exists()


def test_search_treats_like_wildcards_as_text(laws):
    assert selectors.search_articles("100%_罚款").total == 0
    assert selectors.search_like_baseline(["%_%"]) == []


def test_every_unit_has_a_key_and_display_form(db):
    load_test_laws()
    load_texts(actor=None, sources=[s for s in shipped_sources() if "民事诉讼法" in s.source_name])
    item = Item.objects.get(paragraph__article__key="行政处罚法/2021-01-22/第五十八条", paragraph__number=1, number=3)
    assert item.key == "行政处罚法/2021-01-22/第五十八条/第一款/第三项"
    assert item.display == "《中华人民共和国行政处罚法》第五十八条第一款第三项"
    assert selectors.citation_from_key(item.key).resolved
    chapter = LawVersion.objects.get(law__short_name="民事诉讼法").divisions.get(kind="章", number=2, parent__number=1)
    assert chapter.key == "民事诉讼法/2023-09-01/第一编/第二章"
    assert chapter.display == "《中华人民共和国民事诉讼法》第二章"


def test_load_laws_command_loads_a_local_file_and_refuses_a_bad_one(db, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    good = tmp_path / "天津市测试管理规定.md"
    good.write_text(LOCAL_RULE, encoding="utf-8")
    out = StringIO()
    call_command("load_laws", str(good), "--level", "local_rule", "--region", "天津市", stdout=out)
    assert "载入 天津市测试管理规定/2020-03-01" in out.getvalue()
    bad = tmp_path / "bad.md"
    bad.write_text(LOCAL_RULE.replace("第二条之一", "第四条").replace("测试管理规定", "另一规定"), encoding="utf-8")
    with pytest.raises(CommandError, match="第19行"):
        call_command("load_laws", str(bad), "--level", "local_rule", "--region", "天津市")
    with pytest.raises(CommandError, match="--level"):
        call_command("load_laws", str(good))
