"""行政执法统计年报 (国办发〔2018〕118号 第（六）项: publish last year's enforcement data by 31 January).

Computed from the record, set-based: one grouped query per figure (by the body that holds the record), rolled up to
each reported body over its subtree. Nothing is typed in twice.
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

ROWS: list[tuple[str, str]] = [
    ("inspections", "行政检查（次）"),
    ("penalties_summary", "行政处罚：简易程序（件）"),
    ("penalties_ordinary", "行政处罚：普通程序（件）"),
    ("fines_imposed", "罚款决定金额（元）"),
    ("fines_collected", "罚款实际收缴金额（元）"),
    ("coercive_measures", "行政强制措施（次）"),
    ("coercive_execution", "行政强制执行及申请法院强制执行（件）"),
    ("legal_reviews", "重大执法决定法制审核（件）"),
    ("hearings", "听证（件）"),
    ("reconsiderations", "行政复议（件）"),
    ("lawsuits", "行政诉讼（件）"),
    ("certified_officers", "持有效执法证件的人员（人，年末）"),
]
LABELS = dict(ROWS)


def _grouped(qs, body_field: str, value) -> dict[int, Decimal | int]:
    return {row[body_field]: row["v"] or 0 for row in qs.values(body_field).annotate(v=value)}


def compute(bodies, year: int) -> dict[int, dict[str, object]]:
    """{body id: {figure: value}} for each of ``bodies``, each over its subtree, for calendar ``year``."""
    from fazhi.enforcement.models import Case, InvestigationAct, Payment, Remedy
    from fazhi.enforcement.workflow import Outcome, Procedure
    from fazhi.org.models import Body, Certificate, CertificateState
    from fazhi.review.models import ReviewRequest

    first, last = date(year, 1, 1), date(year, 12, 31)
    penalties = Case.objects.filter(outcome=Outcome.PENALTY, decided_on__range=(first, last))
    per_body: dict[str, dict[int, object]] = {
        "inspections": _grouped(
            InvestigationAct.objects.filter(kind="inspection", on__range=(first, last)), "case__body_id", Count("id")
        ),
        "penalties_summary": _grouped(penalties.filter(procedure=Procedure.SUMMARY), "body_id", Count("id")),
        "penalties_ordinary": _grouped(penalties.filter(procedure=Procedure.ORDINARY), "body_id", Count("id")),
        "fines_imposed": _grouped(penalties, "body_id", Sum("fine_amount")),
        "fines_collected": _grouped(
            Payment.objects.filter(paid_on__range=(first, last)), "case__body_id", Sum("amount")
        ),
        "coercive_measures": _grouped(
            InvestigationAct.objects.filter(kind="seizure", on__range=(first, last)), "case__body_id", Count("id")
        ),
        "coercive_execution": _grouped(
            Case.objects.filter(
                Q(court_applied_on__range=(first, last)) | Q(acts__kind="demolition", acts__on__range=(first, last))
            ).distinct(),
            "body_id",
            Count("id", distinct=True),
        ),
        "legal_reviews": _grouped(
            ReviewRequest.objects.filter(subject_type="enforcement.case", reviewed_on__range=(first, last)),
            "body_id",
            Count("subject_id", distinct=True),
        ),
        "hearings": _grouped(
            Case.objects.filter(hearing__held_on__range=(first, last)), "body_id", Count("id", distinct=True)
        ),
        "reconsiderations": _grouped(
            Remedy.objects.filter(kind="reconsideration", started_on__range=(first, last)), "case__body_id", Count("id")
        ),
        "lawsuits": _grouped(
            Remedy.objects.filter(kind="litigation", started_on__range=(first, last)), "case__body_id", Count("id")
        ),
        "certified_officers": _grouped(
            Certificate.objects.filter(
                state=CertificateState.VALID, valid_from__lte=last, valid_to__gte=last, holder__is_active=True
            ),
            "holder__body_id",
            Count("holder_id", distinct=True),
        ),
    }
    paths = dict(Body.objects.values_list("id", "path"))
    result: dict[int, dict[str, object]] = {}
    for body in bodies:
        totals: dict[str, object] = defaultdict(int)
        for key, values in per_body.items():
            total = sum((v for bid, v in values.items() if (paths.get(bid) or "").startswith(body.path)), 0)
            totals[key] = Decimal(total).quantize(Decimal("0.01")) if key.startswith("fines") else int(total)
        result[body.pk] = dict(totals)
    return result


def to_jsonable(figures: dict[str, object]) -> dict[str, str | int]:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in figures.items()}


def xlsx(rows: list[tuple[str, dict]], year: int) -> bytes:
    """One sheet: a column per body, a row per figure."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年行政执法统计"
    ws.append([f"{year}年度行政执法统计年报"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["项目", *[name for name, _ in rows]])
    for key, label in ROWS:
        ws.append([label, *[float(f[key]) if key.startswith("fines") else f[key] for _, f in rows]])
    ws.append(["依据：国办发〔2018〕118号第（六）项，每年1月31日前公开本机关上年度行政执法总体情况有关数据。"])
    ws.column_dimensions["A"].width = 40
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
