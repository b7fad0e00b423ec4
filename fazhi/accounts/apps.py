from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "fazhi.accounts"
    label = "accounts"
    verbose_name = "账户与登录安全"

    def ready(self):
        # Login, logout, failure and lockout come from Django's and django-axes' signals: the entry points are
        # Django's views and backends, not our services (docs/decisions/0016).
        from fazhi.accounts import receivers  # noqa: F401
