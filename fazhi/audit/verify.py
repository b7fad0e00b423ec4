"""Verification of the audit chain: recompute every hash and link in one streamed pass (ARCHITECTURE.md §5).

`iter_findings()` yields every problem in seq order; `verify_chain()` stops at the first one and returns a result
that the command, the supervisors' page and the API all show the same way.
"""

import gc
import itertools
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.files.storage import default_storage
from django.db import connection, transaction

from fazhi.audit import chainread, hashing
from fazhi.audit.display import event_label
from fazhi.audit.models import GENESIS_HASH, ChainEntry, ChainHead

CHUNK_SIZE = 2000

HASHED_FIELDS = hashing.HASHED_FIELDS

_CHECKPOINT = re.compile(r"^\s*#?(\d+)\s*[:：]\s*([0-9a-fA-F]{64})\s*$")


class Problem:
    """Kinds of finding, each a short Chinese name shown before the explanation."""

    EDITED = "内容被修改"
    REORDERED = "序号被改动"
    GAP = "条目缺失"
    BAD_SEQ = "序号异常"
    BROKEN_LINK = "链接断开"
    FILE_MISSING = "文件缺失"
    FILE_CHANGED = "文件被改动"
    TAIL_MISSING = "链尾缺失"
    BEYOND_HEAD = "链头之后有条目"
    HEAD_MISMATCH = "链头不符"
    CHECKPOINT = "与检查点不符"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    entry_hash: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.entry_hash}"


def parse_checkpoint(text: str) -> Checkpoint:
    """Parse "SEQ:HASH" as printed by `fazhi audit_checkpoint`; ValueError with a Chinese message otherwise."""
    match = _CHECKPOINT.match(text or "")
    if not match or int(match.group(1)) < 1:
        raise ValueError(f"检查点格式应为“序号:哈希”（序号为正整数，哈希为 64 位十六进制），收到：{text!r}")
    return Checkpoint(int(match.group(1)), match.group(2).lower())


@dataclass(frozen=True)
class Finding:
    seq: int | None
    kind: str
    detail: str

    @property
    def message(self) -> str:
        where = f"#{self.seq} " if self.seq is not None else ""
        return f"{where}{self.kind}：{self.detail}"

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Result:
    count: int
    head_seq: int
    head_hash: str
    finding: Finding | None
    since: int = 0

    @property
    def ok(self) -> bool:
        return self.finding is None

    @property
    def message(self) -> str:
        if self.ok:
            if self.since:
                return (
                    f"审计链完整：自检查点 #{self.since} 之后新增 {self.count} 条均已校验，"
                    f"链头 #{self.head_seq} {self.head_hash}"
                )
            if not self.count:
                return "审计链完整：共 0 条（链为空）"
            return f"审计链完整：共 {self.count} 条，链头 #{self.head_seq} {self.head_hash}"
        return f"审计链校验失败：{self.finding.message}"


def recompute_hash(row: dict, *, seq: int | None = None) -> str:
    fields = {name: row[name] for name in HASHED_FIELDS}
    if seq is not None:
        fields["seq"] = seq
    return hashing.entry_hash(**fields)


def _explain_bad_hash(row: dict, stored: str, computed: str) -> Finding:
    """An entry whose hash does not match: edited in place, or intact but moved to another seq (swap or insert)."""
    seq = row["seq"]
    # Where was it written? Right after the entry whose hash it carries as prev_hash. That entry may itself have
    # moved (two neighbours swapped), so its neighbours' positions are tried too.
    candidates = [seq - 1, seq + 1]
    if row["prev_hash"] == GENESIS_HASH:
        candidates.insert(0, 1)
    else:
        predecessor = ChainEntry.objects.filter(entry_hash=row["prev_hash"]).values_list("seq", flat=True).first()
        if predecessor is not None:
            candidates[:0] = [predecessor + 1, predecessor]
    for original_seq in dict.fromkeys(c for c in candidates if c >= 1 and c != seq):
        if recompute_hash(row, seq=original_seq) == stored:
            return Finding(
                seq,
                Problem.REORDERED,
                f"该条目内容完好，但它是作为 #{original_seq} 写入的，现在却位于 #{seq}："
                "条目顺序被调换，或在它之前插入、删除了条目后重新编号。",
            )
    return Finding(
        seq,
        Problem.EDITED,
        f"重新计算的哈希 {computed[:16]}… 与记录的 {stored[:16]}… 不同：该条目写入后被改动"
        f"（事件“{event_label(row['event'])}”，对象 {row['subject_type']}#{row['subject_id']}）。",
    )


def _file_findings(row: dict, storage) -> Iterator[Finding]:
    payload = row["payload"]
    files = payload.get("files") if isinstance(payload, dict) else None
    for item in files or []:
        name, recorded = item.get("name", ""), str(item.get("sm3", "")).lower()
        try:
            with storage.open(name, "rb") as handle:
                actual = hashing.sm3_file(handle)
        except (FileNotFoundError, OSError):
            yield Finding(row["seq"], Problem.FILE_MISSING, f"记录的文件“{name}”已不存在或无法读取。")
            continue
        if actual != recorded:
            yield Finding(
                row["seq"],
                Problem.FILE_CHANGED,
                f"文件“{name}”的 SM3 现为 {actual[:16]}…，与链上记录的 {recorded[:16]}… 不同：文件被替换或改动。",
            )


def _at_text(at) -> str:
    """hashing.entry_bytes's form of the time ("2019-01-02T08:30:00.000000+00:00"), from what the database cursor
    gives: an aware datetime (PostgreSQL), a naive UTC datetime (SQLite's declared-type converter) or UTC text."""
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    if at.tzinfo is None:
        return at.isoformat(timespec="microseconds") + "+00:00"
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def row_bytes(row: tuple) -> bytes:
    """The canonical bytes of one row read as `values_list(*HASHED_FIELDS, "entry_hash")` (same output as hashing.entry_bytes)."""
    seq, at, actor_id, actor_label, event, subject_type, subject_id, subject_label, body_id, payload, prev_hash, _ = row
    # Assembled in sorted key order by hand (what json.dumps(sort_keys=True) gives for these fixed keys); only the
    # payload goes through the encoder. test_row_bytes_are_the_canonical_entry_bytes holds the two equal.
    q = _quote
    return (
        f'{{"actor_id":{"null" if actor_id is None else int(actor_id)},"actor_label":{q(actor_label)},'
        f'"at":"{_at_text(at)}","body_id":{"null" if body_id is None else int(body_id)},"event":{q(event)},'
        f'"payload":{_dumps(json.loads(payload) if isinstance(payload, str) else payload)},'
        f'"prev_hash":{q(prev_hash)},"seq":{int(seq)},"subject_id":{q(subject_id)},'
        f'"subject_label":{q(subject_label)},"subject_type":{q(subject_type)}}}'
    ).encode()


_quote = json.encoder.encode_basestring  # the C quoting json.dumps(ensure_ascii=False) uses
_dumps = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=hashing._default).encode


def _row_dict(seq: int) -> dict:
    """The row as the ORM reads it (datetime, decoded payload), for the exact path (rare, so one query)."""
    return ChainEntry.objects.filter(seq=seq).values(*HASHED_FIELDS, "entry_hash").get()


@dataclass
class ScanState:
    """What one pass over a run of rows saw: its first row (for linking at a seam) and its last."""

    count: int = 0
    first_seq: int | None = None
    first_prev_hash: str = ""
    first_hash_ok: bool = True
    last_seq: int = 0
    last_hash: str = GENESIS_HASH
    checkpoint_seen: bool = False


def _scan(
    batches,
    state: ScanState,
    *,
    expected_seq: int | None,
    prev_hash: str | None,
    against: Checkpoint | None,
    check_files: bool,
    storage,
    progress: Callable[[int], None] | None,
) -> Iterator[Finding]:
    """Check runs of rows (chainread.batches) in seq order. `expected_seq`/`prev_hash` None: the first row's seq and
    link are left to the caller (a chunk whose predecessor another worker reads; the seam is checked when the chunks
    are joined).

    A run of entries that all follow on (seq, link), whose fast-path hashes all equal the stored ones, that name no
    file to check and hold no checkpoint is accepted a column at a time (list comparisons in C); any other run goes
    entry by entry, and every entry that is not that plain case goes through `_check_row`, which recomputes the hash
    exactly (hashing.entry_hash over the ORM's fields) before calling anything a change."""
    against_seq = against.seq if against is not None else None
    for batch in batches:
        start = 0
        if expected_seq is None:
            # A chunk's first entry: its seq and link are the caller's to check at the seam.
            first = next(batch.rows())
            yield from _check_row(first, state, None, None, against, check_files, storage)
            expected_seq, prev_hash, start = first[0] + 1, first[2], 1
        if _plain_run(batch, start, expected_seq, prev_hash, against_seq, check_files):
            state.count += len(batch.seqs) - start
            expected_seq, prev_hash = batch.seqs[-1] + 1, batch.stored[-1]
            state.last_seq, state.last_hash = batch.seqs[-1], prev_hash
        else:
            for row in itertools.islice(batch.rows(), start, None):
                seq, row_prev, stored, computed, names_files = row
                if (
                    seq == expected_seq
                    and computed == stored
                    and row_prev == prev_hash
                    and not (names_files and check_files)
                    and seq != against_seq
                ):
                    state.count += 1
                    state.last_seq, state.last_hash = seq, stored
                else:
                    yield from _check_row(row, state, expected_seq, prev_hash, against, check_files, storage)
                expected_seq, prev_hash = seq + 1, stored
        if progress is not None:
            progress(len(batch.seqs))


def _plain_run(batch, start: int, expected_seq: int, prev_hash: str, against_seq, check_files: bool) -> bool:
    """Whether every entry of the batch from index `start` on is the plain case (see _scan), checked per column."""
    seqs, prevs, stored, computed = batch.seqs, batch.prev_hashes, batch.stored, batch.computed
    if start:
        seqs, prevs, stored, computed = seqs[start:], prevs[start:], stored[start:], computed[start:]
    n = len(seqs)
    return (
        n > 0
        and seqs[0] == expected_seq
        and prevs[0] == prev_hash
        # Every seq exactly one more than the last: no gap, no repeat, nothing inserted (a constraint could be dropped).
        and seqs == tuple(range(expected_seq, expected_seq + n))
        and prevs[1:] == stored[:-1]
        and computed == list(stored)
        and not (against_seq is not None and expected_seq <= against_seq < expected_seq + n)
        and not (check_files and any(batch.names_files()[start:]))
    )


def _check_row(row, state: ScanState, expected_seq, prev_hash, against, check_files, storage) -> Iterator[Finding]:
    """Everything about one row that is not the plain case (see _scan)."""
    seq, row_prev, stored, computed, names_files = row
    state.count += 1
    gap = False
    if state.first_seq is None:
        state.first_seq, state.first_prev_hash = seq, row_prev
    if expected_seq is not None and seq != expected_seq:
        gap = True
        if seq > expected_seq:
            missing = f"#{expected_seq}" if seq == expected_seq + 1 else f"#{expected_seq}–#{seq - 1}"
            yield Finding(
                expected_seq, Problem.GAP, f"序号从 #{expected_seq - 1} 直接跳到 #{seq}，{missing} 已被删除。"
            )
        else:
            yield Finding(seq, Problem.BAD_SEQ, f"此处应为 #{expected_seq}，却出现 #{seq}：有条目被插入。")
    hash_ok = computed == stored
    if not hash_ok:
        # The fast path is only ever trusted when it matches: recompute exactly before calling it a change.
        exact_row = _row_dict(seq)
        exact = recompute_hash(exact_row)
        hash_ok = exact == stored
        if not hash_ok:
            if state.count == 1:
                state.first_hash_ok = False
            yield _explain_bad_hash(exact_row, stored, exact)
    if hash_ok and prev_hash is not None and row_prev != prev_hash and not gap:
        yield Finding(
            seq,
            Problem.BROKEN_LINK,
            f"其“前一哈希” {row_prev[:16]}… 不是上一条的哈希 {prev_hash[:16]}…："
            "该条目不是接在上一条之后写入的（被插入或替换）。",
        )
    if check_files and names_files:
        yield from _file_findings(_row_dict(seq), storage)
    if against is not None and seq == against.seq:
        state.checkpoint_seen = True
        if stored != against.entry_hash:
            yield Finding(
                seq,
                Problem.CHECKPOINT,
                f"检查点记下的哈希为 {against.entry_hash[:16]}…，链上现为 {stored[:16]}…："
                "检查点之前的历史已被改写（即使链本身前后自洽）。",
            )
    state.last_seq, state.last_hash = seq, stored


def _seam_findings(state: ScanState, last_seq: int, last_hash: str) -> Iterator[Finding]:
    """The link between a chunk's first row and the last row before it (read by another worker)."""
    seq = state.first_seq
    if seq != last_seq + 1:
        expected = last_seq + 1
        if seq > expected:
            missing = f"#{expected}" if seq == expected + 1 else f"#{expected}–#{seq - 1}"
            yield Finding(expected, Problem.GAP, f"序号从 #{expected - 1} 直接跳到 #{seq}，{missing} 已被删除。")
        else:
            yield Finding(seq, Problem.BAD_SEQ, f"此处应为 #{expected}，却出现 #{seq}：有条目被插入。")
    elif state.first_hash_ok and state.first_prev_hash != last_hash:
        yield Finding(
            seq,
            Problem.BROKEN_LINK,
            f"其“前一哈希” {state.first_prev_hash[:16]}… 不是上一条的哈希 {last_hash[:16]}…："
            "该条目不是接在上一条之后写入的（被插入或替换）。",
        )


def _rows(*, after: int | None = None, lo: int | None = None, hi: int | None = None, chunk_size: int = CHUNK_SIZE):
    """The rows in seq order as chainread batches (PostgreSQL: one COPY inside the caller's transaction; SQLite:
    the in-process cursor), constant memory either way."""
    return chainread.batches(after=after, lo=lo, hi=hi, chunk_size=chunk_size)


def _start(since: Checkpoint | None) -> tuple[int, str, Finding | None]:
    """Where a pass begins: from genesis, or right after a checkpoint that must still be on the chain unchanged."""
    if since is None:
        return 0, GENESIS_HASH, None
    stored = ChainEntry.objects.filter(seq=since.seq).values_list("entry_hash", flat=True).first()
    if stored is None:
        return (
            since.seq,
            since.entry_hash,
            Finding(since.seq, Problem.CHECKPOINT, f"链中已没有起点 #{since.seq}：起点之前的链被截断或重写。"),
        )
    if stored != since.entry_hash:
        return (
            since.seq,
            since.entry_hash,
            Finding(
                since.seq,
                Problem.CHECKPOINT,
                f"起点记下的哈希为 {since.entry_hash[:16]}…，链上现为 {stored[:16]}…：起点之前的历史已被改写。",
            ),
        )
    return since.seq, since.entry_hash, None


def _end_findings(
    *, head_before: int, last_seq: int, last_hash: str, count: int, against, checkpoint_seen: bool
) -> Iterator[Finding]:
    if head_before > last_seq:
        yield Finding(
            last_seq + 1,
            Problem.TAIL_MISSING,
            f"链头记录已写到 #{head_before}，链中最后一条却是 #{last_seq}：最后的条目被删除。",
        )
    head_after = ChainHead.objects.filter(id=1).values_list("seq", "entry_hash").first() or (0, GENESIS_HASH)
    if last_seq > head_after[0]:
        yield Finding(
            head_after[0] + 1,
            Problem.BEYOND_HEAD,
            f"链头记录只到 #{head_after[0]}，链中却有 #{last_seq}：有条目未经记录接口写入（被插入）。",
        )
    elif last_seq == head_after[0] and (count or last_seq) and head_after[1] != last_hash:
        yield Finding(
            last_seq,
            Problem.HEAD_MISMATCH,
            f"链头记录的哈希 {head_after[1][:16]}… 与最后一条的哈希 {last_hash[:16]}… 不同：链尾被替换。",
        )
    if against is not None and not checkpoint_seen:
        yield Finding(
            against.seq,
            Problem.CHECKPOINT,
            f"链中已没有检查点 #{against.seq}（现在只到 #{last_seq}）：检查点之后链被截断或重写。",
        )


def _check_against_before(against: Checkpoint | None, since: Checkpoint | None) -> Finding | None:
    """A checkpoint at or before the start of an incremental pass is checked by one lookup."""
    if against is None or since is None or against.seq > since.seq:
        return None
    stored = ChainEntry.objects.filter(seq=against.seq).values_list("entry_hash", flat=True).first()
    if stored == against.entry_hash:
        return None
    return Finding(
        against.seq,
        Problem.CHECKPOINT,
        f"检查点记下的哈希为 {against.entry_hash[:16]}…，链上现为 {(stored or '（无此条）')[:16]}…：历史已被改写。",
    )


def iter_findings(
    *,
    against: Checkpoint | None = None,
    check_files: bool = True,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    storage=None,
    stats: dict | None = None,
    since: Checkpoint | None = None,
) -> Iterator[Finding]:
    """Stream through the chain in seq order and yield each problem found, in order.

    Per entry: seq continuity (1..N), the entry hash recomputed from its fields, the link to the previous hash, and
    the SM3 of every stored file its payload names. At the end: the head row (a cache written in the same
    transaction as each entry) must agree with the last entry, and a checkpoint, if given, must still be on the
    chain with the same hash. Memory stays constant: rows come in batches (chainread.batches; ADR 0077).
    `since` (a checkpoint taken earlier): only the entries after it are read; its own entry must still carry its
    hash, which (as every later entry links back to it) vouches for everything before it.
    `stats`, if given, receives count, head_seq and head_hash of what was read.
    """
    storage = storage or default_storage
    # Read before the stream: every entry committed by then must be in it, so a head beyond the last entry means
    # entries were deleted from the tail.
    head_before = ChainHead.objects.filter(id=1).values_list("seq", flat=True).first() or 0
    start_seq, start_hash, problem = _start(since)
    if problem is not None:
        yield problem
    early = _check_against_before(against, since)
    if early is not None:
        yield early
    state = ScanState(last_seq=start_seq, last_hash=start_hash)
    # A checkpoint at or before the start was settled by the lookup above.
    state.checkpoint_seen = against is not None and since is not None and against.seq <= since.seq
    yield from _scan(
        _rows(after=since.seq if since else None, chunk_size=chunk_size),
        state,
        expected_seq=start_seq + 1,
        prev_hash=start_hash,
        against=against,
        check_files=check_files,
        storage=storage,
        progress=progress,
    )
    if stats is not None:
        stats.update(count=state.count, head_seq=state.last_seq, head_hash=state.last_hash)
    yield from _end_findings(
        head_before=head_before,
        last_seq=state.last_seq,
        last_hash=state.last_hash,
        count=state.count,
        against=against,
        checkpoint_seen=state.checkpoint_seen,
    )


def _db_scope():
    # On PostgreSQL the COPY windows (chainread) and the head reads run in one read transaction. On SQLite a
    # transaction would be BEGIN IMMEDIATE and hold the write lock for the whole pass, so there it runs in autocommit.
    return transaction.atomic() if connection.vendor == "postgresql" else nullcontext()


def verify_chunk(lo: int | None, hi: int | None, against=None, check_files=False, chunk_size=CHUNK_SIZE):
    """Verify the entries with lo <= seq <= hi (None: unbounded) on their own; the first row's seq and link are
    returned for the caller to check against the previous chunk. Returns (first finding or None, ScanState)."""
    state = ScanState()
    with _db_scope():
        findings = _scan(
            _rows(lo=lo, hi=hi, chunk_size=chunk_size),
            state,
            expected_seq=None,
            prev_hash=None,
            against=against,
            check_files=check_files,
            storage=default_storage,
            progress=None,
        )
        first = next(findings, None)
        findings.close()
    return first, state


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector around a pass, in a process that does nothing else meanwhile (the
    audit_verify command, a worker child, the verification task). A pass allocates millions of short-lived rows and
    no reference cycles — reference counting frees all of it — yet the collector's full sweeps of the process's heap
    cost about a fifth of the pass (ADR 0086). Not for a web request: the switch is process-wide."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _chunk_in_child(args):
    # The parent closed its connections before forking, so this child opens its own on first use.
    with collector_paused():
        return verify_chunk(*args)


def chunk_bounds(first: int, last: int, chunks: int) -> list[tuple[int | None, int | None]]:
    """Split seq first..last into `chunks` consecutive ranges; the first is open below, the last open above (so an
    entry outside first..last, inserted behind the head's back, is still read)."""
    chunks = max(1, min(chunks, last - first + 1))
    width = -(-(last - first + 1) // chunks)
    bounds = []
    for i in range(chunks):
        lo, hi = first + i * width, min(last, first + (i + 1) * width - 1)
        if lo > last:
            break
        bounds.append((lo, hi))
    bounds[0] = (None if first == 1 else first, bounds[0][1])
    bounds[-1] = (bounds[-1][0], None)
    return bounds


def verify_parallel(
    *,
    workers: int = 2,
    chunks: int | None = None,
    against: Checkpoint | None = None,
    since: Checkpoint | None = None,
    check_files: bool = True,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Result:
    """Verify the chain in `chunks` seq ranges on `workers` processes (1: in this process, one range after another),
    joining them at the seams: each range's first prev-hash must be the previous range's last hash and its first seq
    must follow on. The result is the same as verify_chain()'s, first finding included."""
    head_before = ChainHead.objects.filter(id=1).values_list("seq", flat=True).first() or 0
    start_seq, start_hash, problem = _start(since)
    if problem is None:
        problem = _check_against_before(against, since)
    if problem is not None:
        return Result(count=0, head_seq=0, head_hash="", finding=problem, since=start_seq)
    qs = ChainEntry.objects.filter(seq__gt=start_seq) if since else ChainEntry.objects.all()
    last = qs.order_by("-seq").values_list("seq", flat=True).first()
    states: list[tuple[Finding | None, ScanState]] = []
    if last is not None:
        bounds = chunk_bounds(start_seq + 1, max(last, start_seq + 1), chunks or workers * 4)
        if since is not None:
            bounds[0] = (start_seq + 1, bounds[0][1])
        jobs = [(lo, hi, against, check_files, chunk_size) for lo, hi in bounds]
        if workers <= 1:
            for job in jobs:
                states.append(verify_chunk(*job))
                if progress is not None:
                    progress(states[-1][1].count)
        else:
            import multiprocessing

            from django.db import connections

            connections.close_all()
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for outcome in pool.imap(_chunk_in_child, jobs):
                    states.append(outcome)
                    if progress is not None:
                        progress(outcome[1].count)
    last_seq, last_hash, count, seen = start_seq, start_hash, 0, False
    for first, state in states:
        if not state.count:
            continue
        seam = next(_seam_findings(state, last_seq, last_hash), None)
        finding = first
        if seam is not None and (first is None or seam.seq <= first.seq):
            finding = seam
        if finding is not None:
            return Result(count=count + state.count, head_seq=0, head_hash="", finding=finding, since=start_seq)
        count += state.count
        last_seq, last_hash = state.last_seq, state.last_hash
        seen = seen or state.checkpoint_seen
    if against is not None and since is not None and against.seq <= since.seq:
        seen = True
    end = next(
        _end_findings(
            head_before=head_before,
            last_seq=last_seq,
            last_hash=last_hash,
            count=count,
            against=against,
            checkpoint_seen=seen,
        ),
        None,
    )
    if end is not None:
        return Result(count=count, head_seq=0, head_hash="", finding=end, since=start_seq)
    return Result(count=count, head_seq=last_seq, head_hash=last_hash, finding=None, since=start_seq)


def verify_chain(
    *,
    against: Checkpoint | None = None,
    check_files: bool = True,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    storage=None,
    since: Checkpoint | None = None,
) -> Result:
    """Verify the whole chain (or, with `since`, what was added after that checkpoint) and return the result,
    naming the first problem (the stream stops there)."""
    stats: dict = {}
    with _db_scope():
        findings = iter_findings(
            against=against,
            check_files=check_files,
            progress=progress,
            chunk_size=chunk_size,
            storage=storage,
            stats=stats,
            since=since,
        )
        first = next(findings, None)
        findings.close()
    start = since.seq if since else 0
    if first is not None:
        return Result(count=stats.get("count", 0), head_seq=0, head_hash="", finding=first, since=start)
    return Result(
        count=stats["count"], head_seq=stats["head_seq"], head_hash=stats["head_hash"], finding=None, since=start
    )


def chain_size(*, after: int = 0) -> int:
    return ChainEntry.objects.filter(seq__gt=after).count() if after else ChainEntry.objects.count()


def current_head() -> Checkpoint | None:
    """The last entry of the chain as a checkpoint (read from the entries themselves, not the head cache)."""
    row = ChainEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
    return Checkpoint(*row) if row else None
