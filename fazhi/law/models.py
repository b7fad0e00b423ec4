"""The law library (law → version → 编/章/节 → 条 → 款 → 项) and the power list (权责清单) with discretion benchmarks.

Nothing here is ever overwritten: a new text of a law is a new LawVersion (the older one is marked 已修改 and kept,
because old cases cite old texts); a change to a power item is a new PowerItemVersion.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from fazhi.law.parsing import int_to_cn


class LawLevel(models.TextChoices):
    """效力位阶. Only 法律, 法规 and 规章 may set penalties (行政处罚法 第十六条)."""

    CONSTITUTION = "constitution", "宪法"
    LAW = "law", "法律"
    ADMIN_REGULATION = "admin_regulation", "行政法规"
    DEPARTMENT_RULE = "department_rule", "部门规章"
    LOCAL_REGULATION = "local_regulation", "地方性法规"
    LOCAL_RULE = "local_rule", "地方政府规章"
    JUDICIAL = "judicial", "司法解释"
    OTHER = "other", "其他"


class VersionStatus(models.TextChoices):
    IN_FORCE = "in_force", "现行有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"


class Law(models.Model):
    title = models.CharField("名称", max_length=200, unique=True)
    short_name = models.CharField("简称", max_length=200, db_index=True)
    level = models.CharField("效力位阶", max_length=24, choices=LawLevel.choices)
    category = models.CharField("分类", max_length=50, blank=True)
    region = models.CharField("适用地区", max_length=50, blank=True, help_text="地方性法规、规章所属地区，如：天津市")
    created_at = models.DateTimeField("收录时间", default=timezone.now)

    class Meta:
        verbose_name = "法律法规"
        verbose_name_plural = "法律法规"
        ordering = ["level", "short_name"]

    def __str__(self) -> str:
        return self.title


class LawVersion(models.Model):
    law = models.ForeignKey(Law, verbose_name="法律法规", on_delete=models.PROTECT, related_name="versions")
    version_date = models.DateField("版本日期")
    effective_from = models.DateField("施行日期")
    effective_basis = models.CharField("施行日期来源", max_length=200)
    effective_to = models.DateField("失效日期", null=True, blank=True, help_text="被修改或废止之日（不含当日）")
    status = models.CharField("时效性", max_length=16, choices=VersionStatus.choices)
    header = models.TextField("题注", blank=True)
    preamble = models.TextField("前言", blank=True)
    source_name = models.CharField("来源文件", max_length=255)
    source_sm3 = models.CharField("文本SM3", max_length=64)
    loaded_at = models.DateTimeField("载入时间", default=timezone.now)

    class Meta:
        verbose_name = "法律版本"
        verbose_name_plural = "法律版本"
        ordering = ["law_id", "-version_date"]
        constraints = [
            models.UniqueConstraint(fields=["law", "version_date"], name="law_version_unique_date"),
            models.UniqueConstraint(fields=["law"], condition=Q(status="in_force"), name="law_version_one_in_force"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="law_version_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"《{self.law.title}》（{self.version_date:%Y-%m-%d}）"

    @property
    def key(self) -> str:
        return f"{self.law.short_name}/{self.version_date:%Y-%m-%d}"

    def in_force_on(self, on: date) -> bool:
        if self.status == VersionStatus.REPEALED and self.effective_to is None:
            return False
        if on < self.effective_from:
            return False
        return self.effective_to is None or on < self.effective_to


class DivisionKind(models.TextChoices):
    PART = "编", "编"
    SUBPART = "分编", "分编"
    CHAPTER = "章", "章"
    SECTION = "节", "节"
    OTHER = "", "其他"


class Division(models.Model):
    """A heading: 编, 分编, 章, 节, or an unnumbered one such as 序言 (with its text)."""

    version = models.ForeignKey(LawVersion, on_delete=models.CASCADE, related_name="divisions")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    kind = models.CharField("层级", max_length=4, choices=DivisionKind.choices, blank=True)
    number = models.PositiveIntegerField("序号", null=True, blank=True)
    label = models.CharField("标号", max_length=20, blank=True)
    title = models.CharField("标题", max_length=200, blank=True)
    position = models.PositiveIntegerField("顺序")
    text = models.TextField("正文", blank=True)

    class Meta:
        verbose_name = "编章节"
        verbose_name_plural = "编章节"
        ordering = ["version_id", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="law_division_position")]

    def __str__(self) -> str:
        return f"{self.label} {self.title}".strip()

    @property
    def key(self) -> str:
        """Citation key of a heading: 民事诉讼法/2023-09-01/第一编/第二章 (unnumbered headings use their title)."""
        parts = []
        node = self
        while node is not None:
            parts.append(node.label or node.title)
            node = node.parent
        return "/".join([self.version.key, *reversed(parts)])

    @property
    def display(self) -> str:
        return f"《{self.version.law.title}》{self.label or self.title}"


class Article(models.Model):
    version = models.ForeignKey(LawVersion, on_delete=models.CASCADE, related_name="articles")
    division = models.ForeignKey(Division, null=True, blank=True, on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveIntegerField("条序号")
    suffix = models.PositiveSmallIntegerField("之X", default=0, help_text="第二十条之一 → 1")
    position = models.PositiveIntegerField("顺序")
    label = models.CharField("条号", max_length=20)
    key = models.CharField("引用键", max_length=255, unique=True)
    text = models.TextField("条文")

    class Meta:
        verbose_name = "条文"
        verbose_name_plural = "条文"
        ordering = ["version_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number", "suffix"], name="law_article_unique_number"),
        ]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        return f"《{self.version.law.title}》{self.label}"


class Paragraph(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.PositiveSmallIntegerField("款序号")
    text = models.TextField("内容")

    class Meta:
        verbose_name = "款"
        verbose_name_plural = "款"
        ordering = ["article_id", "number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="law_paragraph_unique_number")]

    def __str__(self) -> str:
        return f"第{int_to_cn(self.number)}款"

    @property
    def key(self) -> str:
        return f"{self.article.key}/第{int_to_cn(self.number)}款"

    @property
    def display(self) -> str:
        return f"{self.article.display}第{int_to_cn(self.number)}款"


class Item(models.Model):
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField("项序号")
    text = models.TextField("内容")

    class Meta:
        verbose_name = "项"
        verbose_name_plural = "项"
        ordering = ["paragraph_id", "number"]
        constraints = [models.UniqueConstraint(fields=["paragraph", "number"], name="law_item_unique_number")]

    def __str__(self) -> str:
        return f"第{int_to_cn(self.number)}项"

    @property
    def key(self) -> str:
        return f"{self.paragraph.key}/第{int_to_cn(self.number)}项"

    @property
    def display(self) -> str:
        return f"{self.paragraph.display}第{int_to_cn(self.number)}项"


# ---------------------------------------------------------------------------------------------------------------
# Power list (权责清单)


class PowerCategory(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    LICENSING = "licensing", "行政许可"
    LEVY = "levy", "行政征收"
    BENEFIT = "benefit", "行政给付"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他"


class PowerState(models.TextChoices):
    ACTIVE = "active", "在用"
    SUSPENDED = "suspended", "暂停"
    RETIRED = "retired", "已取消"


class FineUnit(models.TextChoices):
    """How a fine is measured: a sum in yuan, or a multiple / percentage of a base (违法所得, 工程造价…)."""

    NONE = "", "无罚款"
    YUAN = "yuan", "元"
    MULTIPLE = "multiple", "倍（以计算基数计）"
    PERCENT = "percent", "%（以计算基数计）"


class PowerItem(models.Model):
    """The stable identity of one power (事项编码 within an implementing body). Its content lives in versions."""

    body = models.ForeignKey("org.Body", verbose_name="实施主体", on_delete=models.PROTECT, related_name="power_items")
    code = models.CharField("事项编码", max_length=40)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = "权责事项"
        verbose_name_plural = "权责清单"
        ordering = ["body_id", "code"]
        constraints = [models.UniqueConstraint(fields=["body", "code"], name="law_power_item_unique_code")]

    def __str__(self) -> str:
        current = self.current
        return f"{self.code} {current.name if current else ''}".strip()

    @property
    def current(self) -> "PowerItemVersion | None":
        cached = getattr(self, "_current", None)
        if cached is None:
            cached = self.versions.order_by("-number").first()
            self._current = cached
        return cached


class PowerItemVersion(models.Model):
    """One immutable state of a power item: what it is, who does it, on which articles, with which benchmark."""

    item = models.ForeignKey(PowerItem, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    name = models.CharField("事项名称", max_length=300)
    category = models.CharField("类别", max_length=16, choices=PowerCategory.choices)
    responsible_unit = models.CharField("承办机构", max_length=100, blank=True)
    devolved = models.BooleanField("赋权事项", default=False)
    devolving_document = models.CharField("赋权文件", max_length=300, blank=True)
    accountability = models.TextField("追责情形", blank=True)
    state = models.CharField("状态", max_length=16, choices=PowerState.choices, default=PowerState.ACTIVE)
    # The statutory range of the penalty provision (罚则), for penalty items.
    statutory_fine_unit = models.CharField(
        "法定罚款计量", max_length=10, choices=FineUnit.choices, blank=True, default=FineUnit.NONE
    )
    statutory_fine_base = models.CharField(
        "计算基数", max_length=100, blank=True, help_text="如：违法所得、建设工程造价"
    )
    statutory_fine_min = models.DecimalField("法定罚款下限", max_digits=14, decimal_places=2, null=True, blank=True)
    statutory_fine_max = models.DecimalField("法定罚款上限", max_digits=14, decimal_places=2, null=True, blank=True)
    statutory_other = models.CharField(
        "法定其他处罚种类", max_length=300, blank=True, help_text="以顿号分隔，如：警告、没收违法所得、责令停止建设"
    )
    change_note = models.CharField("变更说明", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("生成时间", default=timezone.now)

    class Meta:
        verbose_name = "权责事项版本"
        verbose_name_plural = "权责事项版本"
        ordering = ["item_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="law_power_version_unique_number"),
            models.CheckConstraint(
                condition=Q(statutory_fine_min__isnull=True)
                | Q(statutory_fine_max__isnull=True)
                | Q(statutory_fine_min__lte=F("statutory_fine_max")),
                name="law_power_statutory_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} {self.name}（第{self.number}版）"

    def articles_in_role(self, role: str) -> list[Article]:
        return [link.article for link in self.article_links.all() if link.role == role]

    @property
    def basis_articles(self):
        return self.articles_in_role(ArticleRole.BASIS)

    @property
    def violated_articles(self):
        return self.articles_in_role(ArticleRole.VIOLATED)

    @property
    def penalty_articles(self):
        return self.articles_in_role(ArticleRole.PENALTY)


class ArticleRole(models.TextChoices):
    BASIS = "basis", "设定依据"
    VIOLATED = "violated", "违则"
    PENALTY = "penalty", "罚则"


class PowerItemArticle(models.Model):
    """A power item version's link to an article, in one role. Points at a specific version of the article."""

    version = models.ForeignKey(PowerItemVersion, on_delete=models.CASCADE, related_name="article_links")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="power_links")
    role = models.CharField("作用", max_length=10, choices=ArticleRole.choices)
    paragraph = models.PositiveSmallIntegerField("款", null=True, blank=True)
    item = models.PositiveSmallIntegerField("项", null=True, blank=True)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "事项条文"
        verbose_name_plural = "事项条文"
        ordering = ["version_id", "role", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "role", "article", "paragraph", "item"], name="law_power_article_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.citation_display}"

    @property
    def citation_display(self) -> str:
        text = self.article.display
        if self.paragraph:
            text += f"第{int_to_cn(self.paragraph)}款"
        if self.item:
            text += f"第{int_to_cn(self.item)}项"
        return text

    @property
    def citation_key(self) -> str:
        key = self.article.key
        if self.paragraph:
            key += f"/第{int_to_cn(self.paragraph)}款"
        if self.item:
            key += f"/第{int_to_cn(self.item)}项"
        return key


class BenchmarkLevel(models.Model):
    """One ordered level of a discretion benchmark (裁量基准), e.g. 轻微, 一般, 较重, 严重."""

    version = models.ForeignKey(PowerItemVersion, on_delete=models.CASCADE, related_name="benchmark_levels")
    order = models.PositiveSmallIntegerField("档次")
    name = models.CharField("档次名称", max_length=20)
    conditions = models.TextField("适用情形")
    fine_min = models.DecimalField("罚款下限", max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField("罚款上限", max_digits=14, decimal_places=2, null=True, blank=True)
    other_penalties = models.CharField("其他处罚种类", max_length=300, blank=True)

    class Meta:
        verbose_name = "裁量档次"
        verbose_name_plural = "裁量基准"
        ordering = ["version_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="law_benchmark_level_order"),
            models.CheckConstraint(
                condition=Q(fine_min__isnull=True) | Q(fine_max__isnull=True) | Q(fine_min__lte=F("fine_max")),
                name="law_benchmark_level_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
