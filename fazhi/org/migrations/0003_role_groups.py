"""Create the seven role groups (fazhi.core.access.Role): code refers to them by these fixed names."""

from django.db import migrations

ROLE_NAMES = ["执法人员", "法制审核人员", "负责人", "政务公开专员", "调解员", "监督人员", "系统管理员"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("org", "0002_body_province_user_phone_certificate_trainingrecord"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
