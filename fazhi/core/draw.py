"""A reproducible random draw (双随机 摇号): anyone holding the seed and the pool can recompute the picks.

The algorithm (docs/inspection.md, "The draw"):

- the pool is a list of candidate keys (strings); it is sorted ascending before drawing;
- for i = 0, 1, 2 …: h = SM3(f"{seed}:{i}") read as a big-endian integer; the pick is the element at index
  h % len(remaining) of the remaining sorted list, which is removed from it; stop after k picks;
- the picks are returned in draw order.

``pool_hash`` is the SM3 hex digest of the sorted keys joined by "\\n" (UTF-8), published with the seed so a reader
can check they hold the same pool before recomputing.
"""

from __future__ import annotations

from fazhi.audit.hashing import sm3_hex


def draw(seed: str, pool: list[str], k: int) -> list[str]:
    remaining = sorted(pool)
    picks: list[str] = []
    for i in range(max(0, min(k, len(remaining)))):
        h = int(sm3_hex(f"{seed}:{i}".encode()), 16)
        picks.append(remaining.pop(h % len(remaining)))
    return picks


def pool_hash(pool: list[str]) -> str:
    return sm3_hex("\n".join(sorted(pool)).encode())
