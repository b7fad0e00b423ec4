"""Every step of a penalty case, declared once: label, form, service, who takes it, where in the procedure it is
offered, and the conditions that would make the service refuse it. The case page, the step view and the API all
loop over ``CASE_STEPS`` (see ``fazhi.core.step_specs``)."""

from __future__ import annotations

from fazhi.core.access import Role
from fazhi.core.step_specs import StepSet, StepSpec
from fazhi.core.steps import today
from fazhi.enforcement import documents, forms, guards, page_reads, rules, services
from fazhi.enforcement.models import ActKind
from fazhi.enforcement.services.decision import DECIDABLE
from fazhi.enforcement.services.investigation import EVIDENCE_OPEN
from fazhi.enforcement.texts import decision_summary
from fazhi.enforcement.workflow import BEFORE_DECISION, INVESTIGATION_OPEN, LAW, Outcome, Procedure, Status

OFFICER, LEADER, REVIEWER = Role.OFFICER, Role.LEADER, Role.LEGAL_REVIEWER


def _case(fn):
    """Adapter: the step set passes the record as ``obj``; the case services call it ``case``."""

    def run(*, actor, obj, **kwargs):
        return fn(actor=actor, case=obj, **kwargs)

    return run


def _unpaid(case) -> bool:
    return bool(case.fine_amount) and case.paid_amount < case.fine_amount


def _demand_too_early(case) -> str | None:
    if case.payment_due_on is not None and today() <= case.payment_due_on:
        return f"缴款期限至 {case.payment_due_on} 届满，期满前不得催告（{LAW}第七十二条）。"
    return None


def _no_demand(case) -> str | None:
    if page_reads.latest_deadline(case, rules.COURT_AFTER_DEMAND) is None:
        return "申请人民法院强制执行前，应当催告当事人履行义务（《中华人民共和国行政强制法》第五十四条）。"
    return None


def _seizure_open(case) -> bool:
    return any(a.kind == ActKind.SEIZURE and a.ended_on is None for a in page_reads.case_acts(case))


def _remedy_open(case) -> bool:
    return any(r.ended_on is None for r in page_reads.case_remedies(case))


def _missing(case) -> list:
    """The documents 补齐案卷文书 generates: those 结案 needs, and once closed those 归档 needs (the 结案报告 …) —
    the same list as the service and the 归档 refusal."""
    return documents.missing_documents(case, for_archive=case.closed_on is not None)


def _hearing(case):
    return getattr(case, "hearing", None)


CASE_STEPS = StepSet(
    "enforcement.case",
    [
        # 立案
        StepSpec("request_filing", "提请立案", forms.RequestFilingForm, _case(services.request_filing),
                 roles=(OFFICER,), statuses={Status.LEAD}, stage="立案", citation=f"{LAW}第五十四条", primary=True),
        StepSpec("approve_filing", "批准立案", forms.ApproveFilingForm, _case(services.approve_filing),
                 roles=(LEADER,), statuses={Status.FILING}, stage="立案", citation=f"{LAW}第五十四条", primary=True),
        StepSpec("decline_filing", "不予立案", forms.DeclineFilingForm, _case(services.decline_filing),
                 roles=(LEADER,), statuses={Status.LEAD, Status.FILING}, stage="立案", citation=f"{LAW}第五十四条",
                 confirm="确定不予立案？此决定将写入审计链。"),
        # 调查
        StepSpec("record_act", "记录调查取证（笔录）", forms.RecordActForm, _case(services.record_act),
                 roles=(OFFICER,), statuses=INVESTIGATION_OPEN, stage="调查", citation=f"{LAW}第四十二条、第五十五条",
                 multipart=True, button="保存笔录"),
        StepSpec("add_evidence", "登记证据", forms.AddEvidenceForm, _case(services.add_evidence), roles=(OFFICER,),
                 statuses=EVIDENCE_OPEN, stage="调查", citation=f"{LAW}第四十六条", multipart=True, button="上传证据"),
        StepSpec("preserve", "先行登记保存", forms.PreserveForm, _case(services.preserve_evidence), roles=(OFFICER,),
                 statuses=INVESTIGATION_OPEN, stage="调查", citation=f"{LAW}第五十六条"),
        StepSpec("handle_preservation", "先行登记保存处理决定", forms.HandlePreservationForm,
                 lambda *, actor, obj, **kw: services.handle_preservation(actor=actor, **kw),
                 roles=(OFFICER, LEADER), when=lambda c: any(p.handled_on is None for p in page_reads.case_preservations(c)),
                 stage="调查", citation=f"{LAW}第五十六条：七日内及时作出处理决定", primary=True),
        StepSpec("extend_seizure", "延长查封、扣押期限", forms.ExtendSeizureForm,
                 lambda *, actor, obj, **kw: services.extend_seizure(actor=actor, **kw), roles=(LEADER,),
                 when=_seizure_open, stage="调查", citation="《中华人民共和国行政强制法》第二十五条", button="批准延长"),
        StepSpec("end_seizure", "查封、扣押解除或处理", forms.EndSeizureForm,
                 lambda *, actor, obj, **kw: services.end_seizure(actor=actor, **kw), roles=(OFFICER, LEADER),
                 when=_seizure_open, stage="调查", citation="《中华人民共和国行政强制法》第二十五条、第二十七条、第二十八条",
                 primary=True),
        StepSpec("recusal", "回避决定", forms.RecusalForm, _case(services.decide_recusal), roles=(LEADER,),
                 statuses={*BEFORE_DECISION, Status.FILING}, stage="调查", citation=f"{LAW}第四十三条"),
        StepSpec("propose", "调查终结、处理建议", forms.ProposeForm, _case(services.propose), roles=(OFFICER,),
                 statuses={Status.INVESTIGATING, Status.PROPOSED, Status.RETURNED}, stage="调查",
                 citation=f"{LAW}第五十七条", primary=True, button="保存处理建议"),
        StepSpec("reopen", "补充调查", forms.ReopenForm, _case(services.reopen_investigation),
                 roles=(OFFICER, LEADER), statuses={Status.PROPOSED, Status.RETURNED}, stage="调查",
                 citation=f"{LAW}第五十四条"),
        # 告知、听证
        StepSpec("notify", "事先告知", forms.NotifyForm, _case(services.notify), roles=(OFFICER,),
                 statuses={Status.PROPOSED}, when=lambda c: c.proposed_outcome == Outcome.PENALTY, stage="告知",
                 citation=f"{LAW}第四十四条", primary=True, button="编号并送达告知书", preview="prior_notice",
                 describe=lambda c: "本步骤为《行政处罚事先告知书》编号、生成并记录送达，当事人的陈述申辩期自送达次日起算。"),
        StepSpec("statement", "记录陈述申辩", forms.StatementForm, _case(services.record_statement), roles=(OFFICER,),
                 statuses={Status.NOTIFIED, Status.HEARING}, stage="告知", citation=f"{LAW}第四十五条"),
        StepSpec("waive", "当事人放弃陈述申辩", forms.WaiveForm, _case(services.waive_rights), roles=(OFFICER,),
                 statuses={Status.NOTIFIED}, stage="告知", citation=f"{LAW}第六十二条"),
        StepSpec("request_hearing", "当事人要求听证", forms.RequestHearingForm, _case(services.request_hearing),
                 roles=(OFFICER,), statuses={Status.NOTIFIED}, when=lambda c: c.hearing_eligible, stage="告知",
                 citation=f"{LAW}第六十四条"),
        StepSpec("notify_hearing", "听证通知", forms.NotifyHearingForm, _case(services.notify_hearing),
                 roles=(OFFICER, LEADER), statuses={Status.HEARING},
                 when=lambda c: _hearing(c) is not None and not _hearing(c).scheduled_on, stage="告知",
                 citation=f"{LAW}第六十四条第（二）项", primary=True, button="发出听证通知"),
        StepSpec("hold_hearing", "举行听证", forms.HoldHearingForm,
                 lambda *, actor, obj, **kw: services.hold_hearing(actor=actor, case=obj, **kw),
                 roles=(OFFICER, LEADER), statuses={Status.HEARING},
                 when=lambda c: _hearing(c) is not None and bool(_hearing(c).scheduled_on) and not _hearing(c).held_on,
                 stage="告知", citation=f"{LAW}第六十四条", multipart=True, primary=True, button="记录听证"),
        # 审核
        StepSpec("submit_review", "提交法制审核", forms.SubmitReviewForm, _case(services.submit_for_review),
                 roles=(OFFICER,), statuses={Status.PROPOSED, Status.NOTIFIED, Status.HEARING, Status.RETURNED},
                 guards=(guards.hearing_not_held,), stage="审核", citation=f"{LAW}第五十八条", primary=True,
                 button="提交审核"),
        StepSpec("ready", "报请负责人决定", forms.ReadyForm, _case(services.ready_for_decision), roles=(OFFICER,),
                 statuses={Status.PROPOSED, Status.NOTIFIED, Status.HEARING},
                 when=lambda c: not guards.review_reasons(c), guards=(guards.ready_blocked,), stage="审核",
                 citation=f"{LAW}第五十七条", primary=True, button="报请决定"),
        StepSpec("deliberation", "集体讨论", forms.DeliberationForm, _case(services.record_deliberation),
                 roles=(OFFICER, LEADER), statuses=BEFORE_DECISION, when=lambda c: c.proposed_on is not None,
                 stage="决定", citation=f"{LAW}第五十七条第二款",
                 fields_template="enforcement/_deliberation_fields.html"),
        StepSpec("extend", "延长办案期限", forms.ExtendForm, _case(services.extend_decision_period), roles=(LEADER,),
                 statuses=BEFORE_DECISION, when=lambda c: c.filed_on is not None, guards=(guards.extension_off,),
                 stage="决定", citation=f"{LAW}第六十条", button="批准延长"),
        # 决定、送达
        StepSpec("decide", "作出决定", forms.DecideForm, _case(services.decide), roles=(LEADER,), statuses=DECIDABLE,
                 when=lambda c: c.proposed_on is not None, guards=(lambda c: guards.decision_blocked(c),),
                 stage="决定", citation=f"{LAW}第五十七条、第五十九条", primary=True, preview="decision",
                 describe=lambda c: f"承办人处理建议：{c.get_proposed_outcome_display()}"
                 + (f"（{decision_summary(c)}）" if c.proposed_outcome == "penalty" else "")
                 + f"。违法事实：{c.facts[:120]}",
                 confirm="作出决定后将编号、进入送达和公示程序，不能撤回。确定作出决定？"),
        StepSpec("serve", "送达决定书", forms.ServeForm,
                 lambda *, actor, obj, **kw: services.serve(actor=actor, case=obj, **kw), roles=(OFFICER,),
                 statuses={Status.DECIDED}, when=lambda c: c.outcome != Outcome.TRANSFER, stage="送达",
                 citation=f"{LAW}第六十一条", multipart=True, primary=True, button="登记送达"),
        # 执行
        StepSpec("payment", "登记缴款", forms.PaymentForm, _case(services.record_payment), roles=(OFFICER, LEADER),
                 statuses={Status.SERVED, Status.COURT}, when=_unpaid, stage="执行", citation=f"{LAW}第六十七条",
                 primary=True),
        StepSpec("hand_in_collection", "当场收缴的罚款交至行政机关", forms.HandInCollectionForm,
                 lambda *, actor, obj, **kw: services.hand_in_collection(actor=actor, **kw), roles=(OFFICER, LEADER),
                 when=lambda c: any(p.collection_ground and p.handed_in_on is None for p in page_reads.case_payments(c)),
                 stage="执行", citation=f"{LAW}第七十一条", primary=True, button="已交至行政机关"),
        StepSpec("bank_collection", "当场收缴的罚款缴付银行", forms.BankCollectionForm,
                 lambda *, actor, obj, **kw: services.bank_collection(actor=actor, **kw), roles=(OFFICER, LEADER),
                 when=lambda c: any(p.handed_in_on and p.banked_on is None for p in page_reads.case_payments(c)),
                 stage="执行", citation=f"{LAW}第七十一条", primary=True, button="已缴付银行"),
        StepSpec("deferral", "批准暂缓或分期缴纳", forms.DeferralForm, _case(services.approve_deferral),
                 roles=(LEADER,), statuses={Status.SERVED}, when=_unpaid, stage="执行",
                 citation=f"{LAW}第六十六条第二款"),
        StepSpec("remedy", "登记复议诉讼", forms.RemedyForm, _case(services.record_remedy), roles=(OFFICER, LEADER),
                 statuses={Status.SERVED, Status.COURT, Status.EXECUTED},
                 when=lambda c: not _remedy_open(c), stage="执行",
                 citation=f"{LAW}第七十三条"),
        StepSpec("conclude_remedy", "复议诉讼终结", forms.ConcludeRemedyForm,
                 lambda *, actor, obj, **kw: services.conclude_remedy(actor=actor, **kw), roles=(OFFICER, LEADER),
                 when=_remedy_open, stage="执行",
                 citation=f"{LAW}第七十三条"),
        StepSpec("demand", "催告", forms.DemandForm, _case(services.issue_demand), roles=(OFFICER, LEADER),
                 statuses={Status.SERVED},
                 when=lambda c: _unpaid(c) and not page_reads.live_deadlines(c, rules.COURT_AFTER_DEMAND),
                 guards=(_demand_too_early,), stage="执行", citation="《中华人民共和国行政强制法》第五十四条"),
        StepSpec("court", "申请人民法院强制执行", forms.CourtForm, _case(services.apply_to_court), roles=(LEADER,),
                 statuses={Status.SERVED}, when=_unpaid, guards=(_no_demand,), stage="执行",
                 citation="《中华人民共和国行政强制法》第五十三条、第五十四条",
                 confirm="确定向人民法院申请强制执行？"),
        # 结案、归档
        StepSpec("file_major_decision", "重大执法决定备案", forms.FileMajorDecisionForm,
                 _case(services.file_major_decision), roles=(OFFICER, LEADER),
                 when=lambda c: c.major_filed_on is None and bool(page_reads.live_deadlines(c, rules.MAJOR_DECISION_FILING)),
                 stage="决定", citation="《天津市行政执法监督规定》第十四条", primary=True, button="登记备案"),
        StepSpec("file_summary", "简易程序决定备案", forms.FileSummaryForm, _case(services.file_summary_decision),
                 roles=(OFFICER, LEADER),
                 when=lambda c: c.procedure == Procedure.SUMMARY and c.filed_with_body_on is None, stage="结案",
                 citation=f"{LAW}第五十二条第三款", primary=True, button="备案"),
        StepSpec("close", "结案", forms.CloseForm, _case(services.close_case), roles=(OFFICER, LEADER),
                 statuses={Status.SERVED, Status.EXECUTED, Status.COURT, Status.DECIDED},
                 when=lambda c: c.status != Status.DECIDED or c.outcome == Outcome.TRANSFER,
                 guards=(guards.close_blocked, lambda c: documents.incomplete_file(c, doing="结案")), stage="结案",
                 citation="国办发〔2018〕118号第（九）项", primary=True),
        StepSpec("archive", "归档", forms.ArchiveForm, _case(services.archive_case), roles=(OFFICER, LEADER),
                 statuses={Status.CLOSED}, guards=(lambda c: documents.incomplete_file(c, for_archive=True, doing="归档"),),
                 stage="归档", citation="国办发〔2018〕118号第（九）项", primary=True,
                 button="归档并生成卷内目录"),
        StepSpec("complete_file", "补齐案卷文书", forms.CompleteFileForm, _case(services.generate_missing_documents),
                 roles=(OFFICER, LEADER, REVIEWER), when=lambda c: bool(_missing(c)), stage="文书",
                 citation="国办发〔2018〕118号第（九）项", button="生成全部所缺文书",
                 describe=lambda c: "将生成：" + "、".join(r.label for r in _missing(c))),
        StepSpec("document", "生成文书", forms.DocumentForm, _case(services.generate_document),
                 roles=(OFFICER, LEADER, REVIEWER), when=lambda c: bool(documents.available_kinds(c)), stage="文书",
                 button="生成文书（.docx）"),
    ],
)  # fmt: skip
