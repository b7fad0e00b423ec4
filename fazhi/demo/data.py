"""The demo's invented people and the real structure of 西青区辛口镇 (see docs: seed-report-2019)."""

from fazhi.core.access import Role
from fazhi.org.models import BodyKind

# The one demo password (docs/decisions/0005-demo-password.md): it lives only in this package.
DEMO_PASSWORD = "fazhi-demo-2019"

DISTRICT_CODE = "XQ"
XINKOU_CODE = "XQ-XK"
ZHANGJIAWO_CODE = "XQ-ZJW"

# (code, name, short_name, kind, parent code)
BODIES = [
    (DISTRICT_CODE, "天津市西青区", "西青区", BodyKind.DISTRICT, None),
    ("XQ-SFJ", "西青区司法局", "区司法局", BodyKind.UNIT, DISTRICT_CODE),
    (XINKOU_CODE, "西青区辛口镇人民政府", "辛口镇", BodyKind.TOWN, DISTRICT_CODE),
    ("XQ-XK-DZB", "辛口镇党政办公室", "党政办公室", BodyKind.UNIT, XINKOU_CODE),
    ("XQ-XK-ZFDD", "辛口镇综合执法大队", "综合执法大队", BodyKind.TEAM, XINKOU_CODE),
    ("XQ-XK-SFS", "辛口司法所", "司法所", BodyKind.UNIT, XINKOU_CODE),
    ("XQ-XK-PAB", "辛口镇平安建设办公室（综治中心）", "平安建设办公室（综治中心）", BodyKind.UNIT, XINKOU_CODE),
    ("XQ-XK-NFZX", "辛口镇农业发展服务中心", "农业发展服务中心", BodyKind.UNIT, XINKOU_CODE),
    ("XQ-XK-SQB", "辛口镇社区建设办公室", "社区建设办公室", BodyKind.UNIT, XINKOU_CODE),
    ("XQ-XK-CZS", "辛口镇财政所", "财政所", BodyKind.UNIT, XINKOU_CODE),
    ("XQ-XK-JJB", "辛口镇经济发展办公室", "经济发展办公室", BodyKind.UNIT, XINKOU_CODE),
    ("XQ-XK-BMZX", "辛口镇便民服务中心", "便民服务中心", BodyKind.UNIT, XINKOU_CODE),
    (ZHANGJIAWO_CODE, "西青区张家窝镇人民政府", "张家窝镇", BodyKind.TOWN, DISTRICT_CODE),
    ("XQ-ZJW-DZB", "张家窝镇党政办公室", "党政办公室", BodyKind.UNIT, ZHANGJIAWO_CODE),
    ("XQ-ZJW-ZFDD", "张家窝镇综合执法大队", "综合执法大队", BodyKind.TEAM, ZHANGJIAWO_CODE),
]

PROVINCES = {DISTRICT_CODE: "天津市"}

# Certificate plans, relative to the day load_demo runs so the demo always shows the interesting cases:
#   ("valid", days_until_expiry) | ("expiring", days) | ("expired", days_ago) | ("suspended", days) | ("revoked", days)
#   | None (no certificate)
# (username, 姓, 名, body code, roles, phone, certificate plan, 2019 training hours)
# Invented names; any likeness to real staff is unintended.
STAFF = [
    ("admin", "系统管理员", "", "XQ-XK-DZB", [Role.ADMIN], "", None, None),
    ("leader", "王", "建国", XINKOU_CODE, [Role.LEADER], "022-27910001", None, 44),
    ("officer1", "张", "伟", "XQ-XK-ZFDD", [Role.OFFICER], "13802010001", ("valid", 900), 48),
    ("officer2", "李", "娜", "XQ-XK-ZFDD", [Role.OFFICER], "13802010002", ("valid", 700), 42),
    ("reviewer", "刘", "洋", "XQ-XK-SFS", [Role.LEGAL_REVIEWER], "13802010003", ("valid", 500), 46),
    ("clerk", "陈", "静", "XQ-XK-DZB", [Role.DISCLOSURE_CLERK], "13802010004", None, 20),
    ("mediator", "杨", "秀英", "XQ-XK-PAB", [Role.MEDIATOR], "13802010005", None, 24),
    ("zhaolei", "赵", "磊", "XQ-XK-ZFDD", [Role.OFFICER], "13802010006", ("expiring", 18), 40),
    ("huangqiang", "黄", "强", "XQ-XK-ZFDD", [Role.OFFICER], "13802010007", ("expiring", 45), 36),
    ("zhoujun", "周", "军", "XQ-XK-ZFDD", [Role.OFFICER], "13802010008", ("suspended", 400), 40),
    ("wuming", "吴", "明", "XQ-XK-ZFDD", [Role.OFFICER], "13802010009", ("revoked", 300), 16),
    ("xuli", "徐", "丽", "XQ-XK-ZFDD", [Role.OFFICER], "13802010010", None, 12),
    ("sunhao", "孙", "浩", "XQ-XK-ZFDD", [Role.OFFICER], "13802010011", ("expired", 40), 30),
    ("mayan", "马", "燕", "XQ-XK-ZFDD", [Role.OFFICER], "13802010012", ("valid", 820), 52),
    ("zhuhui", "朱", "辉", "XQ-XK-ZFDD", [Role.OFFICER], "13802010013", ("valid", 640), 41),
    ("hujie", "胡", "杰", "XQ-XK-ZFDD", [Role.OFFICER], "13802010014", ("valid", 760), 38),
    ("guoping", "郭", "平", "XQ-XK-ZFDD", [Role.OFFICER], "13802010015", ("valid", 580), 40),
    ("hefang", "何", "芳", "XQ-XK-SFS", [Role.LEGAL_REVIEWER, Role.MEDIATOR], "13802010016", None, 28),
    ("linqiang", "林", "强", "XQ-XK-NFZX", [], "13802010017", None, None),
    ("gaomin", "高", "敏", "XQ-XK-SQB", [], "13802010018", None, None),
    ("luogang", "罗", "刚", "XQ-XK-CZS", [], "13802010019", None, None),
    ("zhengyu", "郑", "宇", "XQ-XK-JJB", [], "13802010020", None, None),
    ("liangchen", "梁", "晨", "XQ-XK-BMZX", [Role.DISCLOSURE_CLERK], "13802010021", None, None),
    ("songtao", "宋", "涛", "XQ-XK-PAB", [Role.MEDIATOR], "13802010022", None, None),
    ("tangli", "唐", "莉", "XQ-XK-DZB", [], "13802010023", None, None),
    ("hanxue", "韩", "雪", "XQ-XK-ZFDD", [Role.OFFICER], "13802010024", ("valid", 350), 40),
    ("supervisor", "冯", "志刚", "XQ-SFJ", [Role.SUPERVISOR], "022-27390001", None, None),
    ("zjw_officer", "曹", "勇", "XQ-ZJW-ZFDD", [Role.OFFICER], "13802020001", ("valid", 800), 40),
    ("zjw_leader", "彭", "红梅", ZHANGJIAWO_CODE, [Role.LEADER], "022-27920001", None, None),
    ("zjw_dengkai", "邓", "凯", "XQ-ZJW-ZFDD", [Role.OFFICER], "13802020002", ("valid", 520), 34),
    ("zjw_clerk", "曾", "倩", "XQ-ZJW-DZB", [Role.DISCLOSURE_CLERK], "13802020003", None, None),
]

# Logins shown in the README and printed by load_demo.
LOGINS = [
    ("admin", "系统管理员（超级用户，可进入 /admin/）"),
    ("officer1", "执法人员 · 辛口镇综合执法大队（执法证有效）"),
    ("officer2", "执法人员 · 辛口镇综合执法大队（执法证有效）"),
    ("reviewer", "法制审核人员 · 辛口司法所"),
    ("leader", "负责人 · 辛口镇"),
    ("clerk", "政务公开专员 · 辛口镇党政办公室"),
    ("mediator", "调解员 · 辛口镇平安建设办公室（综治中心）"),
    ("supervisor", "监督人员 · 西青区司法局（可看到区内各镇）"),
    ("zjw_officer", "执法人员 · 张家窝镇综合执法大队（看不到辛口镇的数据）"),
]

CERTIFICATE_FIELD = "综合行政执法（城市管理、市容环境卫生、违法建设等）"

# 2019 training topics (the seed report names 行政处罚法, 行政强制法, 国家赔偿法, 安全生产法, 食品安全法 and the
# 天津市干部教育在线 platform). (month, day, topic, source code, hours share)
TRAINING_2019 = [
    (3, 14, "《行政处罚法》专题培训", "offline", 0.3),
    (5, 22, "《行政强制法》与执法程序规范", "lecture", 0.2),
    (7, 10, "天津市干部教育在线：行为规范、职业道德与文明执法", "online", 0.3),
    (11, 26, "《国家赔偿法》《安全生产法》《食品安全法》法律知识考试", "exam", 0.2),
]
