"""The outbox: a notice per recipient (the in-app inbox), its deliveries to the other
channels, every attempt, and the county's and each user's channel settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rixin.regions.models import CountyOwned, CountyScopedQuerySet

from .choices import DUE_STATUSES, ChannelKind, DeliveryStatus, Event


class NoticeQuerySet(CountyScopedQuerySet):
    def visible_to(self, user):
        """A notice is its recipient's alone (the system actor sees every one)."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_system_actor:
            return self.all()
        if user.county_code:  # a county account hears only of its county (and reads by it)
            return self.filter(county_id=user.county_code, recipient=user)
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(CountyOwned):
    """One notice to one person: the in-app inbox row, written by ``notify`` in the
    transaction of the action that causes it. A notice without a recipient went to a
    contact who has no account (a phone number): it is in no one's inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("接收人"),
        help_text=_("空:发给没有账号的联系人(仅短信或邮件,不进任何人的消息中心)"),
    )
    event = models.CharField(_("事件"), max_length=20, choices=Event.choices)
    title = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("内容"), max_length=2000, blank=True)
    link = models.CharField(_("链接"), max_length=300, blank=True)
    batch = models.UUIDField(_("批次"), db_index=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class NoticeAttachment(models.Model):
    """A file sent with a notice by email: the name the recipient sees and where the file
    lies (the folder the job wrote it to). Only the path is stored; the email channel
    reads the file when the message leaves. The robots, SMS and the inbox carry the
    notice's link instead."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("消息")
    )
    name = models.CharField(_("文件名"), max_length=200)
    path = models.CharField(_("文件路径"), max_length=500)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("消息附件")
        verbose_name_plural = _("消息附件")

    def __str__(self) -> str:
        return self.name


class DeliveryQuerySet(models.QuerySet):
    def due(self, now):
        """Waiting for an attempt, and not held by a worker's lease."""
        return self.filter(status__in=DUE_STATUSES, next_attempt_at__lte=now).filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
        )


class Delivery(models.Model):
    """A notice on its way to one channel (email, a group robot, SMS). ``idempotency_key``
    travels with every attempt, so a channel that honours it drops a repeat."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("消息")
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=ChannelKind.choices)
    address = models.CharField(_("地址"), max_length=254, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    idempotency_key = models.CharField(_("幂等键"), max_length=64, unique=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), default=timezone.now)
    claim_token = models.CharField(_("领取标记"), max_length=32, blank=True)
    claimed_until = models.DateTimeField(_("领取有效至"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("投递")
        verbose_name_plural = _("投递")
        constraints = [
            models.UniqueConstraint(fields=["notice", "channel"], name="delivery_one_per_channel")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.notice_id} {self.get_channel_display()} {self.get_status_display()}"


class DeliveryAttempt(models.Model):
    """One try of a delivery: when, whether the channel accepted it, and what it answered."""

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="attempt_rows", verbose_name=_("投递")
    )
    channel = models.CharField(_("渠道"), max_length=10, choices=ChannelKind.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    ok = models.BooleanField(_("成功"), default=False)
    error = models.CharField(_("错误"), max_length=500, blank=True)
    response = models.CharField(_("渠道应答"), max_length=1000, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("投递尝试")
        verbose_name_plural = _("投递尝试")

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.at:%Y-%m-%d %H:%M:%S} {'ok' if self.ok else 'error'}"


class ChannelSettings(CountyOwned):
    """A county's channels, kept by its county administrator. The inbox is always on."""

    email_enabled = models.BooleanField(_("发送电子邮件"), default=False)
    wecom_enabled = models.BooleanField(_("推送企业微信群"), default=False)
    wecom_webhook = models.URLField(_("企业微信群机器人地址"), max_length=300, blank=True)
    dingtalk_enabled = models.BooleanField(_("推送钉钉群"), default=False)
    dingtalk_webhook = models.URLField(_("钉钉群机器人地址"), max_length=300, blank=True)
    dingtalk_secret = models.CharField(
        _("钉钉加签密钥"), max_length=100, blank=True, help_text=_("机器人安全设置为“加签”时填写。")
    )
    sms_enabled = models.BooleanField(_("发送短信"), default=False)
    sms_gateway = models.URLField(_("短信网关地址"), max_length=300, blank=True)
    sms_token = models.CharField(_("短信网关令牌"), max_length=200, blank=True)
    sms_template = models.CharField(_("短信模板编号"), max_length=60, blank=True)

    SECRET_FIELDS = frozenset({"dingtalk_secret", "sms_token"})

    class Meta:
        verbose_name = _("通知渠道设置")
        verbose_name_plural = _("通知渠道设置")
        constraints = [models.UniqueConstraint(fields=["county"], name="channel_settings_one")]

    def __str__(self) -> str:
        return str(_("通知渠道设置"))

    @classmethod
    def for_county(cls, county_code: str) -> ChannelSettings:
        return cls.objects.filter(county_id=county_code).first() or cls(county_id=county_code)

    def group_channels(self) -> list[str]:
        """The group robots that are switched on and have an address."""
        found = []
        if self.wecom_enabled and self.wecom_webhook:
            found.append(ChannelKind.WECOM)
        if self.dingtalk_enabled and self.dingtalk_webhook:
            found.append(ChannelKind.DINGTALK)
        return found


class NoticePreference(models.Model):
    """One person's channels: opt out of email or SMS, or give another address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notice_preference",
        verbose_name=_("用户"),
    )
    email_enabled = models.BooleanField(_("接收电子邮件"), default=True)
    email = models.EmailField(_("接收邮箱"), blank=True, help_text=_("不填则使用账户邮箱。"))
    sms_enabled = models.BooleanField(_("接收短信"), default=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("个人通知设置")
        verbose_name_plural = _("个人通知设置")

    def __str__(self) -> str:
        return str(self.user)

    def address(self, channel: str) -> str:
        """Where ``channel`` reaches this person ("" if opted out or unknown)."""
        if channel == ChannelKind.EMAIL and self.email_enabled:
            return self.email or self.user.email
        if channel == ChannelKind.SMS and self.sms_enabled:
            return self.phone
        return ""
