"""HTTP under load (issue 17): 32 logged-in clients against gunicorn, each page beside a bare view of the same rows.

The script builds its own database (migrate, `fazhi load_demo` seen from 2020-02-20, then --cases more cases and
their publications by bulk insert), starts gunicorn on loopback with bench/http_settings.py (fazhi's URLs plus the
bare views of bench/http_views.py), logs --clients clients in as the demo's officers, and for each page runs two
phases, real page and bare view (one hand-written SQL query, same rows, same middleware), alternating in slices of
about 5 s (the first 15 % of each not counted), --seconds / (2 × pages) per side in all; the run stops by itself.
Then `fazhi audit_verify`.

Any 5xx, any connection error, any status other than 200, or a chain that does not verify afterwards fails the run
(exit status 1). The throughput target (real ≥ 30 % of bare, per page) is reported, not enforced.

    .venv/bin/python bench/bench_http.py                                   # SQLite, the chosen configuration
    .venv/bin/python bench/bench_http.py --configs sync:2,sync:4,gthread:2x8 --seconds 60
    FAZHI_DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_bench_http .venv/bin/python bench/bench_http.py

On PostgreSQL the database named in FAZHI_DATABASE_URL is dropped and created afresh (its name must contain "bench"
or "load"), unless --reuse finds the demo already in it. Results: bench/results/http_load_{sqlite,postgresql}.md.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEMO_PASSWORD = "fazhi-demo-2019"
DEMO_TODAY = "2020-02-20"
OFFICERS = ("officer1", "officer2")  # officers owe no second factor (docs/decisions/0018)
SECRET_KEY = "bench-http-only-secret-key-not-for-production-" + "Zq3Lp8Xw5Rt2Nv7K" * 2
TARGET = 0.30  # real page throughput ≥ 30 % of its bare view (issue 17)
WARM_SHARE = 0.15
SLICE = 5.0  # seconds of one real or bare slice, warm-up included
SEARCH_WORD = "占道"  # a violation type of the demo and of the bulk publications
DEFAULT_CONFIGS = "gthread:2x8"  # chosen from the sweep in bench/results/http_load_*.md (docs/decisions/0079)
VIOLATIONS = ("占道经营", "违法建设", "乱倒建筑垃圾", "无证经营", "噪声扰民", "违规设置户外广告")


# --- Aggregation (pure; tested in fazhi/tests/test_bench_http.py) ---------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of ``values`` (any order); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Phase:
    """What one page (real or bare) did during the measured part of its phase."""

    page: str
    kind: str  # "real" or "bare"
    seconds: float
    latencies: list[float] = field(default_factory=list)  # of the 200 responses, seconds
    statuses: Counter = field(default_factory=Counter)  # status → count; 0 = no response (connection error)
    errors: list[str] = field(default_factory=list)  # first few: "GET /path → 500" or the exception

    @property
    def count(self) -> int:
        return sum(self.statuses.values())

    @property
    def rps(self) -> float:
        return self.statuses.get(200, 0) / self.seconds if self.seconds > 0 else 0.0

    def ms(self, p: float) -> float:
        return percentile(self.latencies, p) * 1000

    def add(self, path: str, status: int, latency: float, error: str = "") -> None:
        self.statuses[status] += 1
        if status == 200:
            self.latencies.append(latency)
        elif len(self.errors) < 5:
            self.errors.append(error or f"GET {path} → {status}")

    def merge(self, other: Phase) -> None:
        self.latencies += other.latencies
        self.statuses += other.statuses
        self.errors += other.errors[: max(0, 5 - len(self.errors))]


def failures(phases: list[Phase], chain_ok: bool, chain_output: str = "") -> list[str]:
    """Why the run fails (empty when it passes): any 5xx, any connection error or other non-200 status, a phase
    that completed no request, or a chain that does not verify."""
    out = []
    for ph in phases:
        where = f"{ph.page}（{ph.kind}）"
        server_errors = sum(n for status, n in ph.statuses.items() if status >= 500)
        if server_errors:
            out.append(f"{where}：{server_errors} 次 5xx 服务器错误，例如 {ph.errors[0] if ph.errors else ''}")
        if ph.statuses.get(0):
            out.append(f"{where}：{ph.statuses[0]} 次连接错误，例如 {ph.errors[0] if ph.errors else ''}")
        other = {s: n for s, n in ph.statuses.items() if s not in (0, 200) and s < 500}
        if other:
            out.append(f"{where}：非 200 响应 {dict(sorted(other.items()))}（会话失效或页面出错，测量无效）")
        if not ph.statuses.get(200):
            out.append(f"{where}：测量期内没有完成任何请求")
    if not chain_ok:
        out.append("审计链校验未通过（fazhi audit_verify）：" + chain_output.strip()[-500:])
    return out


def ratios(phases: list[Phase]) -> dict[str, float]:
    """page → real req/s ÷ bare req/s."""
    real = {ph.page: ph.rps for ph in phases if ph.kind == "real"}
    bare = {ph.page: ph.rps for ph in phases if ph.kind == "bare"}
    return {page: (real[page] / bare[page] if bare.get(page) else 0.0) for page in real}


def real_throughput(phases: list[Phase]) -> float:
    """Geometric mean of the real pages' req/s: the figure configurations are chosen by."""
    rps = [ph.rps for ph in phases if ph.kind == "real"]
    if not rps or min(rps) <= 0:
        return 0.0
    return math.exp(sum(math.log(r) for r in rps) / len(rps))


def choose(runs: dict[str, list[Phase]]) -> str:
    """The configuration with the highest real throughput (geometric mean over the pages)."""
    return max(runs, key=lambda name: real_throughput(runs[name]))


def parse_config(text: str) -> tuple[str, int, int]:
    """ "sync:4" → ("sync", 4, 1); "gthread:2x8" → ("gthread", 2, 8)."""
    kind, _, size = text.strip().partition(":")
    workers, _, threads = size.partition("x")
    if kind not in ("sync", "gthread") or not workers.isdigit() or (threads and not threads.isdigit()):
        raise argparse.ArgumentTypeError(f"gunicorn 配置「{text}」应写作 sync:N 或 gthread:NxM")
    return kind, int(workers), int(threads or 1)


# --- HTTP clients ---------------------------------------------------------------------------------------------------


class Client:
    """One logged-in browser: its own keep-alive connection and cookies (urllib3, no redirects followed)."""

    def __init__(self, port: int):
        import urllib3

        self.pool = urllib3.HTTPConnectionPool(
            "127.0.0.1", port, maxsize=1, block=True, retries=False, timeout=urllib3.Timeout(connect=10, read=120)
        )
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, fields: dict | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response = self.pool.urlopen(method, path, body=body, headers=headers, redirect=False, preload_content=True)
        for cookie in response.headers.getlist("Set-Cookie"):
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def login(self, username: str) -> None:
        page = self.request("GET", "/login/")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.data.decode())
        if page.status != 200 or not match:
            raise RuntimeError(f"登录页异常：{page.status}")
        fields = {"csrfmiddlewaretoken": match.group(1), "username": username, "password": DEMO_PASSWORD}
        done = self.request("POST", "/login/", fields)
        if done.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{username} 登录失败：{done.status}")


def run_phase(clients: list[Client], page: str, kind: str, path_of, seconds: float) -> Phase:
    """Every client requests path_of(client_index, n) in a closed loop for warm-up + ``seconds``; the responses that
    complete inside the measured window count."""
    warm = seconds * WARM_SHARE / (1 - WARM_SHARE)
    start = time.perf_counter()
    measure_from, end = start + warm, start + warm + seconds
    parts = [Phase(page, kind, seconds) for _ in clients]

    def loop(i: int) -> None:
        client, part, n = clients[i], parts[i], 0
        while True:
            path = path_of(i, n)
            n += 1
            t0 = time.perf_counter()
            try:
                status, error = client.request("GET", path).status, ""
            except Exception as exc:  # a refused or dropped connection is a failure of the run, not of the driver
                status, error = 0, f"GET {path}: {exc!r}"
            t1 = time.perf_counter()
            if t1 >= end:
                return
            if t1 >= measure_from:
                part.add(path, status, t1 - t0, error)

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = Phase(page, kind, seconds)
    for part in parts:
        total.merge(part)
    return total


# --- Server and data ------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict, config: str, log: Path):
    kind, workers, threads = parse_config(config)
    port = _free_port()
    args = [str(BIN / "gunicorn"), "fazhi.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    args += ["--workers", str(workers), "--worker-class", kind, "--threads", str(threads), "--timeout", "120"]
    with log.open("a") as out:
        out.write(f"\n== {config}\n")
        out.flush()
        proc = subprocess.Popen(args, env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(f"gunicorn 启动失败，见 {log}") from None
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn 30 秒内未就绪")
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def recreate_postgres(url: str) -> None:
    import dj_database_url
    import psycopg

    db = dj_database_url.parse(url)
    name = db["NAME"]
    if "bench" not in name and "load" not in name:
        raise SystemExit(f"数据库名「{name}」须含 bench 或 load：本脚本会删除并重建它。")
    conninfo = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"] or "postgres"}
    if db["PASSWORD"]:
        conninfo["password"] = db["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def bulk_cases(total: int) -> None:
    """Top the database up to ``total`` more cases than the demo made, spread over the demo's enforcement bodies and
    both officers, in every state; closed and archived ones with a live publication (bulk insert, no chain entries:
    the chain stays exactly what the services wrote)."""
    from datetime import date, timedelta

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from fazhi.enforcement.models import Case
    from fazhi.enforcement.selectors import cases_visible_to
    from fazhi.publicity.models import Publication

    officers = list(get_user_model().objects.filter(username__in=OFFICERS).order_by("username"))
    reviewer = get_user_model().objects.get(username="reviewer")
    bodies = sorted(set(cases_visible_to(officers[0]).order_by().values_list("body_id", flat=True)))
    have = Case.objects.filter(title__startswith="压测案件").count()
    statuses = ["lead", "investigating", "proposed", "decided", "closed", "archived", "closed", "archived"]
    start = date(2012, 1, 1)
    with transaction.atomic():
        for chunk in range(have, total, 5000):
            rows = []
            for i in range(chunk, min(chunk + 5000, total)):
                day = start + timedelta(days=i % 2920)
                status = statuses[i % len(statuses)]
                decided = status in ("decided", "closed", "archived")
                rows.append(
                    Case(
                        body_id=bodies[i % len(bodies)], status=status, source="patrol", title=f"压测案件{i}",
                        description="压测", place="辛口镇", discovered_on=day, act_date=day,
                        registered_by=officers[i % 2], party_kind="person", party_name=f"当事人{i}",
                        number=f"辛口综执立字〔Y〕第{i}号", decision_number=f"辛口综执罚决字〔Y〕第{i}号" if decided else "",
                        decided_on=day + timedelta(days=30) if decided else None,
                        closed_on=day + timedelta(days=60) if status in ("closed", "archived") else None,
                        archived_on=day + timedelta(days=90) if status == "archived" else None,
                    )
                )  # fmt: skip
            cases = Case.objects.bulk_create(rows)
            through = Case.officers.through
            through.objects.bulk_create(
                [through(case_id=c.pk, user_id=officers[n % 2].pk) for n, c in enumerate(cases) if n % 3 == 0]
            )
            Publication.objects.bulk_create(
                [
                    Publication(
                        case=c, body_id=c.body_id, kind="penalty", state="published", decision_number=c.decision_number,
                        party_display=f"当事人{c.pk}", violation_type=VIOLATIONS[c.pk % len(VIOLATIONS)],
                        penalty="罚款二百元", fine_amount=200, decided_on=c.decided_on, original_text="压测",
                        original_sm3="0" * 64, reviewed_by=reviewer, published_on=c.decided_on + timedelta(days=3),
                    )
                    for c in cases
                    if c.status in ("closed", "archived")
                ]
            )  # fmt: skip


def build(args, env: dict) -> dict:
    """Build (or reuse) the database; return what the run needs to know about it."""
    os.environ.update({k: env[k] for k in ("FAZHI_VAR_DIR", "FAZHI_TODAY", "FAZHI_SECRET_KEY")})
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    url = env.get("FAZHI_DATABASE_URL", "")
    if url and not args.reuse:
        recreate_postgres(url)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections

    from fazhi.audit.models import ChainEntry
    from fazhi.enforcement.models import Case
    from fazhi.publicity.models import Publication

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if not get_user_model().objects.filter(username="officer1").exists():
        print("fazhi load_demo …", flush=True)
        call_command("load_demo", verbosity=0)
    print(f"批量加入 {args.cases:,} 件案件 …", flush=True)
    bulk_cases(args.cases)
    if connection.vendor == "postgresql":
        # What autovacuum gives a live database: planner statistics and the visibility map. Without them (this
        # server runs with autovacuum off) every plan guessed a table of a few rows: the case list's page took 55 ms
        # instead of 1 ms, the portal's count 97 ms instead of 3 ms (ADR 0087).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    officer = get_user_model().objects.get(username="officer1")
    from fazhi.enforcement.selectors import cases_visible_to

    # The case page: the demo's own cases (documents, steps, evidence), which every officer of the town may see.
    case_ids = list(
        cases_visible_to(officer).exclude(title__startswith="压测案件").order_by("id").values_list("id", flat=True)
    )
    info = {
        "vendor": connection.vendor,
        "cases": Case.objects.count(),
        "publications": Publication.objects.filter(state="published").count(),
        "chain": ChainEntry.objects.count(),
        "case_ids": case_ids,
        "build_seconds": time.perf_counter() - t0,
    }
    connections.close_all()
    return info


def verify_chain(env: dict) -> tuple[bool, str]:
    done = subprocess.run(
        [str(BIN / "fazhi"), "audit_verify", "--quiet"],
        env={**env, "DJANGO_SETTINGS_MODULE": "fazhi.settings"},
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    return done.returncode == 0, (done.stdout + done.stderr).strip()


# --- The run --------------------------------------------------------------------------------------------------------


def pages(case_ids: list[int]):
    """(page, real path_of, bare path_of); a path_of(client, n) gives the n-th path a client asks for."""
    q = urlencode({"q": SEARCH_WORD})

    def case(prefix):
        return lambda i, n: f"{prefix}{case_ids[(i * 7 + n) % len(case_ids)]}/"

    return [
        ("案件列表 /cases/", lambda i, n: "/cases/", lambda i, n: "/_bench/cases/"),
        ("案件页 /cases/<id>/", case("/cases/"), case("/_bench/cases/")),
        ("工作台 /", lambda i, n: "/", lambda i, n: "/_bench/workbench/"),
        (f"公示检索 /gongkai/jieguo/?q={SEARCH_WORD}", lambda i, n: f"/gongkai/jieguo/?{q}", lambda i, n: f"/_bench/search/?{q}"),
    ]  # fmt: skip


def slices(seconds: float, pages: int) -> tuple[int, float]:
    """(rounds, measured seconds of one slice): each page's real and bare views alternate in slices of about
    SLICE seconds (warm-up included), so a slow minute of the shared machine hits both sides alike."""
    per_side = seconds / (2 * pages)
    rounds = max(1, round(per_side / SLICE))
    return rounds, per_side / rounds * (1 - WARM_SHARE)


def run_config(config: str, env: dict, info: dict, args, log: Path) -> list[Phase]:
    measured = pages(info["case_ids"])
    rounds, each = slices(args.seconds, len(measured))
    with gunicorn(env, config, log) as port:
        clients = [Client(port) for _ in range(args.clients)]
        for n, client in enumerate(clients):
            client.login(OFFICERS[n % len(OFFICERS)])
        phases = []
        for page, real, bare in measured:
            sides = {"real": Phase(page, "real", 0.0), "bare": Phase(page, "bare", 0.0)}
            for _ in range(rounds):
                for kind, path_of in (("real", real), ("bare", bare)):
                    sides[kind].merge(run_phase(clients, page, kind, path_of, each))
                    sides[kind].seconds += each
            for ph in sides.values():
                print(f"  {config:>12} {page} {ph.kind}: {ph.rps:7.1f} req/s, p95 {ph.ms(95):7.1f} ms", flush=True)
                phases.append(ph)
        for client in clients:
            client.pool.close()
    return phases


def report(info: dict, args, runs: dict[str, list[Phase]], chosen: str, fails: list[str], chain: str) -> str:
    vendor = info["vendor"]
    rounds, each = slices(args.seconds, len(pages([1])))
    lines = [
        f"# HTTP under load: {args.clients} logged-in clients over gunicorn ({vendor})",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {vendor}; {os.cpu_count()} CPUs shared with "
        "the load driver (same host, loopback) and other jobs — treat figures as lower bounds and compare ratios, not "
        f"absolutes. Load average (1 min) at the start and end of the measurement: {info['load_start']:.1f} → "
        f"{os.getloadavg()[0]:.1f}.",
        f"Run: `.venv/bin/python bench/bench_http.py --seconds {args.seconds:g} --clients {args.clients} "
        f"--cases {args.cases} --configs {','.join(runs)}`"
        + (" with `FAZHI_DATABASE_URL=postgres://…`" if vendor == "postgresql" else "")
        + ".",
        "",
        f"Data: `fazhi load_demo` (FAZHI_TODAY={DEMO_TODAY}) plus {args.cases:,} bulk cases → {info['cases']:,} cases, "
        f"{info['publications']:,} live publications, {info['chain']:,} chain entries before the run (built in "
        f"{info['build_seconds']:.0f} s). Clients log in as {' / '.join(OFFICERS)} (alternately), one keep-alive "
        f"connection each. Each page: its real and bare views alternate, {rounds} slices of each, "
        f"{each:.2f} s measured per slice after {each * WARM_SHARE / (1 - WARM_SHARE):.2f} s of warm-up. Bare view = one hand-written SQL query returning the same rows, same "
        "middleware (bench/http_views.py). Target: real ≥ 30 % of bare.",
        "",
        "## Configurations tried",
        "",
        "| gunicorn | "
        + " | ".join(f"{ph.page} req/s (ratio)" for ph in runs[chosen] if ph.kind == "real")
        + " | geometric mean req/s |",
        "|---|" + "---:|" * (len([p for p in runs[chosen] if p.kind == "real"]) + 1),
    ]
    for name, phases in runs.items():
        r = ratios(phases)
        cells = [f"{ph.rps:.1f} ({r[ph.page]:.0%})" for ph in phases if ph.kind == "real"]
        mark = " **(chosen)**" if name == chosen else ""
        lines.append(f"| {describe(name)}{mark} | " + " | ".join(cells) + f" | {real_throughput(phases):.1f} |")
    for name, phases in runs.items():
        r = ratios(phases)
        lines += [
            "",
            f"## {describe(name)}" + (" (chosen)" if name == chosen else ""),
            "",
            "| page | view | requests | req/s | p50 ms | p95 ms | p99 ms | real/bare | ≥ 30 % |",
            "|---|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for ph in phases:
            ratio = f"{r[ph.page]:.0%}" if ph.kind == "real" else ""
            ok = ("yes" if r[ph.page] >= TARGET else "**no**") if ph.kind == "real" else ""
            lines.append(
                f"| {ph.page} | {ph.kind} | {ph.count:,} | {ph.rps:.1f} | {ph.ms(50):.1f} | {ph.ms(95):.1f} | "
                f"{ph.ms(99):.1f} | {ratio} | {ok} |"
            )
    lines += ["", "## Verdict", ""]
    lines += [f"- FAILED: {f}" for f in fails] or ["- No 5xx, no connection error, every response 200."]
    lines.append(f"- `fazhi audit_verify` after the run: {chain.splitlines()[-1] if chain else 'passed'}")
    return "\n".join(lines) + "\n"


def describe(config: str) -> str:
    kind, workers, threads = parse_config(config)
    return f"sync, {workers} workers" if kind == "sync" else f"gthread, {workers} workers × {threads} threads"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60, help="measured time per gunicorn configuration")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--cases", type=int, default=20_000, help="bulk cases added to the demo")
    parser.add_argument("--configs", default=DEFAULT_CONFIGS, help="comma-separated, e.g. sync:4,gthread:2x8")
    parser.add_argument("--var", help="FAZHI_VAR_DIR to use (default: a new temporary directory)")
    parser.add_argument("--reuse", action="store_true", help="keep the database if it already holds the demo")
    parser.add_argument("--no-write", action="store_true", help="print the results, do not write bench/results/")
    args = parser.parse_args(argv)
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    for c in configs:
        parse_config(c)
    var = Path(args.var or tempfile.mkdtemp(prefix="fazhi-bench-http-"))
    var.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "FAZHI_VAR_DIR": str(var),
        "FAZHI_TODAY": DEMO_TODAY,
        "FAZHI_SECRET_KEY": SECRET_KEY,
        "DJANGO_SETTINGS_MODULE": "bench.http_settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
    }
    info = build(args, env)
    print(
        f"{info['vendor']}: {info['cases']:,} cases, {info['chain']:,} chain entries; gunicorn log {var}/gunicorn.log"
    )
    runs = {}
    info["load_start"] = os.getloadavg()[0]
    for config in configs:
        runs[config] = run_config(config, env, info, args, var / "gunicorn.log")
    chain_ok, chain = verify_chain(env)
    fails = failures([ph for phases in runs.values() for ph in phases], chain_ok, chain)
    text = report(info, args, runs, choose(runs), fails, chain)
    print(text)
    if not args.no_write:
        out = REPO / "bench" / "results" / f"http_load_{info['vendor']}.md"
        out.write_text(text, encoding="utf-8")
        print(f"→ {out}")
    for f in fails:
        print("失败：" + f, file=sys.stderr)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
