from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础（日历与期限）"
