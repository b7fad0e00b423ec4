"""Seeding the calendar table from the ``chinese_calendar`` package (2004–2026 in chinesecalendar 1.11.0).

Used by the data migration 0002 (with historical models) and by the ``seed_calendar`` command. The package's data is
the starting point only: the table is the truth, and later years are entered with ``calendar_import``.
"""

from datetime import date
from importlib.metadata import PackageNotFoundError, version

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# Verified against the gov.cn text (DOMAIN.md §13, source [ZYP]).
NOTICE_2019 = "国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号）"
# The March 2019 amendment of 劳动节 (05-01..05-04 off, 04-28 and 05-05 worked); its 文号 is not verified.
NOTICE_2019_LABOUR_DAY = (
    "国务院办公厅关于调整2019年劳动节假期安排的通知（2019年3月；文号待核实，据 chinesecalendar 数据）"
)
LABOUR_DAY_2019_AMENDED = frozenset(
    [date(2019, 4, 28), date(2019, 5, 1), date(2019, 5, 2), date(2019, 5, 3), date(2019, 5, 4), date(2019, 5, 5)]
)


def package_source() -> str:
    try:
        return f"chinesecalendar {version('chinesecalendar')}"
    except PackageNotFoundError:
        return "chinesecalendar"


def notice_for(year: int) -> str:
    if year == 2019:
        return NOTICE_2019
    return f"国务院办公厅关于{year}年部分节假日安排的通知（据 chinesecalendar 数据）"


def arrangement_year(day: date, name: str) -> int:
    """The notice year that arranged a day: late-December 元旦 days belong to the next year's notice."""
    if day.month == 12 and name == "元旦":
        return day.year + 1
    return day.year


def package_rows() -> tuple[list[int], list[dict]]:
    """(covered years, rows) from chinese_calendar: each row has date, year, kind, name, notice."""
    import chinese_calendar

    rows = []
    for kind, table in (("off", chinese_calendar.holidays), ("work", chinese_calendar.workdays)):
        for day, english in table.items():
            name = HOLIDAY_NAMES.get(english, english)
            year = arrangement_year(day, name)
            notice = NOTICE_2019_LABOUR_DAY if day in LABOUR_DAY_2019_AMENDED else notice_for(year)
            rows.append({"date": day, "year": year, "kind": kind, "name": name, "notice": notice})
    rows.sort(key=lambda r: r["date"])
    all_days = [r["date"] for r in rows]
    # The package covers whole years from its first to its last entry (2004-01-01 … 2026-12-31).
    years = list(range(min(all_days).year, max(all_days).year + 1))
    return years, rows


def seed(calendar_year_model, calendar_day_model, *, only_missing: bool = True) -> list[int]:
    """Write the package's years into the table; returns the years written.

    With ``only_missing`` (the default) a year already in the table is left alone, so an admin's corrections survive.
    """
    years, rows = package_rows()
    existing = set(calendar_year_model.objects.values_list("year", flat=True)) if only_missing else set()
    todo = [y for y in years if y not in existing]
    if not todo:
        return []
    source = package_source()
    calendar_day_model.objects.filter(year__in=todo).delete()
    calendar_year_model.objects.filter(year__in=todo).delete()
    taken = set(calendar_day_model.objects.values_list("date", flat=True))
    calendar_day_model.objects.bulk_create(
        [calendar_day_model(**row) for row in rows if row["year"] in todo and row["date"] not in taken]
    )
    calendar_year_model.objects.bulk_create(
        [calendar_year_model(year=y, source=source, notice=notice_for(y)) for y in todo]
    )
    return todo
