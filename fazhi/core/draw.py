"""A reproducible random draw (摇号) for 双随机 inspections and 案卷评查, named by SM3 so anyone can re-run it.

``draw(seed, pool, k)``: the pool (candidate keys, strings) is sorted ascending; for i = 0, 1, 2 … the i-th pick is
``int(SM3(f"{seed}:{i}"), 16) % len(remaining)``, an index into what remains of the sorted pool, until ``k`` keys are
picked (or the pool is empty). The picks come back in draw order. ``pool_hash(pool)`` is the SM3 hex of the sorted keys
joined by newlines: recorded on the chain with the seed before the result is used, it proves which pool was drawn from
(国办发〔2015〕58号: 随机抽取, 全程留痕).
"""

from __future__ import annotations

from fazhi.audit.hashing import sm3_hex


def _h(seed: str, i: int) -> int:
    return int(sm3_hex(f"{seed}:{i}".encode()), 16)


def draw(seed: str, pool: list[str], k: int) -> list[str]:
    remaining = sorted(str(key) for key in pool)
    picks: list[str] = []
    i = 0
    while len(picks) < max(k, 0) and remaining:
        picks.append(remaining.pop(_h(seed, i) % len(remaining)))
        i += 1
    return picks


def pool_hash(pool: list[str]) -> str:
    return sm3_hex("\n".join(sorted(str(key) for key in pool)).encode())
