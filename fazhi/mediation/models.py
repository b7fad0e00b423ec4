"""人民调解 and the town's 矛盾纠纷"大调解" (人民调解法, 2010; 天津市矛盾纠纷多元化解条例, 2023).

Data and invariants only; every write goes through ``services`` (the steps on a dispute through core's step helper).
A party's personal data (name, identity number, telephone, address) lives in ``Party`` only: it never goes on the
chain, into a public page or into an export for someone without the 调解员 role (docs/mediation.md, ADR 0052).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class CommunityKind(models.TextChoices):
    VILLAGE = "village", "村"
    COMMUNITY = "community", "社区"


class Community(models.Model):
    """A village (村民委员会) or a residential community (居民委员会) of a town: where disputes arise."""

    body = models.ForeignKey("org.Body", verbose_name="所属镇街", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("村/社区", max_length=60)
    kind = models.CharField("类别", max_length=12, choices=CommunityKind.choices, default=CommunityKind.VILLAGE)

    class Meta:
        verbose_name = "村/社区"
        verbose_name_plural = "村/社区"
        ordering = ["body_id", "name"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="mediation_community_body_name")]

    def __str__(self) -> str:
        return self.name


class CommitteeKind(models.TextChoices):
    VILLAGE = "village", "村民委员会人民调解委员会"
    COMMUNITY = "community", "居民委员会人民调解委员会"
    TOWN = "town", "乡镇人民调解委员会"
    ENTERPRISE = "enterprise", "企业事业单位人民调解委员会"


class Committee(models.Model):
    """An 人民调解委员会 (人民调解法 第八条、第九条、第三十四条) and its current term."""

    body = models.ForeignKey("org.Body", verbose_name="所属镇街", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=12, choices=CommitteeKind.choices)
    community = models.ForeignKey(
        Community, verbose_name="村/社区", null=True, blank=True, on_delete=models.PROTECT, related_name="committees"
    )
    term_start = models.DateField("本届任期起")
    term_end = models.DateField("本届任期止")
    address = models.CharField("办公地址", max_length=200, blank=True)
    registered_on = models.DateField("登记日期")

    class Meta:
        verbose_name = "人民调解委员会"
        verbose_name_plural = "人民调解委员会"
        ordering = ["body_id", "name"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="mediation_committee_body_name")]

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    MALE = "m", "男"
    FEMALE = "f", "女"


class MemberRole(models.TextChoices):
    CHAIR = "chair", "主任"
    VICE_CHAIR = "vice_chair", "副主任"
    MEMBER = "member", "委员"
    HIRED = "hired", "聘任调解员"


COMMITTEE_ROLES = (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER)


class Member(models.Model):
    """A person on the 名册: a committee member (第九条) or a mediator the committee hired (第十三条).

    The roll (name, gender, role, term) is public (天津市矛盾纠纷多元化解条例 第四十三条); the telephone is not.
    ``user``: the member's login, when they take steps in the platform as 调解员.
    """

    committee = models.ForeignKey(
        Committee, verbose_name="调解委员会", on_delete=models.PROTECT, related_name="members"
    )
    name = models.CharField("姓名", max_length=40)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    role = models.CharField("职务", max_length=12, choices=MemberRole.choices)
    ethnic_minority = models.BooleanField("少数民族", default=False)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登录账号", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    active = models.BooleanField("在任", default=True)

    class Meta:
        verbose_name = "调解员"
        verbose_name_plural = "调解员名册"
        ordering = ["committee_id", "role", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"


class DisputeKind(models.TextChoices):
    NEIGHBOUR = "neighbour", "邻里纠纷"
    FAMILY = "family", "婚姻家庭纠纷"
    LABOUR_PAY = "labour_pay", "劳动报酬纠纷"
    LAND = "land", "土地承包经营纠纷"
    HOMESTEAD = "homestead", "宅基地纠纷"
    CONTRACT = "contract", "合同纠纷"
    DAMAGE = "damage", "损害赔偿纠纷"
    PROPERTY = "property", "物业纠纷"
    OTHER = "other", "其他纠纷"


class Source(models.TextChoices):
    """How the matter reached the centre (人民调解法 第十七条、第十八条; 天津条例 第十二条)."""

    APPLICATION = "application", "当事人申请"
    INITIATIVE = "initiative", "主动调解"
    COURT = "court", "人民法院委派"
    POLICE = "police", "公安机关委派"
    PETITION = "petition", "信访部门转交"
    SCREENING = "screening", "排查发现"


class Risk(models.TextChoices):
    LOW = "low", "一般"
    MEDIUM = "medium", "较大"
    HIGH = "high", "重大（可能激化）"


class DisputeStatus(models.TextChoices):
    REGISTERED = "registered", "已登记，待征求当事人意见"
    MEDIATING = "mediating", "调解中"
    REFUSED = "refused", "当事人拒绝调解"
    AGREED = "agreed", "调解成功"
    FAILED = "failed", "调解不成"
    REFERRED = "referred", "移交处理"


OPEN_STATUSES = (DisputeStatus.REGISTERED, DisputeStatus.MEDIATING)
CLOSED_STATUSES = (DisputeStatus.REFUSED, DisputeStatus.AGREED, DisputeStatus.FAILED, DisputeStatus.REFERRED)


class Dispute(models.Model):
    """One matter registered at the town's 矛盾纠纷调处化解中心 ("一门受理登记", 天津条例 第十条、第十二条)."""

    body = models.ForeignKey("org.Body", verbose_name="受理镇街", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("登记号", max_length=40)
    registered_on = models.DateField("登记日期")
    occurred_on = models.DateField("纠纷发生日期", null=True, blank=True)
    kind = models.CharField("纠纷类型", max_length=16, choices=DisputeKind.choices)
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    community = models.ForeignKey(Community, verbose_name="村/社区", on_delete=models.PROTECT, related_name="+")
    risk = models.CharField("风险等级", max_length=8, choices=Risk.choices, default=Risk.LOW)
    summary = models.TextField("纠纷简要情况")
    status = models.CharField("状态", max_length=12, choices=DisputeStatus.choices, default=DisputeStatus.REGISTERED)
    committee = models.ForeignKey(
        Committee, verbose_name="调解委员会", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mediator = models.ForeignKey(
        Member, verbose_name="调解员", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mediator_choice = models.CharField("调解员产生方式", max_length=20, blank=True)
    accepted_on = models.DateField("受理调解日期", null=True, blank=True)
    public_session = models.BooleanField("公开调解", default=False)
    reported_on = models.DateField("报告公安机关日期", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    end_reason = models.TextField("办结说明", blank=True)
    routes_told = models.CharField("告知的救济途径", max_length=200, blank=True)
    referred_to = models.CharField("移交单位", max_length=100, blank=True)
    confirmation_applied_on = models.DateField("申请司法确认日期", null=True, blank=True)
    confirmation_court = models.CharField("受理司法确认的法院", max_length=100, blank=True)

    class Meta:
        verbose_name = "矛盾纠纷"
        verbose_name_plural = "矛盾纠纷"
        ordering = ["-registered_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="mediation_dispute_body_number"),
            models.CheckConstraint(condition=Q(status__in=DisputeStatus.values), name="mediation_dispute_status"),
        ]
        indexes = [
            models.Index(fields=["body", "registered_on"]),
            models.Index(fields=["body", "status"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class Side(models.TextChoices):
    APPLICANT = "a", "申请方"
    RESPONDENT = "b", "被申请方"


class Consent(models.TextChoices):
    PENDING = "pending", "尚未表态"
    AGREED = "agreed", "同意调解"
    REFUSED = "refused", "拒绝调解"


class Party(models.Model):
    """A party to a dispute: private data, shown only to 调解员 in scope (人民调解法 第十五条第（四）项)."""

    dispute = models.ForeignKey(Dispute, verbose_name="纠纷", on_delete=models.PROTECT, related_name="parties")
    side = models.CharField("一方", max_length=1, choices=Side.choices)
    name = models.CharField("姓名或名称", max_length=80)
    id_number = models.CharField("身份证件号码", max_length=30, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("住址", max_length=200, blank=True)
    consent = models.CharField("是否同意调解", max_length=8, choices=Consent.choices, default=Consent.PENDING)
    consent_on = models.DateField("表态日期", null=True, blank=True)

    class Meta:
        verbose_name = "当事人"
        verbose_name_plural = "当事人"
        ordering = ["dispute_id", "side", "id"]

    def __str__(self) -> str:
        return f"{self.get_side_display()}当事人#{self.pk}"


class Session(models.Model):
    """One mediation session and its record (调解工作记录, 人民调解法 第二十七条)."""

    dispute = models.ForeignKey(Dispute, verbose_name="纠纷", on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField("调解日期")
    place = models.CharField("地点", max_length=100)
    mediator = models.ForeignKey(Member, verbose_name="调解员", on_delete=models.PROTECT, related_name="+")
    record = models.TextField("调解记录")

    class Meta:
        verbose_name = "调解记录"
        verbose_name_plural = "调解记录"
        ordering = ["dispute_id", "held_on", "id"]

    def __str__(self) -> str:
        return f"调解记录#{self.pk}（{self.held_on}）"


class Recusal(models.Model):
    """A mediator replaced on a party's request or of their own motion (第二十条、第二十三条: the party's choice)."""

    dispute = models.ForeignKey(Dispute, verbose_name="纠纷", on_delete=models.PROTECT, related_name="recusals")
    mediator = models.ForeignKey(Member, verbose_name="回避的调解员", on_delete=models.PROTECT, related_name="+")
    replacement = models.ForeignKey(Member, verbose_name="更换后的调解员", on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField("更换日期")
    reason = models.CharField("理由", max_length=200)

    class Meta:
        verbose_name = "调解员回避"
        verbose_name_plural = "调解员回避"

    def __str__(self) -> str:
        return f"回避#{self.pk}（{self.decided_on}）"


class AgreementForm(models.TextChoices):
    WRITTEN = "written", "书面调解协议书"
    ORAL = "oral", "口头协议"


class Agreement(models.Model):
    """The agreement that ends a successful mediation (人民调解法 第二十八条至第三十条).

    A written one carries the three elements of 第二十九条 and takes effect when signed by the parties and the
    mediator with the committee's seal; an oral one takes effect when reached (第三十条) and is recorded.
    """

    dispute = models.OneToOneField(Dispute, verbose_name="纠纷", on_delete=models.PROTECT, related_name="agreement")
    number = models.CharField("协议书编号", max_length=40, blank=True)
    form = models.CharField("形式", max_length=8, choices=AgreementForm.choices)
    facts = models.TextField("纠纷的主要事实、争议事项", blank=True)
    responsibilities = models.TextField("各方当事人的责任", blank=True)
    terms = models.TextField("协议内容")
    performance_method = models.CharField("履行方式", max_length=200, blank=True)
    performance_due = models.DateField("履行期限", null=True, blank=True)
    performance_place = models.CharField("履行地点", max_length=100, blank=True)
    effective_on = models.DateField("生效日期")
    copies = models.PositiveSmallIntegerField("份数", default=0)
    document_sm3 = models.CharField("协议书 SM3", max_length=64, blank=True)

    class Meta:
        verbose_name = "调解协议"
        verbose_name_plural = "调解协议"

    def __str__(self) -> str:
        return self.number or f"口头协议#{self.pk}"


class FollowUpKind(models.TextChoices):
    PERFORMANCE = "performance", "履行情况检查"
    REVISIT = "revisit", "回访"


class Performance(models.TextChoices):
    DONE = "done", "已履行"
    PARTLY = "partly", "部分履行"
    NOT_YET = "not_yet", "尚未到期"
    REFUSED = "refused", "拒不履行"


class FollowUp(models.Model):
    """The committee supervises performance (第三十一条第二款) and revisits the parties."""

    dispute = models.ForeignKey(Dispute, verbose_name="纠纷", on_delete=models.PROTECT, related_name="follow_ups")
    kind = models.CharField("类别", max_length=12, choices=FollowUpKind.choices)
    on = models.DateField("日期")
    performance = models.CharField("履行情况", max_length=8, choices=Performance.choices)
    note = models.TextField("情况说明", blank=True)

    class Meta:
        verbose_name = "履行检查与回访"
        verbose_name_plural = "履行检查与回访"
        ordering = ["dispute_id", "on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}#{self.pk}（{self.on}）"


class Screening(models.Model):
    """One 排查 round (天津条例 第十九条、第二十条): the open risks listed on that day, as they stood."""

    body = models.ForeignKey("org.Body", verbose_name="镇街", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("排查日期")
    scope = models.CharField("排查范围", max_length=200)
    findings = models.TextField("研判意见", blank=True)
    risks = models.JSONField("在册风险", default=list, help_text="[{dispute_id, number, risk, kind, community}]")

    class Meta:
        verbose_name = "矛盾纠纷排查"
        verbose_name_plural = "矛盾纠纷排查"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"排查（{self.held_on}）"
