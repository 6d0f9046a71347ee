from django.db import models
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    INTERESTED = "interested", _("有意向")
    NO_NEED = "no_need", _("暂无需求")
    WANTS_MEETING = "wants_meeting", _("需要对接")


class TransferStage(models.TextChoices):
    CONTACT = "contact", _("对接")
    NEGOTIATION = "negotiation", _("洽谈")
    LICENSED = "licensed", _("许可")
    ASSIGNED = "assigned", _("转让")
    IMPLEMENTED = "implemented", _("实施")
    ENDED = "ended", _("终止")


# The path a case may take: 对接 → 洽谈 → 许可/转让 → 实施; any open stage may end.
NEXT_STAGES = {
    TransferStage.CONTACT: {TransferStage.NEGOTIATION, TransferStage.ENDED},
    TransferStage.NEGOTIATION: {
        TransferStage.LICENSED,
        TransferStage.ASSIGNED,
        TransferStage.ENDED,
    },
    TransferStage.LICENSED: {TransferStage.IMPLEMENTED, TransferStage.ENDED},
    TransferStage.ASSIGNED: {TransferStage.IMPLEMENTED, TransferStage.ENDED},
    TransferStage.IMPLEMENTED: set(),
    TransferStage.ENDED: set(),
}
IN_TALKS = (TransferStage.CONTACT, TransferStage.NEGOTIATION)
TRANSFERRED = (TransferStage.LICENSED, TransferStage.ASSIGNED, TransferStage.IMPLEMENTED)


class MineStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未改造")
    UNDER_WAY = "under_way", _("智能化建设中")
    INTELLIGENT = "intelligent", _("已建成智能化煤矿")


class FaceKind(models.TextChoices):
    MINING = "mining", _("采煤工作面")
    HEADING = "heading", _("掘进工作面")


class FaceStatus(models.TextChoices):
    UNDER_WAY = "under_way", _("建设中")
    BUILT = "built", _("已建成")
