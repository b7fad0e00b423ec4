"""Writes to the law library: loading texts (shipped or uploaded) as new versions, never overwriting one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction

from fazhi.audit.events import Event
from fazhi.audit.hashing import sm3_hex
from fazhi.audit.services import record
from fazhi.core.errors import DomainError
from fazhi.law.models import (
    Article,
    ArticleRole,
    BenchmarkLevel,
    Division,
    FineUnit,
    Item,
    Law,
    LawLevel,
    LawVersion,
    Paragraph,
    PowerCategory,
    PowerItem,
    PowerItemArticle,
    PowerItemVersion,
    PowerState,
    VersionStatus,
)
from fazhi.law.parsing import LawFormatError, ParsedLaw, date_from_filename, parse_law

if TYPE_CHECKING:
    from fazhi.law.selectors import Citation

DATA_DIR = Path(__file__).resolve().parent / "data" / "laws"

# The shipped library's folders (LawRefBook/Laws layout) and the 效力位阶 each holds.
FOLDER_LEVELS = {
    "宪法": LawLevel.CONSTITUTION,
    "宪法相关法": LawLevel.LAW,
    "民法商法": LawLevel.LAW,
    "行政法": LawLevel.LAW,
    "经济法": LawLevel.LAW,
    "社会法": LawLevel.LAW,
    "刑法": LawLevel.LAW,
    "诉讼与非诉讼程序法": LawLevel.LAW,
    "行政法规": LawLevel.ADMIN_REGULATION,
    "部门规章": LawLevel.DEPARTMENT_RULE,
    "司法解释": LawLevel.JUDICIAL,
    "地方性法规": LawLevel.LOCAL_REGULATION,
}


class LawTextRejected(DomainError):
    """A law text that cannot be loaded: malformed, or conflicting with a version already in the library."""


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"新载入 {len(self.loaded)} 个版本，已存在未变 {len(self.unchanged)} 个，标记为已修改 {len(self.superseded)} 个。"


@dataclass
class SourceText:
    text: str
    source_name: str
    level: str
    category: str = ""
    region: str = ""
    version_date: date | None = None


def shipped_sources(root: Path = DATA_DIR) -> list[SourceText]:
    sources = []
    for path in sorted(root.rglob("*.md")):
        if path.name == "MANIFEST.md":
            continue
        rel = path.relative_to(root)
        folder = rel.parts[0]
        sources.append(
            SourceText(
                text=path.read_text(encoding="utf-8"),
                source_name=str(rel),
                level=FOLDER_LEVELS.get(folder, LawLevel.OTHER),
                category=folder,
                version_date=date_from_filename(path.name),
            )
        )
    return sources


def _parse(source: SourceText) -> ParsedLaw:
    try:
        return parse_law(source.text, version_date=source.version_date, source=source.source_name)
    except LawFormatError as exc:
        raise LawTextRejected(f"法律文本格式有误：{exc.message}") from exc


def _insert_structure(version: LawVersion, parsed: ParsedLaw) -> int:
    """Bulk-insert headings, articles, paragraphs and items: one INSERT per table and heading depth."""
    divisions: dict[int, Division] = {}
    remaining = list(parsed.divisions)
    while remaining:
        # Parents come before children in the text, so each pass inserts one depth whose parents exist.
        batch = [d for d in remaining if d.parent is None or d.parent in divisions]
        objs = [
            Division(
                version=version,
                parent=divisions.get(d.parent) if d.parent is not None else None,
                kind=d.kind,
                number=d.number,
                label=d.label,
                title=d.title,
                position=d.index,
                text=d.text,
            )
            for d in batch
        ]
        for d, obj in zip(batch, Division.objects.bulk_create(objs), strict=True):
            divisions[d.index] = obj
        done = {d.index for d in batch}
        remaining = [d for d in remaining if d.index not in done]
    prefix = version.key
    articles = Article.objects.bulk_create(
        [
            Article(
                version=version,
                division=divisions.get(a.division) if a.division is not None else None,
                number=a.number,
                suffix=a.suffix,
                position=pos,
                label=a.label,
                key=f"{prefix}/{a.label}",
                text=a.text,
            )
            for pos, a in enumerate(parsed.articles)
        ]
    )
    para_pairs = [(obj, p) for a, obj in zip(parsed.articles, articles, strict=True) for p in a.paragraphs]
    paragraphs = Paragraph.objects.bulk_create(
        [Paragraph(article=obj, number=p.number, text=p.text) for obj, p in para_pairs]
    )
    Item.objects.bulk_create(
        [
            Item(paragraph=pobj, number=i.number, text=i.text)
            for (_, p), pobj in zip(para_pairs, paragraphs, strict=True)
            for i in p.items
        ]
    )
    return len(articles)


def _reorder_versions(*, actor, law: Law, report: LoadReport) -> None:
    """The newest version not repealed is 现行有效; every older one is 已修改, ending where its successor starts."""
    versions = list(LawVersion.objects.select_for_update().filter(law=law).order_by("version_date"))
    live = [v for v in versions if v.status != VersionStatus.REPEALED]
    # Demote first: the "one in force per law" constraint must hold after every statement.
    for older, newer in zip(live, live[1:], strict=False):
        if older.status != VersionStatus.AMENDED or older.effective_to != newer.effective_from:
            old_status = older.status
            older.status = VersionStatus.AMENDED
            older.effective_to = max(newer.effective_from, older.effective_from)
            older.save(update_fields=["status", "effective_to"])
            if old_status == VersionStatus.IN_FORCE:
                report.superseded.append(older.key)
                record(
                    actor=actor,
                    event=Event.LAW_VERSION_SUPERSEDED,
                    subject=older,
                    payload={
                        "old": {"status": old_status},
                        "new": {"status": older.status, "effective_to": older.effective_to, "by": newer.key},
                    },
                )
    if live:
        newest = live[-1]
        if newest.status != VersionStatus.IN_FORCE:
            newest.status = VersionStatus.IN_FORCE
            newest.effective_to = None
            newest.save(update_fields=["status", "effective_to"])


def load_texts(*, actor, sources: list[SourceText]) -> LoadReport:
    """Load law texts as versions. Idempotent: a version already present with the same text is left alone.

    All or nothing: every text is parsed before anything is written, and a malformed file or a different text
    under an existing (law, version date) refuses the whole load.
    """
    parsed_all = [(s, _parse(s)) for s in sources]
    report = LoadReport()
    with transaction.atomic():
        laws = {law.title: law for law in Law.objects.filter(title__in=[p.title for _, p in parsed_all])}
        existing = {
            (v.law.title, v.version_date): v
            for v in LawVersion.objects.select_related("law").filter(law__in=laws.values())
        }
        touched: dict[str, Law] = {}
        for source, parsed in parsed_all:
            digest = sm3_hex(source.text.encode("utf-8"))
            current = existing.get((parsed.title, parsed.version_date))
            if current is not None:
                if current.source_sm3 != digest:
                    raise LawTextRejected(
                        f"{source.source_name}：《{parsed.title}》{parsed.version_date:%Y-%m-%d} 版本已载入且文本不同。"
                        "已载入的版本不得覆盖；如为新的修改，请使用新的版本日期。"
                    )
                report.unchanged.append(current.key)
                continue
            law = laws.get(parsed.title)
            if law is None:
                law = Law.objects.create(
                    title=parsed.title,
                    short_name=parsed.short_name,
                    level=source.level,
                    category=source.category,
                    region=source.region,
                )
                laws[law.title] = law
            version = LawVersion.objects.create(
                law=law,
                version_date=parsed.version_date,
                effective_from=parsed.effective_date,
                effective_basis=parsed.effective_basis[:200],
                status=VersionStatus.AMENDED,
                header="\n".join(parsed.header_lines),
                preamble=parsed.preamble,
                source_name=source.source_name[:255],
                source_sm3=digest,
            )
            existing[(law.title, version.version_date)] = version
            count = _insert_structure(version, parsed)
            record(
                actor=actor,
                event=Event.LAW_VERSION_LOADED,
                subject=version,
                payload={
                    "new": {
                        "key": version.key,
                        "source": source.source_name,
                        "sm3": digest,
                        "articles": count,
                        "effective_from": version.effective_from,
                    }
                },
            )
            report.loaded.append(version.key)
            touched[law.title] = law
        for law in touched.values():
            _reorder_versions(actor=actor, law=law, report=report)
    return report


def load_library(*, actor=None, root: Path = DATA_DIR) -> LoadReport:
    """Load every shipped text (``fazhi load_laws``)."""
    return load_texts(actor=actor, sources=shipped_sources(root))


def upload_law(
    *,
    actor,
    text: str,
    filename: str,
    level: str,
    region: str = "",
    version_date: date | None = None,
) -> LoadReport:
    """An administrator adds a law or local regulation in the shipped Markdown form (one version per file)."""
    if level not in LawLevel.values:
        raise LawTextRejected("效力位阶无效。")
    if level in (LawLevel.LOCAL_REGULATION, LawLevel.LOCAL_RULE) and not region.strip():
        raise LawTextRejected("地方性法规、地方政府规章须填写适用地区（如：天津市）。")
    source = SourceText(
        text=text,
        source_name=f"上传/{filename}",
        level=level,
        category=LawLevel(level).label,
        region=region.strip(),
        version_date=version_date or date_from_filename(filename),
    )
    return load_texts(actor=actor, sources=[source])


def repeal_version(*, actor, version: LawVersion, on: date) -> LawVersion:
    """Mark a law 已废止 from a date. The text stays: decisions made while it was in force still cite it."""
    with transaction.atomic():
        version = LawVersion.objects.select_for_update().get(pk=version.pk)
        if version.status != VersionStatus.IN_FORCE:
            raise LawTextRejected(f"{version} 不是现行有效版本，不能废止。")
        if on <= version.effective_from:
            raise LawTextRejected(f"废止日期应晚于施行日期 {version.effective_from:%Y-%m-%d}。")
        old = version.status
        version.status = VersionStatus.REPEALED
        version.effective_to = on
        version.save(update_fields=["status", "effective_to"])
        record(
            actor=actor,
            event=Event.LAW_VERSION_SUPERSEDED,
            subject=version,
            payload={"old": {"status": old}, "new": {"status": version.status, "effective_to": on}},
        )
    return version


# ---------------------------------------------------------------------------------------------------------------
# Power list (权责清单). An item changes only by a new version; links point at specific article versions.


class PowerListError(DomainError):
    """A refused change to the power list. ``problems`` lists (field, message) pairs, each naming the place."""

    def __init__(self, message: str, *, problems: list[tuple[str, str]] | None = None):
        self.problems = problems or []
        super().__init__(message)


class BenchmarkOutOfRange(PowerListError):
    """A discretion level outside the statutory range of the penalty provision (行政处罚法 第三十四条)."""


@dataclass
class LevelSpec:
    name: str
    conditions: str
    fine_min: Decimal | None = None
    fine_max: Decimal | None = None
    other_penalties: str = ""


@dataclass
class PowerSpec:
    """Everything one version of a power item says, as entered (citations as typed or as keys)."""

    name: str
    category: str
    responsible_unit: str = ""
    devolved: bool = False
    devolving_document: str = ""
    accountability: str = ""
    state: str = PowerState.ACTIVE
    basis: list[str] = field(default_factory=list)
    violated: list[str] = field(default_factory=list)
    penalty: list[str] = field(default_factory=list)
    statutory_fine_unit: str = FineUnit.NONE
    statutory_fine_base: str = ""
    statutory_fine_min: Decimal | None = None
    statutory_fine_max: Decimal | None = None
    statutory_other: str = ""
    levels: list[LevelSpec] = field(default_factory=list)
    change_note: str = ""


ROLE_FIELDS = ((ArticleRole.BASIS, "basis"), (ArticleRole.VIOLATED, "violated"), (ArticleRole.PENALTY, "penalty"))
KIND_SPLIT_RE = re.compile(r"[、，,；;\s]+")
CENT = Decimal("0.01")


def penalty_kinds(text: str) -> list[str]:
    return [k for k in KIND_SPLIT_RE.split(text or "") if k]


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(CENT)


def _fmt(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "不限"
    text = f"{value.normalize():f}"
    return {FineUnit.YUAN: f"{text}元", FineUnit.MULTIPLE: f"{text}倍", FineUnit.PERCENT: f"{text}%"}.get(unit, text)


def resolve_links(
    spec: PowerSpec, *, on: date | None = None
) -> tuple[list[tuple[str, Citation]], list[tuple[str, str]]]:
    """Resolve the spec's citations: (role, citation) pairs, and (field label, message) for each that fails."""
    from fazhi.law.selectors import parse_citation

    links, problems = [], []
    for role, attr in ROLE_FIELDS:
        for raw in getattr(spec, attr):
            if not raw.strip():
                continue
            citation = parse_citation(raw, on=on)
            if not citation.resolved:
                problems.append((role.label, citation.error))
            else:
                links.append((role.value, citation))
    return links, problems


def check_spec(spec: PowerSpec, links: list[tuple[str, Citation]]) -> list[tuple[str, str]]:
    """Every rule a power item version must satisfy before it is saved; (field label, Chinese message) pairs."""
    problems: list[tuple[str, str]] = []
    if not spec.name.strip():
        problems.append(("事项名称", "不能为空"))
    if spec.category not in PowerCategory.values:
        problems.append(("类别", f"“{spec.category}”不是有效类别（应为{'、'.join(PowerCategory.labels)}之一）"))
    if spec.state not in PowerState.values:
        problems.append(("状态", f"“{spec.state}”不是有效状态"))
    if spec.devolved and not spec.devolving_document.strip():
        problems.append(("赋权文件", "赋权事项须写明赋权文件（行政处罚法 第二十四条：赋权决定应当公布）"))
    problems.extend(check_benchmark(spec, links))
    return problems


def check_benchmark(spec: PowerSpec, links: list[tuple[str, Citation]]) -> list[tuple[str, str]]:
    """Discretion levels must be ordered, each range upright and inside the statutory range of the 罚则."""
    problems: list[tuple[str, str]] = []
    unit = spec.statutory_fine_unit or FineUnit.NONE
    smin, smax = _money(spec.statutory_fine_min), _money(spec.statutory_fine_max)
    penalty = [c for role, c in links if role == ArticleRole.PENALTY]
    provision = penalty[0].display if penalty else "罚则"
    if unit not in FineUnit.values:
        problems.append(("罚款计量", f"“{unit}”不是有效的计量方式"))
        return problems
    if smin is not None and smax is not None and smin > smax:
        problems.append(("法定罚款幅度", f"下限 {_fmt(smin, unit)} 高于上限 {_fmt(smax, unit)}（上下颠倒）"))
    if unit == FineUnit.NONE and (smin is not None or smax is not None):
        problems.append(("罚款计量", "填写了法定罚款幅度，须同时写明计量方式（元、倍或%）"))
    if unit in (FineUnit.MULTIPLE, FineUnit.PERCENT) and not spec.statutory_fine_base.strip():
        problems.append(("计算基数", "按倍数或百分比计算的罚款须写明计算基数（如：违法所得、建设工程造价）"))
    if spec.levels and spec.category != PowerCategory.PENALTY:
        problems.append(("裁量基准", "只有行政处罚事项设定处罚裁量基准"))
    allowed_kinds = set(penalty_kinds(spec.statutory_other))
    previous = None
    for pos, level in enumerate(spec.levels, start=1):
        where = f"裁量基准第{pos}档「{level.name or '未命名'}」"
        if not level.name.strip():
            problems.append((where, "档次名称不能为空"))
        if not level.conditions.strip():
            problems.append((where, "适用情形不能为空"))
        lmin, lmax = _money(level.fine_min), _money(level.fine_max)
        if lmin is not None and lmax is not None and lmin > lmax:
            problems.append((where, f"罚款下限 {_fmt(lmin, unit)} 高于上限 {_fmt(lmax, unit)}（上下颠倒）"))
        if (lmin is not None or lmax is not None) and unit == FineUnit.NONE:
            problems.append((where, f"{provision}未规定罚款，本档不得设定罚款"))
        elif lmin is not None or lmax is not None:
            low_out = smin is not None and ((lmin is not None and lmin < smin) or lmin is None)
            high_out = smax is not None and ((lmax is not None and lmax > smax) or lmax is None)
            if low_out or high_out:
                problems.append(
                    (
                        where,
                        f"罚款幅度 {_fmt(lmin, unit)}至{_fmt(lmax, unit)} 超出{provision}规定的法定幅度 "
                        f"{_fmt(smin, unit)}至{_fmt(smax, unit)}",
                    )
                )
        extra = [k for k in penalty_kinds(level.other_penalties) if k not in allowed_kinds]
        if extra:
            problems.append(
                (where, f"处罚种类“{'、'.join(extra)}”不在{provision}规定的种类（{spec.statutory_other or '无'}）之内")
            )
        if previous is not None:
            pmin, pmax = previous
            if (lmin is not None and pmin is not None and lmin < pmin) or (
                lmax is not None and pmax is not None and lmax < pmax
            ):
                problems.append((where, "档次应由轻到重排列：本档罚款幅度低于上一档"))
        previous = (lmin, lmax)
    return problems


def _snapshot_from_spec(spec: PowerSpec, links: list[tuple[str, Citation]]) -> dict:
    return {
        "name": spec.name.strip(),
        "category": spec.category,
        "responsible_unit": spec.responsible_unit.strip(),
        "devolved": bool(spec.devolved),
        "devolving_document": spec.devolving_document.strip(),
        "accountability": spec.accountability.strip(),
        "state": spec.state,
        "statutory_fine_unit": spec.statutory_fine_unit or "",
        "statutory_fine_base": spec.statutory_fine_base.strip(),
        "statutory_fine_min": _money(spec.statutory_fine_min),
        "statutory_fine_max": _money(spec.statutory_fine_max),
        "statutory_other": spec.statutory_other.strip(),
        "links": [(role, c.key) for role, c in links],
        "levels": [
            (
                lv.name.strip(),
                lv.conditions.strip(),
                _money(lv.fine_min),
                _money(lv.fine_max),
                lv.other_penalties.strip(),
            )
            for lv in spec.levels
        ],
    }


def version_snapshot(version: PowerItemVersion) -> dict:
    """The comparable content of a stored version (same shape as a spec's snapshot)."""
    return {
        "name": version.name,
        "category": version.category,
        "responsible_unit": version.responsible_unit,
        "devolved": version.devolved,
        "devolving_document": version.devolving_document,
        "accountability": version.accountability,
        "state": version.state,
        "statutory_fine_unit": version.statutory_fine_unit,
        "statutory_fine_base": version.statutory_fine_base,
        "statutory_fine_min": _money(version.statutory_fine_min),
        "statutory_fine_max": _money(version.statutory_fine_max),
        "statutory_other": version.statutory_other,
        "links": [(link.role, link.citation_key) for link in _ordered_links(version)],
        "levels": [
            (lv.name, lv.conditions, _money(lv.fine_min), _money(lv.fine_max), lv.other_penalties)
            for lv in version.benchmark_levels.order_by("order")
        ],
    }


def _ordered_links(version: PowerItemVersion) -> list[PowerItemArticle]:
    order = {role.value: i for i, (role, _) in enumerate(ROLE_FIELDS)}
    links = list(version.article_links.select_related("article__version__law"))
    return sorted(links, key=lambda link: (order[link.role], link.position))


def _validated(spec: PowerSpec) -> tuple[list[tuple[str, Citation]], dict]:
    links, problems = resolve_links(spec)
    problems += check_spec(spec, links)
    if problems:
        first = "；".join(f"{f}：{m}" for f, m in problems[:5])
        cls = BenchmarkOutOfRange if any("法定幅度" in m for _, m in problems) else PowerListError
        raise cls(f"权责事项未保存。{first}", problems=problems)
    return links, _snapshot_from_spec(spec, links)


def _write_version(*, actor, item: PowerItem, number: int, snap: dict, links, change_note: str) -> PowerItemVersion:
    version = PowerItemVersion.objects.create(
        item=item,
        number=number,
        name=snap["name"],
        category=snap["category"],
        responsible_unit=snap["responsible_unit"],
        devolved=snap["devolved"],
        devolving_document=snap["devolving_document"],
        accountability=snap["accountability"],
        state=snap["state"],
        statutory_fine_unit=snap["statutory_fine_unit"],
        statutory_fine_base=snap["statutory_fine_base"],
        statutory_fine_min=snap["statutory_fine_min"],
        statutory_fine_max=snap["statutory_fine_max"],
        statutory_other=snap["statutory_other"],
        change_note=change_note[:300],
        created_by=actor,
    )
    PowerItemArticle.objects.bulk_create(
        [
            PowerItemArticle(
                version=version,
                article=c.article,
                role=role,
                paragraph=c.paragraph,
                item=c.item,
                position=pos,
            )
            for pos, (role, c) in enumerate(links)
        ]
    )
    BenchmarkLevel.objects.bulk_create(
        [
            BenchmarkLevel(
                version=version,
                order=pos,
                name=name,
                conditions=conditions,
                fine_min=fmin,
                fine_max=fmax,
                other_penalties=other,
            )
            for pos, (name, conditions, fmin, fmax, other) in enumerate(snap["levels"], start=1)
        ]
    )
    return version


def create_power_item(*, actor, body, code: str, spec: PowerSpec) -> PowerItem:
    """Add a power item to a body's list (version 1). Citations must resolve; benchmarks must fit the statute."""
    code = (code or "").strip()
    if not code:
        raise PowerListError("权责事项未保存。事项编码：不能为空", problems=[("事项编码", "不能为空")])
    links, snap = _validated(spec)
    with transaction.atomic():
        if PowerItem.objects.filter(body=body, code=code).exists():
            raise PowerListError(
                f"权责事项未保存。事项编码：{body.name}已有编码为“{code}”的事项", problems=[("事项编码", "编码重复")]
            )
        item = PowerItem.objects.create(body=body, code=code)
        version = _write_version(actor=actor, item=item, number=1, snap=snap, links=links, change_note=spec.change_note)
        record(
            actor=actor,
            event=Event.POWER_ITEM_CREATED,
            subject=item,
            body_id=body.pk,
            payload={"new": {"code": code, "version": 1, **snap}},
        )
        if snap["levels"]:
            record(
                actor=actor,
                event=Event.BENCHMARK_SET,
                subject=version,
                body_id=body.pk,
                payload={"new": {"levels": snap["levels"]}},
            )
    item._current = version
    return item


def revise_power_item(*, actor, item: PowerItem, spec: PowerSpec) -> tuple[PowerItemVersion, bool]:
    """Change an item by adding a version; an identical spec changes nothing. Returns (current version, changed)."""
    links, snap = _validated(spec)
    with transaction.atomic():
        item = PowerItem.objects.select_for_update().get(pk=item.pk)
        current = item.versions.order_by("-number").first()
        old = version_snapshot(current)
        if old == snap:
            return current, False
        if not spec.change_note.strip():
            raise PowerListError("权责事项未保存。变更说明：修订须写明变更理由", problems=[("变更说明", "不能为空")])
        version = _write_version(
            actor=actor, item=item, number=current.number + 1, snap=snap, links=links, change_note=spec.change_note
        )
        changed = {k: {"old": old[k], "new": snap[k]} for k in snap if old[k] != snap[k]}
        if snap["state"] == PowerState.RETIRED and old["state"] != PowerState.RETIRED:
            event = Event.POWER_ITEM_RETIRED
        elif set(changed) == {"levels"}:
            event = Event.BENCHMARK_SET
        else:
            event = Event.POWER_ITEM_REVISED
        record(
            actor=actor,
            event=event,
            subject=item,
            body_id=item.body_id,
            payload={
                "old": {k: v["old"] for k, v in changed.items()} | {"version": current.number},
                "new": {k: v["new"] for k, v in changed.items()} | {"version": version.number},
                "reason": spec.change_note,
            },
        )
    return version, True


def spec_from_version(version: PowerItemVersion) -> PowerSpec:
    """The spec that would reproduce a version exactly (citations as keys, so they pin the same article text)."""
    links = _ordered_links(version)
    return PowerSpec(
        name=version.name,
        category=version.category,
        responsible_unit=version.responsible_unit,
        devolved=version.devolved,
        devolving_document=version.devolving_document,
        accountability=version.accountability,
        state=version.state,
        basis=[link.citation_key for link in links if link.role == ArticleRole.BASIS],
        violated=[link.citation_key for link in links if link.role == ArticleRole.VIOLATED],
        penalty=[link.citation_key for link in links if link.role == ArticleRole.PENALTY],
        statutory_fine_unit=version.statutory_fine_unit,
        statutory_fine_base=version.statutory_fine_base,
        statutory_fine_min=version.statutory_fine_min,
        statutory_fine_max=version.statutory_fine_max,
        statutory_other=version.statutory_other,
        levels=[
            LevelSpec(lv.name, lv.conditions, lv.fine_min, lv.fine_max, lv.other_penalties)
            for lv in version.benchmark_levels.order_by("order")
        ],
    )


def retire_power_item(*, actor, item: PowerItem, reason: str) -> PowerItemVersion:
    """Cancel an item (已取消) by a new version; the history and the cases that used it stay."""
    current = item.versions.order_by("-number").first()
    if current.state == PowerState.RETIRED:
        raise PowerListError(f"{item.code} 已经取消。")
    spec = spec_from_version(current)
    spec.state = PowerState.RETIRED
    spec.change_note = reason
    version, _ = revise_power_item(actor=actor, item=item, spec=spec)
    return version


ITEM_FIELD_COLUMNS = {
    "事项名称": "B",
    "类别": "C",
    "设定依据": "G",
    "违则": "H",
    "罚则": "I",
    "赋权文件": "K",
    "状态": "M",
    "罚款计量": "N",
    "计算基数": "O",
    "法定罚款幅度": "P、Q",
}


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"新增 {len(self.created)} 项，修订 {len(self.revised)} 项，未变 {len(self.unchanged)} 项。"


def import_power_list(*, actor, data: bytes, file_name: str = "") -> ImportReport:
    """Import the whole list from .xlsx: every row is checked first; any error saves nothing.

    Rows identical to the item's current version change nothing (so export → import is a no-op); a changed row
    adds a version; a new code creates an item. Items absent from the file are left as they are.
    """
    from fazhi.law.permissions import can_edit_power_list
    from fazhi.law.xlsx import ITEM_SHEET, LEVEL_SHEET, read_workbook
    from fazhi.org.selectors import bodies_by_code

    parsed = read_workbook(data)
    errors = list(parsed.errors)
    # The bodies the actor may see (every body when the system imports).
    bodies = {b.code: b for b in bodies_by_code({r.body_code for r in parsed.rows}, user=actor)}
    checked = []
    for row in parsed.rows:
        prefix = f"「{ITEM_SHEET}」表第{row.row}行"
        body = bodies.get(row.body_code)
        if body is None:
            errors.append(f"{prefix}D列（实施主体代码）：没有代码为“{row.body_code}”的机构，或不在您的管理范围内")
            continue
        if actor is not None and not can_edit_power_list(actor, body):
            errors.append(f"{prefix}D列（实施主体代码）：您无权修改{body.name}的权责清单")
            continue
        links, problems = resolve_links(row.spec)
        problems += check_spec(row.spec, links)
        for fld, message in problems:
            if fld.startswith("裁量基准"):
                errors.append(f"「{LEVEL_SHEET}」表（事项“{row.code}”）{fld}：{message}")
            else:
                col = ITEM_FIELD_COLUMNS.get(fld, "")
                errors.append(f"{prefix}{col}列（{fld}）：{message}" if col else f"{prefix}（{fld}）：{message}")
        checked.append((row, body))
    if errors:
        raise PowerListError(f"导入未保存任何内容：共 {len(errors)} 处错误。", problems=[("", e) for e in errors])
    report = ImportReport()
    with transaction.atomic():
        existing = {
            (i.body_id, i.code): i
            for i in PowerItem.objects.filter(body__in=[b for _, b in checked], code__in=[r.code for r, _ in checked])
        }
        for row, body in checked:
            item = existing.get((body.pk, row.code))
            if item is None:
                create_power_item(actor=actor, body=body, code=row.code, spec=row.spec)
                report.created.append(row.code)
            else:
                _, changed = revise_power_item(actor=actor, item=item, spec=row.spec)
                (report.revised if changed else report.unchanged).append(row.code)
        record(
            actor=actor,
            event=Event.POWER_LIST_IMPORTED,
            subject=("law.powerlist", file_name or "xlsx", f"导入权责清单 {file_name}"),
            body_id=checked[0][1].pk if len({b.pk for _, b in checked}) == 1 else None,
            payload={
                "new": {"created": report.created, "revised": report.revised, "unchanged": len(report.unchanged)},
                "file": file_name,
                "sm3": sm3_hex(data),
            },
        )
    return report
