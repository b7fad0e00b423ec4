from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "fazhi.inspection"
    label = "inspection"
    verbose_name = "双随机、一公开"
