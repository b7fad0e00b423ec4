"""Recompute a task's draw from its published seed and its fixed pools (``fazhi draw_verify TASK``).

Checks, each reported as match or mismatch:
1. every stored pool hashes (SM3) to the hash stored with it and to the hash on the chain entry that fixed the seed;
2. the stored seed is the one on that chain entry;
3. the draw recomputed from seed + pools (``inspection.drawing.compute``) equals the objects and inspectors stored
   for the task and the ones on the draw's chain entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.audit.events import Event
from fazhi.audit.selectors import entries_for_subject
from fazhi.core.draw import pool_hash
from fazhi.inspection import drawing
from fazhi.inspection.models import DrawPool, Task, TaskInspector, TaskObject


@dataclass
class Check:
    what: str
    ok: bool
    detail: str = ""


def _last(task: Task, event: Event):
    return entries_for_subject(Task._meta.label_lower, task.pk).filter(event=event).order_by("-seq").first()


def verify_task(task: Task) -> list[Check]:
    checks: list[Check] = []
    if not task.seed:
        return [Check("随机种子", False, "该任务尚未公布随机种子。")]
    seed_entry = _last(task, Event.INSPECTION_SEED_FIXED)
    chain_pools = (seed_entry.payload.get("pools") or {}) if seed_entry else {}
    chain_seed = ((seed_entry.payload.get("new") or {}).get("seed")) if seed_entry else None
    checks.append(Check("随机种子与链上记录一致", chain_seed == task.seed, f"种子 {task.seed}"))
    pools: dict[str, list[str]] = {}
    for stored in DrawPool.objects.filter(task=task).order_by("name"):
        keys = stored.key_list()
        pools[stored.name] = keys
        digest = pool_hash(keys)
        on_chain = (chain_pools.get(stored.name) or {}).get("sm3")
        checks.append(
            Check(
                f"名单“{stored.name}”的 SM3",
                digest == stored.sm3 == on_chain,
                f"重算 {digest}，存储 {stored.sm3}，链上 {on_chain}（{len(keys)} 条）",
            )
        )
    if set(pools) != set(chain_pools):
        checks.append(Check("名单清单与链上记录一致", False, f"存储 {sorted(pools)}，链上 {sorted(chain_pools)}"))
    draw_entry = _last(task, Event.INSPECTION_DRAWN)
    if draw_entry is None:
        checks.append(Check("抽取结果", True, "尚未抽取；以上种子和名单已固定，抽取结果可由任何人预先计算。"))
        return checks
    ratios = {"high": task.ratio_high, "medium": task.ratio_medium, "low": task.ratio_low}
    result = drawing.compute(task.seed, pools, ratios, task.inspector_count)
    recorded = draw_entry.payload.get("draw") or {}
    stored_objects = {s: [] for s in drawing.STRATA}
    for stratum, code in (
        TaskObject.objects.filter(task=task).order_by("stratum", "order").values_list("stratum", "target__credit_code")
    ):
        stored_objects.setdefault(stratum, []).append(code)
    stored_inspectors = list(
        TaskInspector.objects.filter(task=task).order_by("order").values_list("inspector__code", flat=True)
    )
    for stratum in drawing.STRATA:
        again = result.objects.get(stratum, [])
        checks.append(
            Check(
                f"检查对象（{stratum}）",
                again == stored_objects.get(stratum, []) == (recorded.get("objects") or {}).get(stratum, []),
                f"重算 {len(again)} 个：{'、'.join(again) or '无'}",
            )
        )
    checks.append(
        Check(
            "检查人员",
            result.inspectors == stored_inspectors == recorded.get("inspectors"),
            f"重算：{'、'.join(result.inspectors)}；回避排除：{'、'.join(result.excluded) or '无'}",
        )
    )
    return checks
