"""Reads of the law library: versions in force, articles by citation key, search, citation resolution."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.html import escape

from fazhi.core import clock
from fazhi.law.models import Article, Division, Law, LawVersion, Paragraph, VersionStatus
from fazhi.law.parsing import CN_NUM, NATIONAL_PREFIX, cn_to_int, int_to_cn

CITATION_RE = re.compile(
    rf"《(?P<law>[^《》\n]{{2,80}})》"
    rf"第(?P<art>[{CN_NUM}]+)条(?:之(?P<suffix>[{CN_NUM}]+))?"
    rf"(?:第(?P<para>[{CN_NUM}]+)款)?"
    rf"(?:第(?P<item>[{CN_NUM}]+)项)?"
)
KEY_PART_RE = re.compile(rf"^第([{CN_NUM}]+)(款|项)$")


# ---------------------------------------------------------------------------------------------------------------
# Laws and versions


def laws() -> QuerySet[Law]:
    return Law.objects.all().prefetch_related("versions").order_by("level", "short_name")


def find_law(name: str) -> Law | None:
    """A law by its full title or the short name people cite (城乡规划法 = 中华人民共和国城乡规划法)."""
    name = name.strip()
    short = name[len(NATIONAL_PREFIX) :] if name.startswith(NATIONAL_PREFIX) else name
    return Law.objects.filter(Q(title=name) | Q(short_name=short)).order_by("id").first()


def version_on(law: Law, on: date | None = None) -> LawVersion | None:
    """The version in force on a day (today's current version when no day is given)."""
    qs = LawVersion.objects.filter(law=law).select_related("law")
    if on is None:
        return qs.filter(status=VersionStatus.IN_FORCE).first()
    return (
        qs.filter(effective_from__lte=on)
        .filter(
            Q(effective_to__isnull=True, status__in=[VersionStatus.IN_FORCE, VersionStatus.AMENDED])
            | Q(effective_to__gt=on)
        )
        .order_by("-effective_from")
        .first()
    )


def version_outline(version: LawVersion) -> list[dict]:
    """The table of contents: headings in order, each with depth and its first and last article."""
    divisions = list(Division.objects.filter(version=version).order_by("position"))
    depth: dict[int, int] = {}
    spans: dict[int, list[Article]] = {d.pk: [] for d in divisions}
    parent_of = {d.pk: d.parent_id for d in divisions}
    for art in Article.objects.filter(version=version).only("id", "label", "division_id", "position"):
        div = art.division_id
        while div is not None:
            spans[div].append(art)
            div = parent_of[div]
    rows = []
    for d in divisions:
        depth[d.pk] = depth[d.parent_id] + 1 if d.parent_id else 0
        arts = spans[d.pk]
        rows.append(
            {
                "division": d,
                "depth": depth[d.pk],
                "first": arts[0] if arts else None,
                "last": arts[-1] if arts else None,
            }
        )
    return rows


def version_articles(version: LawVersion) -> QuerySet[Article]:
    return (
        Article.objects.filter(version=version)
        .select_related("division")
        .prefetch_related("paragraphs__items")
        .order_by("position")
    )


# ---------------------------------------------------------------------------------------------------------------
# Citations


@dataclass
class Citation:
    """One citation, resolved to an article (and 款/项) of a version, or carrying the reason it could not be."""

    raw: str
    law_name: str
    number: int
    suffix: int = 0
    paragraph: int | None = None
    item: int | None = None
    start: int = 0
    end: int = 0
    law: Law | None = None
    version: LawVersion | None = None
    article: Article | None = None
    error: str = ""

    @property
    def resolved(self) -> bool:
        return self.article is not None and not self.error

    @property
    def label(self) -> str:
        text = f"第{int_to_cn(self.number)}条" + (f"之{int_to_cn(self.suffix)}" if self.suffix else "")
        if self.paragraph:
            text += f"第{int_to_cn(self.paragraph)}款"
        if self.item:
            text += f"第{int_to_cn(self.item)}项"
        return text

    @property
    def display(self) -> str:
        name = self.law.title if self.law else self.law_name
        return f"《{name}》{self.label}"

    @property
    def key(self) -> str:
        if not self.resolved:
            return ""
        key = self.article.key
        if self.paragraph:
            key += f"/第{int_to_cn(self.paragraph)}款"
        if self.item:
            key += f"/第{int_to_cn(self.item)}项"
        return key

    @property
    def url(self) -> str:
        return reverse("law:article", args=[self.key]) if self.resolved else ""


def _check_parts(citation: Citation) -> None:
    """Fill citation.error if the 款 or 项 does not exist in the resolved article."""
    if citation.article is None or not citation.paragraph:
        if citation.item and citation.article is not None:
            paras = list(citation.article.paragraphs.all())
            if len(paras) != 1:
                citation.error = f"{citation.display}：未写明第几款，无法确定第{int_to_cn(citation.item)}项"
            elif not any(i.number == citation.item for i in paras[0].items.all()):
                citation.error = f"{citation.article.display}没有第{int_to_cn(citation.item)}项"
            else:
                citation.paragraph = 1
        return
    para = next((p for p in citation.article.paragraphs.all() if p.number == citation.paragraph), None)
    if para is None:
        citation.error = f"{citation.article.display}没有第{int_to_cn(citation.paragraph)}款"
        return
    if citation.item and not any(i.number == citation.item for i in para.items.all()):
        citation.error = (
            f"{citation.article.display}第{int_to_cn(citation.paragraph)}款没有第{int_to_cn(citation.item)}项"
        )


def resolve(
    law_name: str,
    number: int,
    suffix: int = 0,
    paragraph: int | None = None,
    item: int | None = None,
    *,
    on: date | None = None,
    raw: str = "",
    _law_cache: dict | None = None,
) -> Citation:
    """Resolve one citation against the version in force on `on` (today's version if None)."""
    citation = Citation(raw=raw, law_name=law_name, number=number, suffix=suffix, paragraph=paragraph, item=item)
    cache = _law_cache if _law_cache is not None else {}
    if law_name not in cache:
        law = find_law(law_name)
        cache[law_name] = (law, version_on(law, on) if law else None)
    citation.law, citation.version = cache[law_name]
    if citation.law is None:
        citation.error = f"法规库中没有《{law_name}》"
        return citation
    if citation.version is None:
        when = f"{on:%Y年%m月%d日}" if on else "当前"
        citation.error = f"《{citation.law.title}》{when}没有有效版本"
        return citation
    citation.article = (
        Article.objects.filter(version=citation.version, number=number, suffix=suffix)
        .select_related("version__law")
        .prefetch_related("paragraphs__items")
        .first()
    )
    if citation.article is None:
        citation.error = f"《{citation.law.title}》（{citation.version.version_date:%Y-%m-%d}版）没有{citation.label}"
        return citation
    _check_parts(citation)
    return citation


def find_citations(text: str, *, on: date | None = None) -> list[Citation]:
    """Every 《法名》第X条[第Y款][第Z项] in a text, each resolved or carrying its reason."""
    cache: dict = {}
    found = []
    for m in CITATION_RE.finditer(text or ""):
        citation = resolve(
            m.group("law"),
            cn_to_int(m.group("art")),
            cn_to_int(m.group("suffix")) if m.group("suffix") else 0,
            cn_to_int(m.group("para")) if m.group("para") else None,
            cn_to_int(m.group("item")) if m.group("item") else None,
            on=on,
            raw=m.group(0),
            _law_cache=cache,
        )
        citation.start, citation.end = m.start(), m.end()
        found.append(citation)
    return found


def parse_citation(text: str, *, on: date | None = None) -> Citation:
    """Exactly one citation, either as typed (《城乡规划法》第六十五条) or as a key (城乡规划法/2019-04-23/第六十五条)."""
    text = (text or "").strip()
    if "/" in text and not text.startswith("《"):
        return citation_from_key(text)
    found = find_citations(text, on=on)
    if len(found) != 1 or found[0].raw != text:
        return Citation(
            raw=text, law_name="", number=0, error=f"无法识别的引用：“{text}”（应写作《法律名称》第X条[第X款][第X项]）"
        )
    return found[0]


def citation_from_key(key: str) -> Citation:
    """A citation key (行政处罚法/2021-01-22/第五十八条/第一款/第三项) to a Citation on that exact version."""
    parts = [p for p in key.strip().strip("/").split("/") if p]
    bad = Citation(raw=key, law_name=parts[0] if parts else "", number=0, error=f"无法识别的引用键：“{key}”")
    if len(parts) < 3:
        return bad
    article_key = "/".join(parts[:3])
    article = (
        Article.objects.filter(key=article_key)
        .select_related("version__law")
        .prefetch_related("paragraphs__items")
        .first()
    )
    citation = Citation(raw=key, law_name=parts[0], number=0)
    extra = parts[3:]
    for part in extra:
        m = KEY_PART_RE.match(part)
        if not m:
            return bad
        value = cn_to_int(m.group(1))
        if m.group(2) == "款":
            citation.paragraph = value
        else:
            citation.item = value
    if article is None:
        citation.error = f"法规库中没有“{article_key}”"
        return citation
    citation.article = article
    citation.version = article.version
    citation.law = article.version.law
    citation.number, citation.suffix = article.number, article.suffix
    _check_parts(citation)
    return citation


def cite_links_html(text: str, *, on: date | None = None) -> str:
    """HTML-escaped text with each resolved citation linked and each unresolved one marked (never dropped)."""
    text = text or ""
    out = []
    pos = 0
    for c in find_citations(text, on=on):
        out.append(escape(text[pos : c.start]))
        if c.resolved:
            out.append(f'<a class="cite" href="{escape(c.url)}" title="{escape(c.display)}">{escape(c.raw)}</a>')
        else:
            out.append(
                f'<span class="cite-unresolved text-danger text-decoration-underline" '
                f'title="未能解析：{escape(c.error)}">{escape(c.raw)}<sup>（未解析）</sup></span>'
            )
        pos = c.end
    out.append(escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


# ---------------------------------------------------------------------------------------------------------------
# Search


@dataclass
class SearchHit:
    article: Article
    snippet: str  # HTML, escaped, hits in <mark>


@dataclass
class SearchResult:
    query: str
    terms: list[str]
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    method: str = ""  # which index answered: fts5 / pg_trgm / like


def _terms(query: str) -> list[str]:
    return [t for t in re.split(r"\s+", (query or "").strip()) if t][:8]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search_ids_indexed(terms: list[str]) -> tuple[QuerySet[Article], str]:
    """Articles containing every term, narrowed through the engine's index where the terms allow it."""
    qs = Article.objects.order_by()
    vendor = connection.vendor
    long_terms = [t for t in terms if len(t) >= 3]
    method = "like"
    if vendor == "sqlite" and long_terms:
        match = " ".join(_fts_phrase(t) for t in long_terms)
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM law_article_fts WHERE law_article_fts MATCH %s", [match])
            ids = [row[0] for row in cursor.fetchall()]
        qs = qs.filter(id__in=ids)
        method = "fts5"
        for t in terms:
            if len(t) < 3:
                qs = qs.filter(text__contains=t)
        return qs, method
    if vendor == "postgresql" and long_terms:
        where = " AND ".join(["text LIKE %s ESCAPE '\\'"] * len(long_terms))
        with transaction.atomic(), connection.cursor() as cursor:
            # On a library this small the planner prices the GIN trigram index above a sequential scan, although
            # the index answers in about a tenth of the time (bench/results/law.md); keep it on the index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"SELECT id FROM law_article WHERE {where}", [_like_pattern(t) for t in long_terms])
            ids = [row[0] for row in cursor.fetchall()]
        qs = qs.filter(id__in=ids)
        for t in terms:
            if len(t) < 3:
                qs = qs.filter(text__contains=t)
        return qs, "pg_trgm"
    # One- or two-character terms only: trigrams cannot index them, so this is a scan (fast at this size).
    for t in terms:
        qs = qs.filter(text__contains=t)
    return qs, method


def _like_pattern(term: str) -> str:
    """LIKE '%term%' with the wildcards in the term escaped; callers add ESCAPE '\\' (SQLite has no default)."""
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_like_baseline(terms: list[str]) -> list[int]:
    """The unindexed baseline for the benchmark: a plain LIKE scan (the index is defeated by `text || ''`)."""
    sql = "SELECT id FROM law_article WHERE " + " AND ".join(["(text || '') LIKE %s ESCAPE '\\'"] * len(terms))
    with connection.cursor() as cursor:
        cursor.execute(sql, [_like_pattern(t) for t in terms])
        return [row[0] for row in cursor.fetchall()]


def highlight(text: str, terms: list[str], *, width: int = 60) -> str:
    """A window of text around the first hit, escaped, with every term in <mark>."""
    text = text or ""
    first = min((i for i in (text.find(t) for t in terms) if i >= 0), default=0)
    start = max(0, first - width)
    end = min(len(text), first + width * 2)
    window = text[start:end]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))) if terms else None
    out, pos = [], 0
    if pattern:
        for m in pattern.finditer(window):
            out.append(escape(window[pos : m.start()]))
            out.append(f"<mark>{escape(m.group(0))}</mark>")
            pos = m.end()
    out.append(escape(window[pos:]))
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else "")


def search_articles(query: str, *, in_force_only: bool = True, limit: int = 50) -> SearchResult:
    """Full-text search over article text. Every whitespace-separated term must occur; hits are highlighted."""
    terms = _terms(query)
    result = SearchResult(query=query, terms=terms)
    if not terms:
        return result
    qs, result.method = search_ids_indexed(terms)
    if in_force_only:
        qs = qs.filter(version__status=VersionStatus.IN_FORCE)
    qs = qs.select_related("version__law").order_by(
        "version__law__level", "version__law__short_name", "-version__version_date", "position"
    )
    result.total = qs.count()
    result.hits = [SearchHit(article=a, snippet=highlight(a.text, terms)) for a in qs[:limit]]
    return result


def article_paragraphs(article: Article) -> list[Paragraph]:
    return list(article.paragraphs.prefetch_related("items").order_by("number"))


def same_article_in_other_versions(article: Article) -> list[Article]:
    """The article with the same number in the law's other versions (numbers can shift between revisions)."""
    return list(
        Article.objects.filter(version__law_id=article.version.law_id, number=article.number, suffix=article.suffix)
        .exclude(pk=article.pk)
        .select_related("version")
        .order_by("-version__version_date")
    )


# ---------------------------------------------------------------------------------------------------------------
# Power list


def visible_power_items(user) -> QuerySet:
    """Power items of the bodies the user may see (org scope)."""
    from fazhi.law.models import PowerItem
    from fazhi.org.selectors import visible_bodies

    return PowerItem.objects.filter(body__in=visible_bodies(user)).select_related("body")


def power_items_under(body) -> QuerySet:
    """Power items of a body and every body below it (a town shows its team's list)."""
    from fazhi.law.models import PowerItem

    return PowerItem.objects.filter(body__path__startswith=body.path)


def power_item_with_id(item_id) -> QuerySet:
    """The one power item with this id, as a queryset (for ``current_versions``)."""
    from fazhi.law.models import PowerItem

    return PowerItem.objects.filter(pk=item_id)


def power_version_visible_to(user, version_id):
    """A power item version whose item the user may see, or None (so a made-up or foreign id is refused alike)."""
    from fazhi.law.models import PowerItemVersion

    return PowerItemVersion.objects.filter(pk=version_id, item__in=visible_power_items(user)).first()


def benchmark_level_of(version, level_id):
    """One discretion level of this version, or None when the id belongs to another item's benchmark."""
    return version.benchmark_levels.filter(pk=level_id).first()


def body_ids_with_power_items() -> QuerySet:
    """Ids of the bodies that hold at least one power item (a subquery when passed on)."""
    from fazhi.law.models import PowerItem

    return PowerItem.objects.values("body_id")


def current_versions(items: QuerySet, *, category: str = "", query: str = "", include_retired: bool = False) -> list:
    """The newest version of each item, with links and levels prefetched, ordered by body and code."""
    from django.db.models import Max, OuterRef, Subquery

    from fazhi.law.models import PowerItemVersion, PowerState

    latest = PowerItemVersion.objects.filter(item=OuterRef("item")).values("item").annotate(m=Max("number")).values("m")
    qs = (
        PowerItemVersion.objects.filter(item__in=items, number=Subquery(latest))
        .select_related("item__body")
        .prefetch_related("article_links__article__version__law", "benchmark_levels")
        .order_by("item__body__code", "item__code")
    )
    if not include_retired:
        qs = qs.exclude(state=PowerState.RETIRED)
    if category:
        qs = qs.filter(category=category)
    if query:
        qs = qs.filter(Q(name__contains=query) | Q(item__code__contains=query))
    return list(qs)


@dataclass
class Finding:
    """One health-check finding: which item, what is wrong, which article (if any)."""

    version: object
    kind: str
    message: str
    article: Article | None = None

    @property
    def item(self):
        return self.version.item


FINDING_KINDS = {
    "no_basis": "缺少设定依据",
    "not_in_force": "依据条文不在施行期",
    "no_penalty_provision": "处罚事项缺少罚则",
    "no_benchmark": "处罚事项缺少裁量基准",
    "benchmark_out_of_range": "裁量基准超出法定幅度",
}


def power_health(items: QuerySet, *, on: date | None = None) -> list[Finding]:
    """Check the current version of each active item. Each finding names the item and the article.

    - no legal basis (设定依据): 行政处罚法 第四条, powers must rest on a 法律、法规、规章;
    - a linked article whose version is not in force on the day (已修改/已废止, or not yet in force);
    - a penalty item without a penalty provision (罚则) or without a discretion benchmark (国办发〔2018〕118号 (四));
    - a benchmark level outside the statutory range of the penalty provision.
    """

    from fazhi.law.models import PowerCategory, PowerState
    from fazhi.law.services import PowerSpec, check_benchmark, spec_from_version

    on = on or clock.today()
    findings: list[Finding] = []
    for version in current_versions(items):
        if version.state != PowerState.ACTIVE:
            continue
        links = list(version.article_links.all())
        label = f"{version.item.code}「{version.name}」"
        if not any(link.role == "basis" for link in links):
            findings.append(Finding(version, "no_basis", f"{label}没有设定依据"))
        for link in links:
            av = link.article.version
            if not av.in_force_on(on):
                findings.append(
                    Finding(
                        version,
                        "not_in_force",
                        f"{label}的{link.get_role_display()}{link.citation_display}"
                        f"（{av.version_date:%Y-%m-%d}版，{av.get_status_display()}）在{on:%Y-%m-%d}不在施行期",
                        link.article,
                    )
                )
        if version.category == PowerCategory.PENALTY:
            if not any(link.role == "penalty" for link in links):
                findings.append(Finding(version, "no_penalty_provision", f"{label}是行政处罚事项，但没有罚则"))
            if not version.benchmark_levels.all():
                findings.append(Finding(version, "no_benchmark", f"{label}是行政处罚事项，但没有裁量基准"))
            else:
                spec: PowerSpec = spec_from_version(version)
                penalty = [link for link in links if link.role == "penalty"]
                fake_links = [("penalty", _LinkCitation(link)) for link in penalty]
                for where, message in check_benchmark(spec, fake_links):
                    findings.append(
                        Finding(
                            version,
                            "benchmark_out_of_range",
                            f"{label}{where}：{message}",
                            penalty[0].article if penalty else None,
                        )
                    )
    return findings


class _LinkCitation:
    """Adapts a stored link to the part of Citation that check_benchmark reads (its display form)."""

    def __init__(self, link):
        self.display = link.citation_display


def power_version_on(item, at) -> object | None:
    """The version of a power item that was current at a moment (for a case decided then); None before it existed."""
    return item.versions.filter(created_at__lte=at).order_by("-number").first()
