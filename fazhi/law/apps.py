from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "fazhi.law"
    label = "law"
    verbose_name = "法律依据与权责清单"
