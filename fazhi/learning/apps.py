from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "fazhi.learning"
    label = "learning"
    verbose_name = "学法与普法"
