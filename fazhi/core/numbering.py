"""Document numbers (文号、案号) from one counter per (body, series, year), taken inside the issuing transaction.

``issue_number`` locks the counter row, so concurrent issuers queue on it; because the increment belongs to the
caller's transaction, a step that fails rolls its number back with it. Numbers are therefore unique and gap-free
(GB/T 9704-2012 第7.2.4条: 发文字号由发文机关代字、年份、发文顺序号组成; 年份用六角括号〔〕，顺序号不编虚位、不加“第”字
for 公文 — enforcement documents conventionally keep “第…号”, as in 辛口综执罚决字〔2019〕第3号).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models, transaction


class DocumentCounter(models.Model):
    """The last number issued in one series of one body in one year."""

    body = models.ForeignKey("org.Body", verbose_name="机构", on_delete=models.PROTECT, related_name="+")
    series = models.CharField("文书系列", max_length=20, help_text="如：罚决、立、罚告")
    year = models.PositiveSmallIntegerField("年度")
    last_number = models.PositiveIntegerField("已用最大顺序号", default=0)

    class Meta:
        app_label = "core"
        verbose_name = "文书编号计数器"
        verbose_name_plural = "文书编号计数器"
        ordering = ["body_id", "series", "year"]
        constraints = [
            models.UniqueConstraint(fields=["body", "series", "year"], name="core_documentcounter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.series}〔{self.year}〕{self.last_number}"


@dataclass(frozen=True)
class IssuedNumber:
    series: str
    year: int
    number: int
    text: str


def format_number(prefix: str, series: str, year: int, number: int) -> str:
    """辛口综执 + 罚决 + 2019 + 3 → 辛口综执罚决字〔2019〕第3号."""
    return f"{prefix}{series}字〔{year}〕第{number}号"


def issue_number(*, body, series: str, year: int, prefix: str = "") -> IssuedNumber:
    """Take the next number of (body, series, year). Must run inside the transaction that issues the document."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("issue_number 必须在签发文书的事务中调用（否则失败的签发会留下空号）。")
    # Create the row if it is missing without racing: a concurrent creator makes this a no-op, then both lock it.
    DocumentCounter.objects.bulk_create(
        [DocumentCounter(body=body, series=series, year=year, last_number=0)], ignore_conflicts=True
    )
    counter = DocumentCounter.objects.select_for_update().get(body=body, series=series, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return IssuedNumber(series, year, counter.last_number, format_number(prefix, series, year, counter.last_number))


def last_issued(*, body, series: str, year: int) -> int:
    return (
        DocumentCounter.objects.filter(body=body, series=series, year=year)
        .values_list("last_number", flat=True)
        .first()
        or 0
    )
