from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "fazhi.org"
    label = "org"
    verbose_name = "组织与人员"

    def ready(self):
        # core's ``require`` asks org for scope through this registration (core imports no domain app).
        from fazhi.core.access import register_scope
        from fazhi.org.selectors import visible_body_ids

        register_scope(visible_body_ids)
