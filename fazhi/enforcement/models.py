"""Administrative penalty cases (行政处罚案件) under the three systems: the case and everything recorded on it.

Workflow lives in services.py; the status and its one transition table live in workflow.py. Derived states (overdue,
window still open) come from the deadline table, never from ``status``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.enforcement.workflow import Outcome, Procedure, Status


class LeadSource(models.TextChoices):
    PATROL = "patrol", "巡查发现"
    COMPLAINT = "complaint", "投诉举报"
    TRANSFER = "transfer", "移送"
    ASSIGNED = "assigned", "上级交办"
    PLATFORM = "platform", "监督平台下派"


class PartyKind(models.TextChoices):
    PERSON = "person", "公民"
    ORGANISATION = "organisation", "法人或者其他组织"


class Case(models.Model):
    """One penalty case from lead (案源) to archive (归档)."""

    body = models.ForeignKey("org.Body", verbose_name="办案机关", on_delete=models.PROTECT, related_name="+")
    procedure = models.CharField("程序", max_length=16, choices=Procedure.choices, default=Procedure.ORDINARY)
    status = models.CharField("状态", max_length=24, choices=Status.choices, default=Status.LEAD)
    # 案源 (lead)
    source = models.CharField("案源", max_length=16, choices=LeadSource.choices)
    title = models.CharField("案由", max_length=200)
    description = models.TextField("案源情况")
    place = models.CharField("地点", max_length=200)
    discovered_on = models.DateField("发现日期")
    reporter = models.CharField("举报人/移送单位", max_length=200, blank=True)
    act_date = models.DateField("违法行为发生（或终了）日期")
    act_continuing = models.BooleanField("违法行为有连续或者继续状态", default=False)
    life_or_finance_harm = models.BooleanField("涉及公民生命健康安全、金融安全且有危害后果", default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField("登记时间", default=timezone.now)
    # 当事人 (party)
    party_kind = models.CharField("当事人类别", max_length=16, choices=PartyKind.choices)
    party_name = models.CharField("当事人姓名或名称", max_length=200)
    party_id_number = models.CharField("身份证号码/统一社会信用代码", max_length=40, blank=True)
    party_address = models.CharField("住所或地址", max_length=255, blank=True)
    party_phone = models.CharField("联系电话", max_length=40, blank=True)
    party_representative = models.CharField("法定代表人/负责人", max_length=100, blank=True)
    # 承办人员 (handling officers) and 立案
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="承办人员", related_name="enforcement_cases"
    )
    number = models.CharField("案号", max_length=60, blank=True, db_index=True)
    filing_requested_on = models.DateField("提请立案日期", null=True, blank=True)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    filing_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="立案批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    filing_opinion = models.TextField("立案审批意见", blank=True)
    not_filed_reason = models.TextField("不予立案理由", blank=True)
    # 调查终结与处理建议 (proposal)
    power_version = models.ForeignKey(
        "law.PowerItemVersion",
        verbose_name="权责事项（版本）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    benchmark_level = models.ForeignKey(
        "law.BenchmarkLevel", verbose_name="裁量档次", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_on = models.DateField("调查终结日期", null=True, blank=True)
    facts = models.TextField("违法事实", blank=True)
    evidence_summary = models.TextField("证据及证明事项", blank=True)
    proposed_outcome = models.CharField("建议处理", max_length=16, choices=Outcome.choices, blank=True)
    penalty_kinds = models.CharField("处罚种类", max_length=200, blank=True, help_text="以顿号分隔，如：警告、罚款")
    fine_amount = models.DecimalField("罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    confiscation_amount = models.DecimalField(
        "没收违法所得、非法财物（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    outside_level_reason = models.TextField("超出裁量档次的理由", blank=True)
    lighter_grounds = models.TextField("从轻、减轻情节（第三十二条）", blank=True)
    no_penalty_ground = models.TextField("不予处罚情形（第三十三条）", blank=True)
    serious = models.BooleanField("情节复杂或者重大违法行为（须集体讨论）", default=False)
    major_public_interest = models.BooleanField("涉及重大公共利益", default=False)
    difficult = models.BooleanField("案件情况疑难复杂、涉及多个法律关系", default=False)
    # 事先告知 and the party's rights
    notice_number = models.CharField("告知书文号", max_length=60, blank=True)
    notified_on = models.DateField("告知送达日期", null=True, blank=True)
    hearing_eligible = models.BooleanField("属于听证范围", default=False)
    rights_waived_on = models.DateField("放弃陈述申辩日期", null=True, blank=True)
    # 决定
    decision_number = models.CharField("决定书文号", max_length=60, blank=True, db_index=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="决定人（机关负责人）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField("处理决定", max_length=16, choices=Outcome.choices, blank=True)
    decision_text = models.TextField("处罚内容", blank=True)
    # 送达与执行
    served_on = models.DateField("送达日期", null=True, blank=True)
    payment_due_on = models.DateField("缴款期限", null=True, blank=True)
    paid_amount = models.DecimalField("已缴罚款（元）", max_digits=14, decimal_places=2, default=0)
    surcharge_paid = models.DecimalField("已缴加处罚款（元）", max_digits=14, decimal_places=2, default=0)
    executed_on = models.DateField("执行完毕日期", null=True, blank=True)
    court_applied_on = models.DateField("申请法院强制执行日期", null=True, blank=True)
    # 结案、归档、备案
    closed_on = models.DateField("结案日期", null=True, blank=True)
    closing_report = models.TextField("结案报告", blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    archive_index = models.JSONField("卷内目录", default=list)
    filed_with_body_on = models.DateField("备案日期", null=True, blank=True)
    major_filed_on = models.DateField("重大执法决定备案日期", null=True, blank=True)

    class Meta:
        verbose_name = "行政处罚案件"
        verbose_name_plural = "行政处罚案件"
        ordering = ["-discovered_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="enforcement_case_status"),
            models.CheckConstraint(condition=Q(procedure__in=Procedure.values), name="enforcement_case_procedure"),
            models.CheckConstraint(
                condition=Q(fine_amount__isnull=True) | Q(fine_amount__gte=0), name="enforcement_case_fine_nonneg"
            ),
            models.UniqueConstraint(
                fields=["body", "decision_number"],
                condition=~Q(decision_number=""),
                name="enforcement_case_decision_number",
            ),
            models.UniqueConstraint(fields=["body", "number"], condition=~Q(number=""), name="enforcement_case_number"),
        ]
        indexes = [
            models.Index(fields=["body", "status"]),
            models.Index(fields=["body", "-discovered_on"]),
            # my_cases' "registered by me" half: read backwards in (discovered_on, id) order and stopped at the page
            # limit instead of sorting all of an officer's cases (bench/results/my_cases_*.md, ADR 0066).
            models.Index(fields=["registered_by", "discovered_on", "id"], name="case_registered_recent_idx"),
            # 公示监督's "decided without a publication record" (ADR 0083): the decided cases' ids, oldest first, read
            # from this index alone and stopped once the page's limit of them has no record.
            models.Index(
                fields=["decided_on", "id", "body"],
                condition=Q(decided_on__isnull=False) & ~Q(decision_number=""),
                name="case_decided_order_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or '案源'} {self.title}"

    @property
    def label(self) -> str:
        return f"{self.number or '（未立案）'} {self.party_name}{self.title}"


class ActKind(models.TextChoices):
    INQUIRY = "inquiry", "询问"
    INSPECTION = "inspection", "现场检查"
    SURVEY = "survey", "勘验"
    SAMPLING = "sampling", "抽样取证"
    PRESERVATION = "preservation", "先行登记保存"
    SEIZURE = "seizure", "查封、扣押"
    DEMOLITION = "demolition", "强制拆除"
    OTHER = "other", "其他调查取证"


# 国办发〔2018〕118号 (八): whole-process audio-video recording is required for these acts …
RECORDING_REQUIRED = {ActKind.SEIZURE, ActKind.DEMOLITION}


class InvestigationAct(models.Model):
    """An inquiry, inspection, site record or evidence act, by ≥ 2 certified officers (第四十二条、第五十五条)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="acts")
    kind = models.CharField("类别", max_length=16, choices=ActKind.choices)
    on = models.DateField("日期")
    place = models.CharField("地点", max_length=200)
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="执法人员", related_name="+")
    person = models.CharField("被询问人/在场人", max_length=200, blank=True)
    content = models.TextField("笔录内容")
    certificates_shown = models.BooleanField("已出示执法证件", default=True)
    signed = models.BooleanField("当事人已签名确认", default=True)
    refusal_note = models.CharField("拒绝签名情况", max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    # 查封、扣押 (行政强制法 第二十五条、第二十七条、第二十八条): ended by a handling decision or release.
    ended_on = models.DateField("查封、扣押解除或处理日期", null=True, blank=True)
    handling = models.CharField("处理决定", max_length=500, blank=True)

    class Meta:
        verbose_name = "调查取证活动"
        verbose_name_plural = "调查取证活动"
        ordering = ["case_id", "on", "id"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class EvidenceKind(models.TextChoices):
    """行政处罚法 第四十六条: the eight kinds of evidence."""

    DOCUMENT = "document", "书证"
    PHYSICAL = "physical", "物证"
    AUDIOVISUAL = "audiovisual", "视听资料"
    ELECTRONIC = "electronic", "电子数据"
    WITNESS = "witness", "证人证言"
    PARTY_STATEMENT = "party_statement", "当事人的陈述"
    EXPERT_OPINION = "expert_opinion", "鉴定意见"
    RECORD = "record", "勘验笔录、现场笔录"


class Evidence(models.Model):
    """One evidence item, its file stored by content hash (SM3) through Django storage and named on the chain."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence")
    act = models.ForeignKey(InvestigationAct, null=True, blank=True, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField("证据种类", max_length=20, choices=EvidenceKind.choices)
    title = models.CharField("证据名称", max_length=200)
    proves = models.CharField("证明事项", max_length=255, blank=True)
    collected_on = models.DateField("取得日期")
    is_recording = models.BooleanField("执法音像记录", default=False)
    file_name = models.CharField("存储名", max_length=255)
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sm3 = models.CharField("SM3", max_length=64)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "证据"
        verbose_name_plural = "证据"
        ordering = ["case_id", "collected_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


class Recusal(models.Model):
    """A 回避 application and the 负责人's decision (第四十三条). The investigation continues meanwhile."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="recusals")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请回避的人员", on_delete=models.PROTECT, related_name="+"
    )
    applicant = models.CharField("申请人", max_length=100)
    reason = models.TextField("理由")
    granted = models.BooleanField("决定回避")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="决定人", on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField("决定日期")

    class Meta:
        verbose_name = "回避"
        verbose_name_plural = "回避"
        ordering = ["case_id", "decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.decided_on} 回避申请（{'准予' if self.granted else '驳回'}）"


class Preservation(models.Model):
    """先行登记保存 (第五十六条): approved by the 负责人, with a handling decision due in 7 working days."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="preservations")
    items = models.TextField("物品清单")
    on = models.DateField("保存日期")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    handled_on = models.DateField("处理决定日期", null=True, blank=True)
    handling = models.TextField("处理决定", blank=True)

    class Meta:
        verbose_name = "先行登记保存"
        verbose_name_plural = "先行登记保存"
        ordering = ["case_id", "on", "id"]

    def __str__(self) -> str:
        return f"{self.on} 先行登记保存"


class Statement(models.Model):
    """The party's 陈述、申辩 and the agency's 复核 (第四十五条: adopt valid points; no heavier penalty for defending)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="statements")
    on = models.DateField("日期")
    content = models.TextField("陈述申辩内容")
    adopted = models.BooleanField("予以采纳")
    reply = models.TextField("复核意见")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "陈述申辩"
        verbose_name_plural = "陈述申辩"
        ordering = ["case_id", "on", "id"]

    def __str__(self) -> str:
        return f"{self.on} 陈述申辩"


class Hearing(models.Model):
    """听证 (第六十三至六十五条)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="hearing")
    requested_on = models.DateField("申请听证日期")
    notice_number = models.CharField("听证通知书文号", max_length=60, blank=True)
    notified_on = models.DateField("通知日期", null=True, blank=True)
    scheduled_on = models.DateField("听证日期", null=True, blank=True)
    place = models.CharField("听证地点", max_length=200, blank=True)
    public = models.BooleanField("公开举行", default=True)
    presiding = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="主持人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField("举行日期", null=True, blank=True)
    party_attended = models.BooleanField("当事人到场", default=True)
    record = models.TextField("听证笔录", blank=True)
    party_signed = models.BooleanField("当事人签字", default=False)
    refusal_note = models.CharField("拒绝签字情况", max_length=255, blank=True)
    presiding_opinion = models.TextField("主持人意见", blank=True)

    class Meta:
        verbose_name = "听证"
        verbose_name_plural = "听证"

    def __str__(self) -> str:
        return f"听证（申请于 {self.requested_on}）"


class Deliberation(models.Model):
    """集体讨论 (第五十七条第二款): date, attendees, opinions including dissent, conclusion."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="deliberations")
    held_on = models.DateField("日期")
    place = models.CharField("地点", max_length=200, blank=True)
    presider = models.CharField("主持人", max_length=100, blank=True)
    recorder = models.CharField("记录人", max_length=100, blank=True)
    attendees = models.JSONField("参加人员", default=list)
    opinions = models.JSONField("讨论意见", default=list, help_text='[{"name": …, "opinion": …, "dissent": bool}]')
    conclusion = models.TextField("讨论结论")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "集体讨论"
        verbose_name_plural = "集体讨论"
        ordering = ["case_id", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on} 集体讨论"


class ServiceMethod(models.TextChoices):
    ON_THE_SPOT = "on_the_spot", "当场交付"
    DIRECT = "direct", "直接送达"
    LEFT = "left", "留置送达"
    POST = "post", "邮寄送达"
    PUBLIC_NOTICE = "public_notice", "公告送达"
    ELECTRONIC = "electronic", "电子送达"


# 118号 (八): these service methods are dispute-prone; a recording is advised.
RECORDING_ADVISED_SERVICE = {ServiceMethod.LEFT, ServiceMethod.PUBLIC_NOTICE}


class Service(models.Model):
    """送达 of the decision (第六十一条), with its proof."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="services")
    method = models.CharField("送达方式", max_length=16, choices=ServiceMethod.choices)
    served_on = models.DateField("送达日期", help_text="公告送达的，为视为送达之日")
    published_on = models.DateField("公告发出日期", null=True, blank=True)
    recipient = models.CharField("受送达人/签收人", max_length=100)
    place = models.CharField("送达地点", max_length=200, blank=True)
    consent = models.ForeignKey(
        Evidence, verbose_name="电子送达确认书", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proof = models.CharField("送达回证/凭证", max_length=255)
    witnesses = models.CharField("见证人", max_length=200, blank=True)
    warnings = models.JSONField("提示", default=list)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "送达"
        verbose_name_plural = "送达"
        ordering = ["case_id", "served_on", "id"]

    def __str__(self) -> str:
        return f"{self.served_on} {self.get_method_display()}"


class RemedyKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION = "litigation", "行政诉讼"


class Remedy(models.Model):
    """A 复议 or 诉讼 against the decision: the surcharge is not counted while it runs (第七十三条第三款)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="remedies")
    kind = models.CharField("类别", max_length=20, choices=RemedyKind.choices)
    started_on = models.DateField("申请/起诉日期")
    ended_on = models.DateField("终结日期", null=True, blank=True)
    result = models.CharField("结果", max_length=200, blank=True)

    class Meta:
        verbose_name = "复议诉讼"
        verbose_name_plural = "复议诉讼"
        ordering = ["case_id", "started_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.started_on}）"


class CollectionGround(models.TextChoices):
    """Why an officer may collect a fine on the spot instead of at the bank (罚缴分离 exceptions)."""

    SMALL = "small", "依法给予一百元以下罚款（第六十八条第（一）项）"
    HARD_TO_ENFORCE = "hard_to_enforce", "不当场收缴事后难以执行（第六十八条第（二）项）"
    REMOTE = "remote", "边远、水上、交通不便地区，当事人到银行缴纳确有困难并提出（第六十九条）"


class Payment(models.Model):
    """A payment of the fine (and of any surcharge) at the designated bank (罚缴分离, 第六十七条), or collected on the
    spot (第六十八条、第六十九条) — then handed to the agency and paid into the bank, each within 2 days (第七十一条)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField("缴款日期")
    amount = models.DecimalField("罚款（元）", max_digits=14, decimal_places=2)
    surcharge = models.DecimalField("加处罚款（元）", max_digits=14, decimal_places=2, default=0)
    receipt = models.CharField("缴款凭证号", max_length=100)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    collection_ground = models.CharField(
        "当场收缴的情形", max_length=20, choices=CollectionGround.choices, blank=True, help_text="空白表示到银行缴纳"
    )
    collection_note = models.CharField("当场收缴的情况说明", max_length=500, blank=True)
    handed_in_on = models.DateField("交至行政机关日期", null=True, blank=True)
    banked_on = models.DateField("缴付指定银行日期", null=True, blank=True)

    class Meta:
        verbose_name = "缴款"
        verbose_name_plural = "缴款"
        ordering = ["case_id", "paid_on", "id"]

    def __str__(self) -> str:
        return f"{self.paid_on} 缴款 {self.amount} 元"

    @property
    def collected_on_spot(self) -> bool:
        return bool(self.collection_ground)


class DocumentKind(models.TextChoices):
    FILING_APPROVAL = "filing_approval", "立案审批表"
    INQUIRY_RECORD = "inquiry_record", "询问笔录"
    INSPECTION_RECORD = "inspection_record", "现场检查笔录"
    PRIOR_NOTICE = "prior_notice", "行政处罚事先告知书"
    HEARING_NOTICE = "hearing_notice", "听证通知书"
    HEARING_RECORD = "hearing_record", "听证笔录"
    REVIEW_OPINION = "review_opinion", "法制审核意见书"
    DELIBERATION_RECORD = "deliberation_record", "集体讨论记录"
    DECISION = "decision", "行政处罚决定书"
    SERVICE_RECEIPT = "service_receipt", "送达回证"
    CLOSING_REPORT = "closing_report", "结案报告"
    CASE_FILE_INDEX = "case_file_index", "卷内目录"
    SUMMARY_DECISION = "summary_decision", "当场行政处罚决定书"


class CaseDocument(models.Model):
    """A generated document (.docx, GB/T 9704), stored by content hash; a regenerated one is a new row."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("文书", max_length=24, choices=DocumentKind.choices)
    source_id = models.CharField("所依据的记录", max_length=40, blank=True, help_text="如询问笔录、审核轮次的编号")
    number = models.CharField("文号", max_length=60, blank=True)
    title = models.CharField("标题", max_length=200)
    file_name = models.CharField("存储名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）")
    sm3 = models.CharField("SM3", max_length=64)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    generated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "执法文书"
        verbose_name_plural = "执法文书"
        ordering = ["case_id", "generated_at", "id"]

    def __str__(self) -> str:
        return self.title
