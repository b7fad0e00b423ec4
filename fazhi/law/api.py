"""Read API for the law library and the power list (same selectors as the pages)."""

from datetime import date
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from fazhi.core.validation import Id, Limit, SearchText
from fazhi.law import selectors
from fazhi.law.models import Law

router = Router(tags=["法规库与权责清单"])


class VersionOut(Schema):
    id: int
    key: str
    version_date: date
    effective_from: date
    effective_to: date | None
    status: str
    status_label: str


class LawOut(Schema):
    id: int
    title: str
    short_name: str
    level: str
    level_label: str
    region: str
    versions: list[VersionOut]


class ParagraphOut(Schema):
    number: int
    text: str
    items: list[str]


class ArticleOut(Schema):
    key: str
    display: str
    label: str
    law: str
    version_date: date
    status: str
    text: str
    paragraphs: list[ParagraphOut]


class HitOut(Schema):
    key: str
    display: str
    status: str
    snippet: str


class SearchOut(Schema):
    query: str
    total: int
    method: str
    hits: list[HitOut]


class LinkOut(Schema):
    role: str
    role_label: str
    citation_key: str
    display: str
    article_status: str


class LevelOut(Schema):
    order: int
    name: str
    conditions: str
    fine_min: Decimal | None
    fine_max: Decimal | None
    other_penalties: str


class PowerItemOut(Schema):
    id: int
    code: str
    body_id: int
    body: str
    version: int
    name: str
    category: str
    category_label: str
    responsible_unit: str
    devolved: bool
    devolving_document: str
    accountability: str
    state: str
    statutory_fine_unit: str
    statutory_fine_base: str
    statutory_fine_min: Decimal | None
    statutory_fine_max: Decimal | None
    statutory_other: str
    articles: list[LinkOut]
    benchmark: list[LevelOut]


def _version(v) -> VersionOut:
    return VersionOut(
        id=v.pk,
        key=v.key,
        version_date=v.version_date,
        effective_from=v.effective_from,
        effective_to=v.effective_to,
        status=v.status,
        status_label=v.get_status_display(),
    )


def _law(law) -> LawOut:
    return LawOut(
        id=law.pk,
        title=law.title,
        short_name=law.short_name,
        level=law.level,
        level_label=law.get_level_display(),
        region=law.region,
        versions=[_version(v) for v in law.versions.all()],
    )


def _power(v) -> PowerItemOut:
    return PowerItemOut(
        id=v.item.pk,
        code=v.item.code,
        body_id=v.item.body_id,
        body=v.item.body.name,
        version=v.number,
        name=v.name,
        category=v.category,
        category_label=v.get_category_display(),
        responsible_unit=v.responsible_unit,
        devolved=v.devolved,
        devolving_document=v.devolving_document,
        accountability=v.accountability,
        state=v.state,
        statutory_fine_unit=v.statutory_fine_unit,
        statutory_fine_base=v.statutory_fine_base,
        statutory_fine_min=v.statutory_fine_min,
        statutory_fine_max=v.statutory_fine_max,
        statutory_other=v.statutory_other,
        articles=[
            LinkOut(
                role=link.role,
                role_label=link.get_role_display(),
                citation_key=link.citation_key,
                display=link.citation_display,
                article_status=link.article.version.status,
            )
            for link in v.article_links.all()
        ],
        benchmark=[
            LevelOut(
                order=lv.order,
                name=lv.name,
                conditions=lv.conditions,
                fine_min=lv.fine_min,
                fine_max=lv.fine_max,
                other_penalties=lv.other_penalties,
            )
            for lv in v.benchmark_levels.all()
        ],
    )


@router.get("/laws", response=list[LawOut], summary="法律法规及其版本")
def list_laws(request):
    return [_law(law) for law in selectors.laws()]


@router.get("/laws/{law_id}", response=LawOut, summary="一部法律法规")
def get_law(request, law_id: Id):
    return _law(get_object_or_404(Law.objects.prefetch_related("versions"), pk=law_id))


@router.get("/articles", response=ArticleOut, summary="按引用键取条文，如 行政处罚法/2021-01-22/第五十八条")
def get_article(request, key: SearchText):
    citation = selectors.citation_from_key(key)
    if not citation.resolved:
        raise Http404(citation.error)
    a = citation.article
    return ArticleOut(
        key=citation.key,
        display=citation.display,
        label=a.label,
        law=a.version.law.title,
        version_date=a.version.version_date,
        status=a.version.status,
        text=a.text,
        paragraphs=[
            ParagraphOut(number=p.number, text=p.text, items=[i.text for i in p.items.all()])
            for p in a.paragraphs.all()
        ],
    )


@router.get("/search", response=SearchOut, summary="条文全文检索（FTS5 / pg_trgm）")
def search(request, q: SearchText, all_versions: bool = False, limit: Limit = 50):
    result = selectors.search_articles(q, in_force_only=not all_versions, limit=max(1, min(limit, 200)))
    return SearchOut(
        query=q,
        total=result.total,
        method=result.method,
        hits=[
            HitOut(key=h.article.key, display=h.article.display, status=h.article.version.status, snippet=h.snippet)
            for h in result.hits
        ],
    )


@router.get("/powers", response=list[PowerItemOut], summary="权责清单（当前版本，限本人可见机构）")
def list_powers(request, category: SearchText = "", q: SearchText = ""):
    items = selectors.visible_power_items(request.user)
    return [_power(v) for v in selectors.current_versions(items, category=category, query=q)]


@router.get("/powers/{item_id}", response=PowerItemOut, summary="一项权责事项及其裁量基准")
def get_power(request, item_id: Id):
    items = selectors.visible_power_items(request.user).filter(pk=item_id)
    versions = selectors.current_versions(items, include_retired=True)
    if not versions:
        raise Http404("没有这个权责事项")
    return _power(versions[0])
