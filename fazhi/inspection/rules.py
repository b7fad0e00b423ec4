"""双随机、一公开 rules as data (DOMAIN.md §6).

- Results are published within 20 working days of the end of the inspection: not in 国办发〔2015〕58号 or
  国发〔2019〕5号 (which say "及时"); the nearest verified rules are 企业公示信息抽查暂行办法 第十一条 and
  市场监督管理行政处罚信息公示规定 第九条 (20 working days). UNVERIFIED as a general rule → a setting.
- At least two inspectors: 企业公示信息抽查暂行办法 第九条 (VERIFIED) and 行政处罚法 第四十二条 (two officers).
"""

from decimal import Decimal

from fazhi.core.rules import UNVERIFIED, AmountRule, PeriodRule, register

DOC_58 = "《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号）"
DOC_5 = "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）"
SPOT_CHECK_RULE = "《企业公示信息抽查暂行办法》"
PENALTY_LAW = "《中华人民共和国行政处罚法》"

RESULTS_PUBLICATION = "inspection.results_publication"
MIN_INSPECTORS = "inspection.min_inspectors"

register(
    PeriodRule(
        key=RESULTS_PUBLICATION,
        name="公示双随机抽查结果",
        unit="wd",
        count=20,
        citation=(
            f"{DOC_58}一（四）、{DOC_5}（“及时公开”）；期间参照{SPOT_CHECK_RULE}第十一条、"
            "《市场监督管理行政处罚信息公示规定》第九条（20个工作日）"
        ),
        status=UNVERIFIED,
        setting_key="inspection.results_publication_days",
        note="国家文件只要求“及时”公开；20个工作日为参照值，可在设置中调整。",
    ),
    AmountRule(
        key=MIN_INSPECTORS,
        name="现场检查的检查人员人数下限",
        value=Decimal("2"),
        unit="人",
        citation=f"{SPOT_CHECK_RULE}第九条，{PENALTY_LAW}第四十二条",
    ),
)
