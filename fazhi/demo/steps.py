"""Demo steps, run in order by `fazhi load_demo`, each in its own transaction.

One module per subject in this package; a new subject adds its step here. A step takes `log` (a callable printing
one line) and must be idempotent: detect its own data (by a code or a username) and skip with a message if present.
Build through the services, never the models, so `fazhi audit_verify` passes afterwards. Tables of demo data live in
data/ (CSV or JSON), read through `fazhi.demo.data`.
"""

from collections.abc import Callable

from fazhi.demo.annual import annual_step
from fazhi.demo.decisions import decisions_step
from fazhi.demo.disclosure import disclosure_step
from fazhi.demo.enforcement import enforcement_step
from fazhi.demo.exchange import exchange_step
from fazhi.demo.inspection import inspection_step
from fazhi.demo.law import law_step
from fazhi.demo.learning import learning_step
from fazhi.demo.mediation import mediation_step
from fazhi.demo.normative import normative_step
from fazhi.demo.org import Log, org_step
from fazhi.demo.publicity import publicity_step
from fazhi.demo.second_factor import second_factor_step
from fazhi.demo.supervision import supervision_step

STEPS: list[Callable[[Log], None]] = [
    org_step,  # 西青区、辛口镇、张家窝镇: bodies, staff, certificates, training hours
    second_factor_step,  # admin and supervisor: a TOTP device with the published demo key
    law_step,  # law library and 辛口镇 power list
    enforcement_step,  # 行政处罚案件 2019
    publicity_step,  # 执法决定公开 2019
    disclosure_step,  # 政府信息公开 2019 — after the cases: its annual report counts their 行政处罚 decisions
    mediation_step,  # 人民调解 2019: committees, 40 disputes, 排查
    normative_step,  # 行政规范性文件 2019 (comment over 国庆, a failed review, a 清理)
    decisions_step,  # 法律顾问与重大行政决策 2019
    inspection_step,  # 双随机、一公开 2019
    learning_step,  # 学法与普法 2019
    supervision_step,  # 执法监督 2019: 案卷评查 and 监督事项 (西青区司法局)
    exchange_step,  # 数据交换: 2019 Q1–Q3 reported to 西青区 through the real push and receiver, Q4 pending
    annual_step,  # 法治政府建设年度报告 2019 (last: its figures come from every step above)
]
