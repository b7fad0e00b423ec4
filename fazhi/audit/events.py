"""The fixed enumeration of chain event codes. Add a code here when a new kind of state change appears."""

from django.db import models


class Event(models.TextChoices):
    # core: calendar and deadlines
    CALENDAR_YEAR_IMPORTED = "calendar.year_imported", "导入年度节假日安排"
    CALENDAR_DAY_CHANGED = "calendar.day_changed", "修改日历安排"
    DEADLINE_OPENED = "deadline.opened", "开始计算期限"
    DEADLINE_PAUSED = "deadline.paused", "期限中止"
    DEADLINE_RESUMED = "deadline.resumed", "期限恢复"
    DEADLINE_EXTENDED = "deadline.extended", "期限延长"
    DEADLINE_MET = "deadline.met", "期限内完成"
    DEADLINE_MISSED = "deadline.missed", "期限届满未完成"
    DEADLINE_RECOMPUTED = "deadline.recomputed", "日历变更后重算期限"
    # org: bodies, staff, certificates, training
    BODY_CREATED = "org.body_created", "新建机构"
    STAFF_CREATED = "org.staff_created", "新增人员"
    STAFF_CHANGED = "org.staff_changed", "修改人员"
    ROLE_GRANTED = "org.role_granted", "授予角色"
    ROLE_REVOKED = "org.role_revoked", "撤销角色"
    CERTIFICATE_ISSUED = "org.certificate_issued", "登记执法证件"
    CERTIFICATE_SUSPENDED = "org.certificate_suspended", "暂扣执法证件"
    CERTIFICATE_RESTORED = "org.certificate_restored", "恢复执法证件"
    CERTIFICATE_REVOKED = "org.certificate_revoked", "注销执法证件"
    TRAINING_RECORDED = "org.training_recorded", "登记培训学时"
    TRAINING_IMPORTED = "org.training_imported", "导入培训学时"
    SETTING_CHANGED = "core.setting_changed", "修改设置"
    # law: library and power list
    LAW_VERSION_LOADED = "law.version_loaded", "载入法律文本"
    LAW_VERSION_SUPERSEDED = "law.version_superseded", "法律版本被修改"
    POWER_ITEM_CREATED = "law.power_created", "新增权责事项"
    POWER_ITEM_REVISED = "law.power_revised", "修订权责事项"
    POWER_ITEM_RETIRED = "law.power_retired", "取消权责事项"
    POWER_LIST_IMPORTED = "law.power_list_imported", "导入权责清单"
    BENCHMARK_SET = "law.benchmark_set", "设定裁量基准"
