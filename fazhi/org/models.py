from django.contrib.auth.models import AbstractUser
from django.db import models


class BodyKind(models.TextChoices):
    DISTRICT = "district", "区"
    TOWN = "town", "镇/街"
    UNIT = "unit", "内设机构"
    TEAM = "team", "综合执法大队"


class Body(models.Model):
    """A node in the organisation tree: 区 → 镇/街 → 内设机构 / 综合执法大队."""

    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=50, blank=True)
    kind = models.CharField("类别", max_length=16, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.CharField("机构代码", max_length=32, unique=True)
    # Materialised path of ancestor ids, e.g. "/1/4/9/": a subtree is one indexed prefix query.
    path = models.CharField("层级路径", max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]


class User(AbstractUser):
    """A member of staff (or a system administrator); belongs to one unit of the organisation tree."""

    body = models.ForeignKey(
        Body, verbose_name="所在机构", null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )

    class Meta:
        verbose_name = "人员"
        verbose_name_plural = "人员"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Chinese names: family name first, no space.
        return f"{self.last_name}{self.first_name}".strip()
