"""Government information disclosure (政府信息公开条例, 2019): requests, proactive catalogue, guide, annual report.

Data and invariants only; every write goes through the services package. Numbers (登记号, 答复书文号, 索引号) come
from core's counter (``fazhi.core.numbering``). Derived states (overdue, due soon) come from the shared Deadline
table in core, never from `status`.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from fazhi.disclosure.outcomes import OUTCOME_CHOICES


class ApplicantType(models.TextChoices):
    """Columns of report table 三 (国办公开办函〔2021〕30号)."""

    NATURAL = "natural", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"


class Channel(models.TextChoices):
    """How the request reached the office; decides the receipt date (第三十一条)."""

    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    REGISTERED_POST = "registered_post", "邮寄（需签收）"
    ORDINARY_POST = "ordinary_post", "平常信函"
    FAX = "fax", "传真"
    ORAL = "oral", "口头提出（工作机构代为填写）"


class IdDocument(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    OTHER_PERSONAL = "other_personal", "其他有效身份证件"
    CREDIT_CODE = "credit_code", "统一社会信用代码证明（营业执照等）"
    OTHER_ORG = "other_org", "其他组织身份证明"


class DeliveryForm(models.TextChoices):
    """形式要求 (第二十九条第（三）项, 第四十条)."""

    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文本"
    INSPECT = "inspect", "当场查阅、抄录"


class DeliveryMethod(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上获取"


class RequestStatus(models.TextChoices):
    AWAITING_RECEIPT = "awaiting_receipt", "待确认收到"
    IN_PROGRESS = "in_progress", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待申请人补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴纳信息处理费"
    ANSWERED = "answered", "已答复"
    ABANDONED = "abandoned", "视为放弃申请"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费，不再处理"


CLOSED_STATUSES = (RequestStatus.ANSWERED, RequestStatus.ABANDONED, RequestStatus.FEE_LAPSED)


class DisclosureRequest(models.Model):
    """One application for government information (依申请公开), from intake to its closing outcome."""

    body = models.ForeignKey("org.Body", verbose_name="受理机关", on_delete=models.PROTECT, related_name="+")
    number = models.CharField("登记号", max_length=40)
    lookup_code = models.CharField("查询码", max_length=20, unique=True)
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    contact_person = models.CharField("联系人（法人或其他组织）", max_length=50, blank=True)
    id_document_type = models.CharField("身份证明类型", max_length=20, choices=IdDocument.choices)
    id_document_number = models.CharField("身份证明号码", max_length=40)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", max_length=100, blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    description = models.TextField("所需信息的名称或特征性描述", max_length=2000)
    document_number = models.CharField("所需信息的文号", max_length=100, blank=True)
    delivery_form = models.CharField("信息载体形式", max_length=20, choices=DeliveryForm.choices)
    delivery_method = models.CharField("获取方式", max_length=20, choices=DeliveryMethod.choices)
    oral_record = models.TextField("口头申请记录", blank=True, max_length=2000)
    submitted_on = models.DateField("提交（到达）日期")
    received_on = models.DateField("收到申请之日", null=True, blank=True)
    # 第三十一条: the day the office confirmed with the applicant (ordinary letter, internet, fax). For an ordinary
    # letter the receipt date stays the arrival day even when the confirmation came later (ADR 0012).
    confirmed_on = models.DateField("与申请人确认日期", null=True, blank=True)
    receipt_basis = models.CharField("收到日期依据", max_length=300, blank=True)
    # The answer clock starts here: received_on, or the day the corrected request arrived (第三十条).
    clock_start = models.DateField("答复期限起算日", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=24, choices=RequestStatus.choices, default=RequestStatus.AWAITING_RECEIPT, db_index=True
    )
    extension_days = models.PositiveSmallIntegerField("延长工作日数", default=0)
    extension_reason = models.CharField("延长理由", max_length=300, blank=True)
    extension_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="延长批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    extension_on = models.DateField("延长决定日期", null=True, blank=True)
    extension_notified_on = models.DateField("延期告知申请人日期", null=True, blank=True)
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="disclosure_request_number_unique"),
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="disclosure_request_status_known"
            ),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=F("submitted_on")),
                name="disclosure_request_received_after_submitted",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("submitted_on")),
                name="disclosure_request_closed_after_submitted",
            ),
            # 第三十三条第二款: one extension of at most 20 working days.
            models.CheckConstraint(condition=Q(extension_days__lte=20), name="disclosure_request_extension_max_20"),
            models.CheckConstraint(
                condition=(Q(closed_on__isnull=True) & Q(outcome="")) | (Q(closed_on__isnull=False) & ~Q(outcome="")),
                name="disclosure_request_outcome_iff_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["body", "status"]),
            models.Index(fields=["body", "received_on"]),
            models.Index(fields=["body", "closed_on", "applicant_type", "outcome"]),
        ]

    def __str__(self) -> str:
        return f"依申请公开 {self.number}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class Correction(models.Model):
    """The one-time correction notice (补正告知, 第三十条). One row per request enforces "once"."""

    request = models.OneToOneField(DisclosureRequest, verbose_name="申请", on_delete=models.PROTECT)
    requested_on = models.DateField("告知补正日期")
    items = models.TextField("需要补正的事项", max_length=2000)
    due_on = models.DateField("补正期限")
    received_on = models.DateField("收到补正日期", null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "补正告知"
        verbose_name_plural = "补正告知"
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gt=F("requested_on")), name="disclosure_correction_due_after"),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=F("requested_on")),
                name="disclosure_correction_received_after",
            ),
        ]

    def __str__(self) -> str:
        return f"补正告知（{self.request.number}）"


class ThirdPartyReply(models.TextChoices):
    """The answer of whoever was consulted (第三十二条 a third party, 第三十四条 another agency)."""

    CONSENT = "consent", "同意公开"
    OBJECT = "object", "不同意公开"
    SILENT = "silent", "逾期未提出意见"


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方（第三十二条）"
    AGENCY = "agency", "相关行政机关（第三十四条）"


class LetterDelivery(models.TextChoices):
    """How the 征求意见书 reached the one consulted; decides its receipt date the way 第三十一条 does for a request."""

    IN_PERSON = "in_person", "当面送交"
    REGISTERED_POST = "registered_post", "邮寄（需签收）"
    ORDINARY_POST = "ordinary_post", "平常信函"
    ELECTRONIC = "electronic", "电子邮件、传真等数据电文"


class Consultation(models.Model):
    """Written consultation of a third party (第三十二条) or of the agencies that made the information with this one
    (第三十四条). The one consulted has 15 working days from receiving the letter; the answer clock stops from the
    sending to the reply or the end of those days (第三十三条第三款)."""

    request = models.ForeignKey(
        DisclosureRequest, verbose_name="申请", on_delete=models.PROTECT, related_name="consultations"
    )
    kind = models.CharField(
        "征求对象类别", max_length=16, choices=ConsultationKind.choices, default=ConsultationKind.THIRD_PARTY
    )
    third_party = models.CharField("被征求意见方", max_length=100)
    matter = models.TextField("征求意见事项", max_length=2000)
    sent_on = models.DateField("发出征求意见书日期")
    delivery = models.CharField("送达方式", max_length=20, choices=LetterDelivery.choices, blank=True)
    received_on = models.DateField("收到征求意见书日期", null=True, blank=True)
    receipt_basis = models.CharField("收到日期依据", max_length=200, blank=True)
    reply_due = models.DateField("提出意见期限", null=True, blank=True)
    replied_on = models.DateField("结束日期", null=True, blank=True)
    reply = models.CharField("意见", max_length=20, choices=ThirdPartyReply.choices, blank=True)
    reply_note = models.TextField("意见摘要", blank=True, max_length=2000)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "意见征询"
        verbose_name_plural = "意见征询"
        ordering = ["sent_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=Q(replied_on__isnull=True), name="disclosure_one_open_consultation"
            ),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=F("sent_on")),
                name="disclosure_consultation_received_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"征求{self.third_party}意见"

    @property
    def is_agency(self) -> bool:
        return self.kind == ConsultationKind.AGENCY


class ReasonsInquiry(models.Model):
    """第三十五条: a request clearly beyond a reasonable volume or frequency. The office asks the applicant for the
    reasons, finds them reasonable or not (not: 不予处理), and where reasonable but the periods of 第三十三条 cannot
    be kept, fixes a reasonable later answer date and tells the applicant (延迟答复)."""

    request = models.OneToOneField(DisclosureRequest, verbose_name="申请", on_delete=models.PROTECT)
    asked_on = models.DateField("要求说明理由日期")
    grounds = models.TextField("数量、频次明显超过合理范围的情况", max_length=2000)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reasons_on = models.DateField("申请人说明理由日期", null=True, blank=True)
    reasons = models.TextField("申请人所述理由", blank=True, max_length=2000)
    assessed_on = models.DateField("认定日期", null=True, blank=True)
    reasonable = models.BooleanField("理由合理", null=True, blank=True)
    assessment = models.TextField("认定意见", blank=True, max_length=2000)
    delay_decided_on = models.DateField("确定延迟答复日期", null=True, blank=True)
    delayed_to = models.DateField("延迟答复期限", null=True, blank=True)
    delay_reason = models.TextField("无法按期答复的原因", blank=True, max_length=2000)
    delay_notified_on = models.DateField("告知申请人延迟答复日期", null=True, blank=True)

    class Meta:
        verbose_name = "要求说明理由（第三十五条）"
        verbose_name_plural = "要求说明理由（第三十五条）"
        constraints = [
            models.CheckConstraint(
                condition=Q(reasons_on__isnull=True) | Q(reasons_on__gte=F("asked_on")),
                name="disclosure_reasons_after_asked",
            ),
            models.CheckConstraint(
                condition=(Q(assessed_on__isnull=True) & Q(reasonable__isnull=True))
                | (Q(assessed_on__gte=F("asked_on")) & Q(reasonable__isnull=False)),
                name="disclosure_reasons_assessed_with_finding",
            ),
            # A later answer date only for reasons found reasonable, and later than the day it was fixed.
            models.CheckConstraint(
                condition=Q(delayed_to__isnull=True)
                | (Q(reasonable=True) & Q(delay_decided_on__isnull=False) & Q(delayed_to__gt=F("delay_decided_on"))),
                name="disclosure_delay_only_when_reasonable",
            ),
        ]

    def __str__(self) -> str:
        return f"要求说明理由（{self.request.number}）"


class FeeNotice(models.Model):
    """A 信息处理费 notice (第四十二条; 国办函〔2020〕109号). Only when fees are switched on in settings."""

    request = models.OneToOneField(DisclosureRequest, verbose_name="申请", on_delete=models.PROTECT)
    method = models.CharField("计费方式", max_length=20)
    quantity = models.PositiveIntegerField("计费数量")
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    explanation = models.JSONField("计费说明", default=list)
    issued_on = models.DateField("发出收费通知日期")
    due_on = models.DateField("缴费期限")
    paid_on = models.DateField("缴费日期", null=True, blank=True)

    class Meta:
        verbose_name = "信息处理费通知"
        verbose_name_plural = "信息处理费通知"

    def __str__(self) -> str:
        return f"信息处理费 {self.amount} 元"


class Answer(models.Model):
    """The written reply (答复) that closes a request; the reply letter is generated from it, never typed twice."""

    request = models.OneToOneField(DisclosureRequest, verbose_name="申请", on_delete=models.PROTECT)
    outcome = models.CharField("答复类型", max_length=40, choices=OUTCOME_CHOICES)
    answered_on = models.DateField("答复日期")
    letter_number = models.CharField("答复书文号", max_length=60)
    content = models.TextField("答复内容", max_length=5000)
    reasons = models.TextField("理由", blank=True, max_length=5000)
    other_agency = models.CharField("负责公开的机关及联系方式", max_length=200, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"

    def __str__(self) -> str:
        return self.letter_number


class RemedyKind(models.TextChoices):
    REVIEW = "review", "行政复议"
    LAWSUIT_DIRECT = "lawsuit_direct", "行政诉讼（未经复议直接起诉）"
    LAWSUIT_AFTER_REVIEW = "lawsuit_after_review", "行政诉讼（复议后起诉）"


class RemedyResult(models.TextChoices):
    MAINTAINED = "maintained", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class RemedyCase(models.Model):
    """An administrative review or lawsuit about disclosure work (第五十一条); counted in report table 四."""

    body = models.ForeignKey("org.Body", verbose_name="被申请机关", on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(
        DisclosureRequest, verbose_name="涉及申请", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("类别", max_length=24, choices=RemedyKind.choices)
    filed_on = models.DateField("受理日期")
    result = models.CharField("结果", max_length=16, choices=RemedyResult.choices, default=RemedyResult.PENDING)
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)

    class Meta:
        verbose_name = "复议诉讼"
        verbose_name_plural = "复议诉讼"
        ordering = ["-filed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(result="pending") & Q(concluded_on__isnull=True))
                | (~Q(result="pending") & Q(concluded_on__isnull=False)),
                name="disclosure_remedy_concluded_iff_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.filed_on}）"


class CatalogueCategory(models.TextChoices):
    """主动公开 categories: the 15 items of 第二十条 and the town topics of 第二十一条."""

    A20_1 = "20.1", "行政法规、规章和规范性文件"
    A20_2 = "20.2", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
    A20_3 = "20.3", "国民经济和社会发展规划、专项规划、区域规划及相关政策"
    A20_4 = "20.4", "国民经济和社会发展统计信息"
    A20_5 = "20.5", "行政许可和其他对外管理服务事项"
    A20_6 = "20.6", "行政处罚、行政强制的依据、条件、程序及处罚决定"
    A20_7 = "20.7", "财政预算、决算信息"
    A20_8 = "20.8", "行政事业性收费项目及其依据、标准"
    A20_9 = "20.9", "政府集中采购项目的目录、标准及实施情况"
    A20_10 = "20.10", "重大建设项目的批准和实施情况"
    A20_11 = "20.11", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
    A20_12 = "20.12", "突发公共事件的应急预案、预警信息及应对情况"
    A20_13 = "20.13", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"
    A20_14 = "20.14", "公务员招考的职位、名额、报考条件等事项以及录用结果"
    A20_15 = "20.15", "其他应当主动公开的政府信息"
    A21_AGRI_POLICY = "21.agri_policy", "贯彻落实农业农村政策"
    A21_IRRIGATION = "21.irrigation", "农田水利工程建设运营"
    A21_LAND_TRANSFER = "21.land_transfer", "农村土地承包经营权流转"
    A21_HOMESTEAD = "21.homestead", "宅基地使用情况审核"
    A21_LAND_EXPROPRIATION = "21.land_expropriation", "土地征收"
    A21_HOUSE_EXPROPRIATION = "21.house_expropriation", "房屋征收"
    A21_FUNDING_LABOUR = "21.funding_labour", "筹资筹劳"
    A21_SOCIAL_ASSISTANCE = "21.social_assistance", "社会救助"


class CatalogueState(models.TextChoices):
    PENDING = "pending", "待公开"
    PUBLISHED = "published", "已公开"
    REPEALED = "repealed", "已废止"


class CatalogueEntry(models.Model):
    """One item of the 政府信息公开目录 (第十二条第三款): 索引, 名称, 内容概述, 生成日期; published within 20wd (第二十六条)."""

    body = models.ForeignKey("org.Body", verbose_name="公开机关", on_delete=models.PROTECT, related_name="+")
    index_number = models.CharField("索引号", max_length=60)
    title = models.CharField("名称", max_length=200)
    summary = models.TextField("内容概述", max_length=2000)
    generated_on = models.DateField("生成日期")
    category = models.CharField("类别", max_length=32, choices=CatalogueCategory.choices)
    document_number = models.CharField("文号", max_length=100, blank=True)
    content = models.TextField("正文", blank=True, max_length=50000)
    state = models.CharField("状态", max_length=16, choices=CatalogueState.choices, default=CatalogueState.PENDING)
    published_on = models.DateField("公开日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)

    class Meta:
        verbose_name = "主动公开目录条目"
        verbose_name_plural = "主动公开目录"
        ordering = ["-generated_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "index_number"], name="disclosure_catalogue_index_unique"),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True) | Q(published_on__gte=F("generated_on")),
                name="disclosure_catalogue_published_after_generated",
            ),
        ]
        indexes = [models.Index(fields=["body", "state", "category"])]

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"


class Guide(models.Model):
    """The 政府信息公开指南 (第十二条第二款): classification, arrangement, how to obtain, the office's contacts."""

    body = models.OneToOneField("org.Body", verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    office_name = models.CharField("政府信息公开工作机构名称", max_length=100)
    address = models.CharField("办公地址", max_length=200)
    office_hours = models.CharField("办公时间", max_length=200)
    phone = models.CharField("联系电话", max_length=50)
    fax = models.CharField("传真号码", max_length=50, blank=True)
    internet_contact = models.CharField("互联网联系方式", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    classification = models.TextField("信息分类与编排体系", max_length=5000)
    how_to_obtain = models.TextField("获取方式", max_length=5000)
    updated_on = models.DateField("更新日期")

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"

    def __str__(self) -> str:
        return f"{self.body}政府信息公开指南"


class ReportState(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公布"


class AnnualReport(models.Model):
    """政府信息公开工作年度报告 (第四十九条, 第五十条): tables computed from records, narrative edited by the clerk."""

    body = models.ForeignKey("org.Body", verbose_name="机关", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("报告年度")
    format_year = models.PositiveSmallIntegerField("格式版本（年）")
    narrative = models.JSONField("文字部分", default=dict)
    inputs = models.JSONField("填报数据", default=dict)
    snapshot = models.JSONField("公布时的表格", default=dict)
    state = models.CharField("状态", max_length=16, choices=ReportState.choices, default=ReportState.DRAFT)
    published_on = models.DateField("公布日期", null=True, blank=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="disclosure_report_one_per_year")]

    def __str__(self) -> str:
        return f"{self.body}{self.year}年政府信息公开工作年度报告"


class PublicSubmission(models.Model):
    """The flood guard's memory: one row per accepted or refused public form post, keyed by a salted IP hash."""

    client_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)
    accepted = models.BooleanField(default=False)
    # SHA-256 of the form token this post used: unique, so a token serves one post only (kept for a day, as long as
    # the rows; a token is valid for two hours).
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        indexes = [models.Index(fields=["client_hash", "at"])]

    def __str__(self) -> str:
        return f"{self.at} {'accepted' if self.accepted else 'refused'}"
