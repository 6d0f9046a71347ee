from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    NORMAL = "normal", _("普通")
    TOLERANT = "tolerant", _("容缺受理")
    COMMITMENT = "commitment", _("告知承诺制")


FACILITATED_KINDS = frozenset({ItemKind.TOLERANT, ItemKind.COMMITMENT})


class CaseStatus(models.TextChoices):
    OPEN = "open", _("办理中")
    COMPLETED = "completed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("未受理")
    RUNNING = "running", _("办理中")
    PAUSED = "paused", _("补正中")
    GRANTED = "granted", _("准予许可")
    REFUSED = "refused", _("不予许可")
    WITHDRAWN = "withdrawn", _("已撤回")


DECIDED = frozenset({ItemStatus.GRANTED, ItemStatus.REFUSED})
CLOSED = DECIDED | {ItemStatus.WITHDRAWN}
CLOCK_RUNNING = frozenset({ItemStatus.RUNNING})


class Step(models.TextChoices):
    OPEN = "open", _("立案")
    ACCEPT = "accept", _("受理")
    REQUEST = "request", _("补正")
    RESUME = "resume", _("补正后重新计时")
    GRANT = "grant", _("办结(准予)")
    REFUSE = "refuse", _("办结(不予)")
    WITHDRAW = "withdraw", _("撤回")
    CONVENE = "convene", _("发起联合验收")
    SIGN = "sign", _("验收签署")
    ACCEPTED = "accepted", _("联合验收通过")


class ProjectType(models.TextChoices):
    """The national targets of 国办发〔2019〕11号: the whole flow of a government or social
    investment project within 120 working days; a small low-risk social investment project
    (住建部 guidance of 2019 on 社会投资简易低风险工程建设项目) within 15."""

    GOVERNMENT = "government", _("政府投资项目")
    SOCIAL = "social", _("社会投资项目")
    LOW_RISK = "low_risk", _("社会投资简易低风险项目")


NATIONAL_TARGET_DAYS = {
    ProjectType.GOVERNMENT: 120,
    ProjectType.SOCIAL: 120,
    ProjectType.LOW_RISK: 15,
}


class AcceptanceStatus(models.TextChoices):
    OPEN = "open", _("验收中")
    PASSED = "passed", _("验收通过")
    FAILED = "failed", _("验收未通过")
