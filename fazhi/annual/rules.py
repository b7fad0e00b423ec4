"""The annual 法治政府建设情况报告's two deadlines, from 《法治政府建设与责任落实督察工作规定》 (2019-04-15).

- Art. 23 ¶2: "每年3月1日之前 … 省级以下地方各级党委和政府应当向上一级党委和政府报告上一年度法治政府建设情况，同时抄送
  上一级督察单位" — a town reports to the district party committee and government, copy to the district 督察单位
  (DOMAIN.md section 5 reads "每年3月1日之前" as governing the whole paragraph). "之前": the last day is the day before
  1 March — 28 February, or 29 February in a leap year.
- Art. 24: "每年4月1日之前" the report is published through newspapers or websites — the last day is 31 March.

Both are deadlines on the shared table, counted from the last day of the reporting year. A district that sets other
days (local practice) stores them as settings of the same keys (a month and day, e.g. "02-20").
"""

from datetime import date

from fazhi.core.rules import AnnualDateRule, register

RULES_DOC = "《法治政府建设与责任落实督察工作规定》"
IN_FORCE = date(2019, 4, 15)

SUBMIT = "annual.submit"
PUBLISH = "annual.publish"

register(
    AnnualDateRule(
        key=SUBMIT,
        name="报送上一年度法治政府建设情况报告",
        month=3,
        day=1,
        before=True,
        citation=f"{RULES_DOC}第二十三条第二款",
        effective_from=IN_FORCE,
        setting_key="annual.submit_before",
        note="每年3月1日之前向上一级党委和政府报告上一年度法治政府建设情况，同时抄送上一级督察单位。",
    ),
    AnnualDateRule(
        key=PUBLISH,
        name="公开上一年度法治政府建设情况报告",
        month=4,
        day=1,
        before=True,
        citation=f"{RULES_DOC}第二十四条",
        effective_from=IN_FORCE,
        setting_key="annual.publish_before",
        note="每年4月1日之前通过报刊、网站等新闻媒体向社会公开，接受人民群众监督（涉及党和国家秘密的除外）。",
    ),
)

# Art. 25: the five things the report must say. A layout names which of them each of its parts answers; a layout that
# leaves one of (一)–(四) out is refused ((五) 其他 may stay empty).
CONTENT_ITEMS = {
    "1": "上一年度推进法治政府建设的主要举措和成效",
    "2": "上一年度推进法治政府建设存在的不足和原因",
    "3": "上一年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
    "4": "下一年度推进法治政府建设的主要安排",
    "5": "其他需要报告的情况",
}
REQUIRED_ITEMS = ("1", "2", "3", "4")
CONTENT_CITATION = f"{RULES_DOC}第二十五条"

LAYOUT_SETTING = "annual.layout"
"""Setting key: a district's own layout (JSON, the shape of data/layout.json); towns inherit it from the district."""
