from django.db import models
from django.utils.translation import gettext_lazy as _


class AppealKind(models.TextChoices):
    APPEAL = "appeal", _("企业诉求")
    COMPLAINT = "complaint", _("政务服务投诉")


class Channel(models.TextChoices):
    FEDERATION_MONTHLY = "federation", _("工商联月度收集")
    FORUM = "forum", _("政企座谈会")
    HOTLINE_12345 = "12345", _("12345转办")
    COMPLAINT_BOX = "box", _("投诉箱")
    COMMENT_BOOK = "book", _("意见簿")
    SUPERVISION_PHONE = "phone", _("监督电话")
    ONLINE = "online", _("网上")


APPEAL_CHANNELS = [Channel.FEDERATION_MONTHLY, Channel.FORUM, Channel.HOTLINE_12345, Channel.ONLINE]
COMPLAINT_CHANNELS = [
    Channel.COMPLAINT_BOX,
    Channel.COMMENT_BOOK,
    Channel.SUPERVISION_PHONE,
    Channel.HOTLINE_12345,
    Channel.ONLINE,
]


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待受理")
    REGISTERED = "registered", _("已受理")
    DISPATCHED = "dispatched", _("已派单")
    IN_PROGRESS = "in_progress", _("办理中")
    RETURNED = "returned", _("已退单")
    MERGED = "merged", _("已并单")
    ANSWERED = "answered", _("已答复")
    UNSATISFIED = "unsatisfied", _("不满意待重办")
    CLOSED = "closed", _("已办结")


# Statuses in which the appeal waits for the department.
WITH_DEPARTMENT = frozenset({Status.DISPATCHED, Status.IN_PROGRESS})
# Statuses in which the desk may still route the appeal (派单, 并单).
DESK_OPEN = frozenset(
    {Status.SUBMITTED, Status.REGISTERED, Status.DISPATCHED, Status.IN_PROGRESS, Status.RETURNED}
)
# Statuses in which an appeal can be overdue: it waits for a department (or, returned, for
# the desk to dispatch it again).
OVERDUE_STATUSES = frozenset({Status.DISPATCHED, Status.IN_PROGRESS, Status.RETURNED})
# Statuses that count as 'open' in Open311.
OPEN_STATUSES = frozenset(Status) - {Status.CLOSED}


class Step(models.TextChoices):
    """What a transition row records."""

    SUBMIT = "submit", _("提交")
    REGISTER = "register", _("受理")
    DISPATCH = "dispatch", _("派单")
    ACKNOWLEDGE = "acknowledge", _("签收")
    PROGRESS = "progress", _("办理进展")
    ANSWER = "answer", _("答复")
    MARK = "mark", _("阅卷")
    REOPEN = "reopen", _("重办")
    CONCLUDE = "conclude", _("办结")
    AUTO_CLOSE = "auto_close", _("逾期未评价办结")
    RETURN = "return", _("退单")
    REASSIGN = "reassign", _("改派")
    MERGE = "merge", _("并单")
    ESCALATE = "escalate", _("督办")
    REMIND = "remind", _("到期提醒")
    OVERDUE = "overdue", _("超期")
    PUBLISH = "publish", _("设置公开")
    EXTENSION_REQUEST = "ext_request", _("申请延期")
    EXTENSION_GRANT = "ext_grant", _("同意延期")
    EXTENSION_REFUSE = "ext_refuse", _("不同意延期")
    MARK_LINK = "mark_link", _("发送评价链接")
    CALLBACK = "callback", _("回访")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")
    UNRATED = "unrated", _("未评价")


class MarkSource(models.TextChoices):
    """How a mark reached Rixin."""

    ACCOUNT = "account", _("企业账号")
    LINK = "link", _("评价链接")
    PHONE = "phone", _("回访")


SATISFIED_MARKS = frozenset({Satisfaction.SATISFIED, Satisfaction.BASICALLY})


class Resolution(models.TextChoices):
    RESOLVED = "resolved", _("已解决")
    PARTLY = "partly", _("部分解决")
    UNRESOLVED = "unresolved", _("未解决")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("主办")
    CO = "co", _("协办")


class ExtensionDecision(models.TextChoices):
    PENDING = "pending", _("待审批")
    GRANTED = "granted", _("同意")
    REFUSED = "refused", _("不同意")


class PaperStatus(models.TextChoices):
    COLLECTING = "collecting", _("收集中")
    ISSUED = "issued", _("已出卷")


# The two kinds of department that run the desk (受理, 派单, 改派, 并单, 出卷).
COORDINATOR_KINDS = frozenset({"gongshanglian", "yingshang"})
# The department that grants or refuses an extension (延期): 营商环境局.
EXTENSION_DECIDER_KIND = "yingshang"
# The department that sends marking links and records marks taken by phone (回访): 工商联.
FEDERATION_KIND = "gongshanglian"
# A marking link opens the marking page for this many working days.
MARKING_LINK_WORKING_DAYS = 15
