from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "基础（日历与期限）"

    def ready(self):
        # Each app declares its statutory periods and amounts in <app>/rules.py; importing them registers them.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("rules")
