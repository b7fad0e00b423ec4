"""Every citation in a rule table names an article that exists in the law text it cites.

A rule's citation is what a refusal shows to the officer and what a supervisor checks; "第六条" where the article is
第二条第二款 is a wrong answer with the look of a right one. This test reads every registered rule (periods, amounts,
annual dates) and the other rule tables (settings, review points, certificate actions, training requirements), finds
each 《title》…第N条, and checks N against the article count of the shipped text of that title. A citation of a text
that is not shipped must be listed in NOT_SHIPPED with the reason, so that adding the text later adds the check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fazhi.law.parsing import cn_to_int, date_from_filename, parse_law

LAWS = Path(__file__).resolve().parents[1] / "law" / "data" / "laws"

# Cited titles (or title + version qualifier) whose text the platform does not ship; each with why.
NOT_SHIPPED = {
    "中华人民共和国行政处罚法（2017年修正）": "the 2017 text is not among the shipped texts; its numbers are UNVERIFIED settings",
    "中华人民共和国民事诉讼法（2017年修正）": "the 2017 text is not shipped; the 60-day 公告送达 period is UNVERIFIED",
    "中华人民共和国政府信息公开条例（2007年）": "the 2007 text is not shipped; its numbers are UNVERIFIED settings",
    "天津市行政执法监督规定": "a Tianjin municipal rule, not among the national texts shipped (DOMAIN.md §7)",
    "天津市法治宣传教育条例": "a Tianjin regulation, not shipped",
    "市场监督管理行政处罚程序规定": "a SAMR procedural rule cited only as the source of an adopted default",
    "政府信息公开信息处理费管理办法": "a State Council office notice (国办函〔2020〕109号), no article numbers cited",
    "法治政府建设与责任落实督察工作规定": "a 中办/国办 regulation (2019), read for DOMAIN.md §5, not shipped",
}

CITATION = re.compile(
    r"《([^》]+)》(（[^）]*）)?((?:第[一二三四五六七八九十百零〇]+条(?:之[一二三四五六七八九十]+)?[、，和及]?)+)"
)
ARTICLE = re.compile(r"第([一二三四五六七八九十百零〇]+)条")


PARAGRAPH = re.compile(r"《([^》]+)》(（[^）]*）)?第([一二三四五六七八九十百零〇]+)条第([一二三四五六七八九十]+)款")
_paragraphs: dict[str, dict[int, int]] = {}


def _shipped() -> dict[str, int]:
    """{cited name: the highest article number of that shipped text}. A title alone means its newest shipped version;
    "title（YYYY年…）" means the version of that year."""
    counts: dict[str, int] = {}
    newest: dict[str, object] = {}
    for path in sorted(p for p in LAWS.rglob("*.md") if p.name != "MANIFEST.md"):
        law = parse_law(path.read_text(encoding="utf-8"), version_date=date_from_filename(path.name), source=str(path))
        highest = max((a.number for a in law.articles), default=0)
        paragraphs = {a.number: len(a.paragraphs) for a in law.articles}
        counts[f"{law.title}@{law.version_date.year}"] = highest
        _paragraphs[f"{law.title}@{law.version_date.year}"] = paragraphs
        if law.title not in newest or law.version_date > newest[law.title]:
            newest[law.title] = law.version_date
            counts[law.title] = highest
            _paragraphs[law.title] = paragraphs
    return counts


def _key(title: str) -> str:
    """ "《X》（2021年修订）" → "X@2021"; a qualifier without a year (a 令号) names no version: "X"."""
    base, _sep, qualifier = title.partition("（")
    year = re.search(r"(\d{4})年", qualifier)
    return f"{base}@{year.group(1)}" if year else base


def _rule_texts() -> list[tuple[str, str]]:
    """(where, citation text) for every rule table of the platform."""
    from fazhi.core.rules import all_rules
    from fazhi.org import rules as org_rules
    from fazhi.publicity import rules as publicity_rules
    from fazhi.review import rules as review_rules

    texts = []
    for rule in all_rules():
        texts.append((f"rule {rule.key} ({rule.in_force_label})", rule.citation))
        if getattr(rule, "extension_citation", ""):
            texts.append((f"rule {rule.key} extension", rule.extension_citation))
    for spec in publicity_rules.SETTINGS:
        texts.append((f"publicity setting {spec.key}", spec.source))
    for name in dir(review_rules):
        value = getattr(review_rules, name)
        if isinstance(value, str) and "《" in value:
            texts.append((f"review.rules.{name}", value))
    for point in getattr(review_rules, "REVIEW_POINTS", []):
        for attr in ("text", "citation"):
            if isinstance(getattr(point, attr, None), str):
                texts.append((f"review point {point.key}", getattr(point, attr)))
    for name in dir(org_rules):
        value = getattr(org_rules, name)
        for item in value if isinstance(value, list | tuple) else [value]:
            citation = getattr(item, "citation", None)
            if isinstance(citation, str):
                texts.append((f"org.rules.{name}", citation))
    return texts


def citations(text: str) -> list[tuple[str, int]]:
    """[(cited title with any version qualifier, article number), …] in a citation text."""
    found = []
    for match in CITATION.finditer(text):
        title = match.group(1) + (match.group(2) or "")
        # A qualifier naming a document number (国办函〔2020〕109号) is not a version of the text.
        if match.group(2) and "〔" in match.group(2):
            title = match.group(1)
        for number in ARTICLE.findall(match.group(3)):
            found.append((title, cn_to_int(number)))
    return found


def test_the_citation_finder_reads_titles_versions_and_several_articles():
    text = "《中华人民共和国行政处罚法》（2017年修正）第二十九条；《中华人民共和国行政强制法》第五十四条、第六十九条"
    assert citations(text) == [
        ("中华人民共和国行政处罚法（2017年修正）", 29),
        ("中华人民共和国行政强制法", 54),
        ("中华人民共和国行政强制法", 69),
    ]


@pytest.mark.django_db
def test_every_cited_article_exists_in_the_shipped_text_of_its_law():
    shipped = _shipped()
    missing_texts, wrong = set(), []
    checked = 0
    for where, text in _rule_texts():
        for title, number in citations(text):
            key = _key(title)
            if key in shipped:
                checked += 1
                if number > shipped[key]:
                    wrong.append(f"{where}: 《{title}》第{number}条 — the text has {shipped[key]} articles")
            elif title not in NOT_SHIPPED and key.split("@")[0] not in NOT_SHIPPED:
                missing_texts.add(f"{title} (cited by {where})")
        for match in PARAGRAPH.finditer(text):
            key = _key(match.group(1) + (match.group(2) or ""))
            article, paragraph = cn_to_int(match.group(3)), cn_to_int(match.group(4))
            if key in _paragraphs and paragraph > _paragraphs[key].get(article, 0):
                wrong.append(
                    f"{where}: 《{match.group(1)}》第{match.group(3)}条第{match.group(4)}款 — no such paragraph"
                )
    assert not wrong, "\n".join(wrong)
    assert not missing_texts, "cited but neither shipped nor listed in NOT_SHIPPED:\n" + "\n".join(
        sorted(missing_texts)
    )
    assert checked > 30  # the check really ran over the rule tables


def test_the_warning_only_exemption_cites_article_2_paragraph_2_of_the_samr_rule():
    # 《市场监督管理行政处罚信息公示规定》第二条第二款: "仅受到警告行政处罚的不予公示。" (第六条 is about redaction.)
    from fazhi.publicity import redaction
    from fazhi.publicity.rules import PUBLISH_WARNING_ONLY, SETTINGS

    source = next(s.source for s in SETTINGS if s.key == PUBLISH_WARNING_ONLY)
    assert "第二条第二款" in source and "第六条" not in source
    from datetime import date

    reasons = redaction.block_reasons(
        party_is_person=False, party_id_number="", decided_on=date(2022, 3, 1), warning_only=True
    )
    assert len(reasons) == 1 and "第二条第二款" in reasons[0]
