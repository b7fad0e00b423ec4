"""Deadline engine throughput: fazhi's explained working-day periods vs chinese_calendar's find_workday.

Both count 20 working days on the same official calendar from the same 20,000 start dates, in the same run.
The baseline gives only a date; fazhi also builds the clerk's explanation and reads the calendar from the database.

    .venv/bin/python bench/bench_periods.py
"""

import platform
import random
import time
from datetime import date, timedelta

from _django import setup, write_result

N = 20_000


def main() -> None:
    setup()
    import chinese_calendar

    from fazhi.core.periods import compute_due
    from fazhi.core.selectors import DbCalendar

    rng = random.Random(2019)
    starts = [date(2019, 1, 1) + timedelta(days=rng.randrange(0, 365 * 7)) for _ in range(N)]

    t0 = time.perf_counter()
    # find_workday counts the start day when it is a working day's eve (it first moves to a working day), so on a
    # rest day the 20th working day *after* the start is find_workday(19, …): the same question fazhi answers.
    baseline = [chinese_calendar.find_workday(20 if chinese_calendar.is_workday(s) else 19, s) for s in starts]
    t_base = time.perf_counter() - t0

    calendar = DbCalendar()
    t0 = time.perf_counter()
    ours = [compute_due(s, "20wd", calendar=calendar) for s in starts]
    t_ours = time.perf_counter() - t0

    t0 = time.perf_counter()
    fresh = [compute_due(s, "20wd") for s in starts[:2000]]
    t_fresh = (time.perf_counter() - t0) * N / 2000

    mismatches = sum(1 for b, o in zip(baseline, ours, strict=True) if b != o.due)
    if mismatches:
        raise SystemExit(f"{mismatches} due dates differ from chinese_calendar's")
    assert all(f.due == o.due for f, o in zip(fresh, ours, strict=False))
    rows = [
        ("chinese_calendar.find_workday (baseline, date only)", t_base),
        ("fazhi compute_due, shared calendar snapshot (batch)", t_ours),
        ("fazhi compute_due, new snapshot per call (2 queries each)", t_fresh),
    ]
    lines = [
        "# Deadline engine: 20 working days from 20,000 start dates (2019–2025)",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, SQLite. Run: `.venv/bin/python bench/bench_periods.py`.",
        f"Results agree with the baseline on {N - mismatches} of {N} dates ({mismatches} differ).",
        "",
        "| method | total (s) | per computation (µs) | vs baseline |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds in rows:
        lines.append(f"| {name} | {seconds:.3f} | {seconds / N * 1e6:.1f} | {seconds / t_base:.1f}× |")
    text = "\n".join(lines) + "\n"
    print(text)
    write_result("periods.md", text)


if __name__ == "__main__":
    main()
