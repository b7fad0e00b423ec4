"""What every stage of a normative document shares: the issuing bodies, the number series, the input checks
(text, articles, basis, content flags) and the document's place in the law library."""

from __future__ import annotations

import re
from datetime import date

from fazhi.core.errors import InvalidInput
from fazhi.core.validation import service_text
from fazhi.law import selectors as law_selectors
from fazhi.law import services as law_services
from fazhi.law.models import LawLevel
from fazhi.normative import rules
from fazhi.normative.models import DocumentVersion
from fazhi.org.models import BodyKind

SERIES = "政规"
MAX_TITLE = 200
MAX_TEXT = 50_000

# The kinds of issuing body that may issue (天津 2019 第六条第（四）项: 乡镇人民政府; the district government above it).
ISSUING_KINDS = (BodyKind.TOWN, BodyKind.DISTRICT)


# --- small input helpers -------------------------------------------------------------------------------------------


_text = service_text  # every call names its max_length


def _articles_problem(text: str) -> str | None:
    """The text must be written in articles (第一条 …, numbered without gaps): it goes into the law library."""
    from fazhi.law.parsing import ARTICLE_RE, cn_to_int

    numbers = []
    for line in text.splitlines():
        m = ARTICLE_RE.match(line.strip().replace("\u3000", " "))
        if m and not m.group(2):
            numbers.append(cn_to_int(m.group(1)))
    if not numbers:
        return "正文应按条文书写：每条另起一行，以“第一条”加空格开头。"
    if numbers != list(range(1, len(numbers) + 1)):
        return "条文序号应从第一条起连续编排。"
    return None


def is_provisional(title: str) -> bool:
    return bool(rules.PROVISIONAL_RE.search(title or ""))


def content_flags(text: str) -> list[dict]:
    """Passages that may set a penalty, licence, coercive measure or fee, or add conditions: highlighted for the
    reviewer as suggestions (never a verdict: 设定 is a legal judgement the reviewer makes)."""
    flags = []
    for pattern in rules.CONTENT_PATTERNS:
        for m in re.finditer(pattern.pattern, text or ""):
            start = max(0, m.start() - 20)
            flags.append(
                {
                    "key": pattern.key,
                    "label": pattern.label,
                    "match": m.group(0),
                    "context": (text[start : m.end() + 20]).replace("\n", " "),
                    "citation": pattern.citation,
                }
            )
            if sum(1 for f in flags if f["key"] == pattern.key) >= 5:
                break
    return flags


def check_basis(lines: str, *, on: date) -> list[dict]:
    """Each line one citation (《法律名称》第X条…) resolved in the law library on the drafting day. A normative document
    is in the library only once published, so an unpublished one cannot be a basis (国发〔2008〕17号 (十三))."""
    out = []
    for raw in [x.strip() for x in (lines or "").replace("；", "\n").splitlines() if x.strip()]:
        citation = law_selectors.parse_citation(raw, on=on)
        if not citation.resolved:
            raise InvalidInput(
                f"制定依据“{raw}”无法在法规库中找到：{citation.error}（{rules.PUBLISH_CITATION}）。",
                field="basis",
            )
        out.append({"key": citation.key, "display": citation.display})
    if not out:
        raise InvalidInput("请填写制定依据（至少一条法律、法规、规章或上级文件的条文）。", field="basis")
    return out


def issuer_refusal(body) -> str | None:
    if body.kind not in ISSUING_KINDS:
        return f"“{body.name}”是{body.get_kind_display()}，不得以其名义制发行政规范性文件（{rules.ISSUER_CITATION}）。"
    return None


# --- the law library: a published document resolves as a basis; an ended one stops resolving -----------------------


def law_text(doc, version: DocumentVersion) -> str:
    """The document in the law library's Markdown form (so its articles resolve as citations once published)."""
    return (
        f"# {version.title}\n\n{doc.number}\n{version.published_on:%Y年%m月%d日}公布\n"
        f"自{version.effective_from:%Y年%m月%d日}起施行\n<!-- INFO END -->\n\n{version.text}\n"
    )


def _register_in_library(actor, doc, version: DocumentVersion) -> None:
    law_services.load_texts(
        actor=actor,
        sources=[
            law_services.SourceText(
                text=law_text(doc, version),
                source_name=f"规范性文件/{doc.number}/第{version.version}版",
                level=LawLevel.OTHER,
                category="行政规范性文件",
                region=(doc.body.province or "")[:50] if hasattr(doc.body, "province") else "",
                version_date=version.published_on,
            )
        ],
    )


def _retire_in_library(actor, doc, on: date) -> None:
    law = law_selectors.find_law(doc.law_title) if doc.law_title else None
    if law is None:
        return
    current = law_selectors.version_on(law)
    if current is not None:
        law_services.repeal_version(actor=actor, version=current, on=on)
