from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "fazhi.review"
    label = "review"
    verbose_name = "法制审核"
