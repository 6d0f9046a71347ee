from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    """What happened, that someone should hear of."""

    DISPATCH = "dispatch", _("派单")
    REASSIGN = "reassign", _("改派")
    RETURN = "return", _("退单")
    REPORT_RETURNED = "report_returned", _("月报退回")
    DEADLINE_REMINDER = "reminder", _("到期提醒")
    OVERDUE = "overdue", _("超期")
    ESCALATE = "escalate", _("督办")
    ANSWER_TO_MARK = "answer_to_mark", _("答复待评价")
    EXTENSION_DECIDED = "extension", _("延期审批结果")
    JOB_DONE = "job_done", _("后台任务完成")
    JOB_FAILED = "job_failed", _("后台任务失败")
    SCHEDULED_REPORT = "scheduled_report", _("定期报告")
    MARKING_LINK = "marking_link", _("评价链接")


class ChannelKind(models.TextChoices):
    INBOX = "inbox", _("站内消息")
    EMAIL = "email", _("电子邮件")
    WECOM = "wecom", _("企业微信群机器人")
    DINGTALK = "dingtalk", _("钉钉群机器人")
    SMS = "sms", _("短信")


# The channels the worker delivers (the inbox is the notice row itself).
# Group robots post once per ``notify`` call, to the county's group; email and SMS go to
# each recipient.
GROUP_CHANNELS = (ChannelKind.WECOM, ChannelKind.DINGTALK)
PERSONAL_CHANNELS = (ChannelKind.EMAIL, ChannelKind.SMS)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


DUE_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)
