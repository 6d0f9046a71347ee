from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    """How a State Council notice marks a day: 休 (a day off) or 班 (a make-up working day)."""

    HOLIDAY = "休", _("休")
    WORKING = "班", _("班")


class YearSource(models.TextChoices):
    CHINESE_CALENDAR = "chinese-calendar", _("chinese-calendar 程序库")
    ADMINISTRATOR = "administrator", _("管理员录入")
    IMPORT = "import", _("文件导入")
