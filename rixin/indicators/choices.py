from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    """The unit an indicator is published in. Money is stored in 万元 whatever it is shown in."""

    YI = "亿元", _("亿元")
    WAN = "万元", _("万元")
    YUAN = "元", _("元")
    WAN_SQM = "万平方米", _("万平方米")
    PERCENT = "%", _("%")


MONEY_UNITS = frozenset({Unit.YI, Unit.WAN})


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("月度")
    QUARTERLY = "quarterly", _("季度")


class ObservationStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class RevisionKind(models.TextChoices):
    CORRECTION = "correction", _("更正")
    STATUS = "status", _("状态变更")
