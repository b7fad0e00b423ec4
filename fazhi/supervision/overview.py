"""How the supervision pages group what they count: by town for a district's supervisor (every town in scope side by
side), by body for a town's own staff (the town and its units)."""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.org.models import BodyKind
from fazhi.org.selectors import visible_bodies


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    path: str


def units_for(user) -> tuple[list[Unit], str]:
    """The columns of the user's overview, and what they are ("镇（街）" or "机关"). One query."""
    bodies = list(visible_bodies(user).order_by("path").values("pk", "name", "short_name", "path", "kind"))
    towns = [b for b in bodies if b["kind"] == BodyKind.TOWN]
    if len(towns) > 1:
        return [Unit(b["pk"], b["short_name"] or b["name"], b["path"]) for b in towns], "镇（街）"
    return [Unit(b["pk"], b["short_name"] or b["name"], b["path"]) for b in bodies], "机关"


def unit_of(body_id, units: list[Unit], paths: dict[int, str]) -> int | None:
    """The unit a body rolls up to: the deepest unit whose path is a prefix of the body's path."""
    path = paths.get(body_id) or ""
    best = None
    for unit in units:
        if path.startswith(unit.path) and (best is None or len(unit.path) > len(best.path)):
            best = unit
    return best.id if best else None
