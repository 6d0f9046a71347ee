from django.db import migrations, models

ADMINISTRATORS = ("system_admin", "security_admin", "audit_admin")


def remember(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.exclude(role="").update(has_held_role=True)
    for role in ADMINISTRATORS:
        User.objects.filter(role=role).update(administrator_role=role)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_system_role")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="administrator_role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "未分配角色"),
                    ("officer", "部门工作人员"),
                    ("leader", "县领导"),
                    ("county_admin", "县级业务管理员"),
                    ("enterprise", "企业用户"),
                    ("city_viewer", "市级查看"),
                    ("city_statistician", "市统计人员"),
                    ("province_viewer", "省级查看"),
                    ("system_admin", "系统管理员"),
                    ("security_admin", "安全管理员"),
                    ("audit_admin", "审计管理员"),
                    ("system", "系统任务"),
                ],
                default="",
                max_length=20,
                verbose_name="三员角色",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="has_held_role",
            field=models.BooleanField(default=False, verbose_name="曾被授予角色"),
        ),
        migrations.RunPython(remember, migrations.RunPython.noop),
    ]
