"""Verification of the audit chain: recompute every hash and link in one streamed pass (ARCHITECTURE.md §5).

`iter_findings()` yields every problem in seq order; `verify_chain()` stops at the first one and returns a result
that the command, the supervisors' page and the API all show the same way.
"""

import re
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import connection, transaction

from fazhi.audit import hashing
from fazhi.audit.display import event_label
from fazhi.audit.models import GENESIS_HASH, ChainEntry, ChainHead

CHUNK_SIZE = 2000

# The fields an entry's hash covers (hashing.entry_bytes), in its keyword order.
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_label",
    "event",
    "subject_type",
    "subject_id",
    "subject_label",
    "body_id",
    "payload",
    "prev_hash",
)

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

    @property
    def ok(self) -> bool:
        return self.finding is None

    @property
    def message(self) -> str:
        if self.ok:
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


def iter_findings(
    *,
    against: Checkpoint | None = None,
    check_files: bool = True,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    storage=None,
    stats: dict | None = None,
) -> Iterator[Finding]:
    """Stream through the chain in seq order and yield each problem found, in order.

    Per entry: seq continuity (1..N), the entry hash recomputed from its fields, the link to the previous hash, and
    the SM3 of every stored file its payload names. At the end: the head row (a cache written in the same
    transaction as each entry) must agree with the last entry, and a checkpoint, if given, must still be on the
    chain with the same hash. Memory stays constant: rows come through `iterator(chunk_size=…)`.
    `stats`, if given, receives count, head_seq and head_hash of what was read.
    """
    storage = storage or default_storage
    # Read before the stream: every entry committed by then must be in it, so a head beyond the last entry means
    # entries were deleted from the tail.
    head_before = ChainHead.objects.filter(id=1).values_list("seq", flat=True).first() or 0
    expected_seq, prev_hash, count, last_hash = 1, GENESIS_HASH, 0, GENESIS_HASH
    checkpoint_seen = False
    rows = ChainEntry.objects.order_by("seq").values(*HASHED_FIELDS, "entry_hash").iterator(chunk_size=chunk_size)
    for row in rows:
        seq, stored = row["seq"], row["entry_hash"]
        count += 1
        gap = seq != expected_seq
        if gap:
            if seq > expected_seq:
                missing = f"#{expected_seq}" if seq == expected_seq + 1 else f"#{expected_seq}–#{seq - 1}"
                yield Finding(
                    expected_seq, Problem.GAP, f"序号从 #{expected_seq - 1} 直接跳到 #{seq}，{missing} 已被删除。"
                )
            else:
                yield Finding(seq, Problem.BAD_SEQ, f"此处应为 #{expected_seq}，却出现 #{seq}：有条目被插入。")
        computed = recompute_hash(row)
        if computed != stored:
            yield _explain_bad_hash(row, stored, computed)
        elif row["prev_hash"] != prev_hash and not gap:
            yield Finding(
                seq,
                Problem.BROKEN_LINK,
                f"其“前一哈希” {row['prev_hash'][:16]}… 不是上一条的哈希 {prev_hash[:16]}…："
                "该条目不是接在上一条之后写入的（被插入或替换）。",
            )
        if check_files:
            yield from _file_findings(row, storage)
        if against is not None and seq == against.seq:
            checkpoint_seen = True
            if stored != against.entry_hash:
                yield Finding(
                    seq,
                    Problem.CHECKPOINT,
                    f"检查点记下的哈希为 {against.entry_hash[:16]}…，链上现为 {stored[:16]}…："
                    "检查点之前的历史已被改写（即使链本身前后自洽）。",
                )
        expected_seq, prev_hash, last_hash = seq + 1, stored, stored
        if progress is not None:
            progress(1)
    last_seq = expected_seq - 1
    if stats is not None:
        stats.update(count=count, head_seq=last_seq, head_hash=last_hash if count else GENESIS_HASH)
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
    elif last_seq == head_after[0] and count and head_after[1] != last_hash:
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


def verify_chain(
    *,
    against: Checkpoint | None = None,
    check_files: bool = True,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    storage=None,
) -> Result:
    """Verify the whole chain and return the result, naming the first problem (the stream stops there)."""
    stats: dict = {}
    # On PostgreSQL a transaction lets iterator() stream through a plain server-side cursor (in autocommit Django
    # must use WITH HOLD, which makes the server materialise the whole result first). On SQLite a transaction would
    # be BEGIN IMMEDIATE and hold the write lock for the whole pass, so there the stream runs in autocommit.
    scope = transaction.atomic() if connection.vendor == "postgresql" else nullcontext()
    with scope:
        findings = iter_findings(
            against=against,
            check_files=check_files,
            progress=progress,
            chunk_size=chunk_size,
            storage=storage,
            stats=stats,
        )
        first = next(findings, None)
        findings.close()
    if first is not None:
        return Result(count=stats.get("count", 0), head_seq=0, head_hash="", finding=first)
    return Result(count=stats["count"], head_seq=stats["head_seq"], head_hash=stats["head_hash"], finding=None)


def chain_size() -> int:
    return ChainEntry.objects.count()


def current_head() -> Checkpoint | None:
    """The last entry of the chain as a checkpoint (read from the entries themselves, not the head cache)."""
    row = ChainEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
    return Checkpoint(*row) if row else None
