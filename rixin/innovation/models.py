"""产学研 and 科技创新: cooperation with universities (rixin.directory's University), joint
labs, high-tech enterprise certificates, university patents listed for transfer and pushed to
enterprises, transfer cases, and the intelligent coal mines with their working faces."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rixin.regions.models import CountyOwned, CountyScopedQuerySet, Illustrative, Versioned

from .choices import Answer, FaceKind, FaceStatus, MineStatus, TransferStage

MONEY = {"max_digits": 14, "decimal_places": 2}
CERTIFICATE_YEARS = 3


class OwnEnterpriseQuerySet(CountyScopedQuerySet):
    """Rows an enterprise user may read: those of its own enterprise."""

    def for_enterprise(self, enterprise_id: int):
        return self.filter(enterprise_id=enterprise_id)


class CooperationAgreement(CountyOwned, Illustrative, Versioned):
    """A cooperation agreement between a university and an enterprise of the county."""

    university = models.ForeignKey(
        "directory.University",
        on_delete=models.PROTECT,
        related_name="cooperation_agreements",
        verbose_name=_("高校"),
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cooperation_agreements",
        verbose_name=_("企业"),
    )
    title = models.CharField(_("协议名称"), max_length=120)
    signed_on = models.DateField(_("签订日期"), null=True, blank=True)
    content = models.TextField(_("合作内容"), blank=True)

    objects = OwnEnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["county", "university", "pk"]
        verbose_name = _("产学研合作协议")
        verbose_name_plural = _("产学研合作协议")

    def __str__(self) -> str:
        return self.title


class JointLab(CountyOwned, Illustrative, Versioned):
    """A laboratory an enterprise runs with a university (环保造纸, 矿山机械研发 …)."""

    name = models.CharField(_("实验室名称"), max_length=120)
    field = models.CharField(_("研究方向"), max_length=60)
    university = models.ForeignKey(
        "directory.University",
        on_delete=models.PROTECT,
        related_name="joint_labs",
        verbose_name=_("高校"),
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        related_name="joint_labs",
        verbose_name=_("企业"),
    )
    established_on = models.DateField(_("成立日期"), null=True, blank=True)

    objects = OwnEnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["county", "name"]
        verbose_name = _("校企联合实验室")
        verbose_name_plural = _("校企联合实验室")
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="innovation_lab_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class CertificateQuerySet(OwnEnterpriseQuerySet):
    def due_by(self, day: datetime.date):
        """Certificates whose three years end on or before ``day`` (recertification due)."""
        return self.filter(expires_on__lte=day)


class HighTechCertificate(CountyOwned, Illustrative, Versioned):
    """A high-tech enterprise certificate (高新技术企业证书), valid three years, with the
    enterprise's patents and high-tech revenue as last declared."""

    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        related_name="high_tech_certificates",
        verbose_name=_("企业"),
    )
    number = models.CharField(_("证书编号"), max_length=40)
    certified_on = models.DateField(_("发证日期"))
    expires_on = models.DateField(_("有效期至"), editable=False)
    invention_patents = models.PositiveIntegerField(_("发明专利数"), default=0)
    utility_patents = models.PositiveIntegerField(_("实用新型专利数"), default=0)
    revenue_three_years = models.DecimalField(_("近三年高新技术产业收入(万元)"), default=0, **MONEY)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["county", "expires_on"]
        verbose_name = _("高新技术企业证书")
        verbose_name_plural = _("高新技术企业证书")
        constraints = [
            models.UniqueConstraint(fields=["number"], name="innovation_certificate_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.number}"

    @property
    def patents(self) -> int:
        return self.invention_patents + self.utility_patents

    @staticmethod
    def expiry_of(certified_on: datetime.date) -> datetime.date:
        try:
            return certified_on.replace(year=certified_on.year + CERTIFICATE_YEARS)
        except ValueError:  # 29 February
            return certified_on.replace(year=certified_on.year + CERTIFICATE_YEARS, day=28)


class EnterpriseProfile(CountyOwned, Versioned):
    """What the matcher reads of an enterprise: its products and business scope."""

    enterprise = models.OneToOneField(
        "directory.Enterprise",
        on_delete=models.CASCADE,
        related_name="innovation_profile",
        verbose_name=_("企业"),
    )
    products = models.TextField(_("主要产品"), blank=True)
    business_scope = models.TextField(_("经营范围"), blank=True)

    objects = OwnEnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("企业技术需求画像")
        verbose_name_plural = _("企业技术需求画像")

    def __str__(self) -> str:
        return str(self.enterprise)


class PatentQuerySet(CountyScopedQuerySet):
    def for_enterprise(self, enterprise_id: int):
        return self.filter(pushes__enterprise_id=enterprise_id).distinct()


class Patent(CountyOwned, Illustrative):
    """A university patent listed for transfer to the county's enterprises."""

    university = models.ForeignKey(
        "directory.University",
        on_delete=models.PROTECT,
        related_name="listed_patents",
        verbose_name=_("高校"),
    )
    title = models.CharField(_("专利名称"), max_length=200)
    number = models.CharField(_("专利号"), max_length=20)
    ipc = models.CharField(_("IPC分类号"), max_length=40)
    abstract = models.TextField(_("摘要"), blank=True)
    holder = models.CharField(_("专利权人"), max_length=120)
    licence_terms = models.CharField(_("许可/转让条件"), max_length=200, blank=True)
    listed_on = models.DateField(_("发布日期"), default=datetime.date.today)

    objects = PatentQuerySet.as_manager()

    class Meta:
        ordering = ["county", "-listed_on", "pk"]
        verbose_name = _("待转化专利")
        verbose_name_plural = _("待转化专利")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "number"], name="innovation_patent_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}({self.number})"


class Push(CountyOwned):
    """A patent sent to an enterprise, with the matcher's explained score and the answer."""

    patent = models.ForeignKey(
        Patent, on_delete=models.CASCADE, related_name="pushes", verbose_name=_("专利")
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        related_name="patent_pushes",
        verbose_name=_("企业"),
    )
    score = models.DecimalField(_("匹配得分"), max_digits=5, decimal_places=3)
    explanation = models.JSONField(_("匹配依据"), default=dict)
    pushed_at = models.DateTimeField(_("推送时间"), auto_now_add=True)
    answer = models.CharField(_("企业答复"), max_length=20, choices=Answer.choices, blank=True)
    answer_note = models.TextField(_("答复说明"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    objects = OwnEnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("专利推送")
        verbose_name_plural = _("专利推送")
        constraints = [
            models.UniqueConstraint(fields=["patent", "enterprise"], name="innovation_push_once")
        ]

    def __str__(self) -> str:
        return f"{self.patent.title} → {self.enterprise}"


class TransferCaseQuerySet(CountyScopedQuerySet):
    def for_enterprise(self, enterprise_id: int):
        return self.filter(push__enterprise_id=enterprise_id)


class TransferCase(CountyOwned, Versioned):
    """An enterprise's interest in a patent followed through: 对接 → 洽谈 → 许可/转让 → 实施."""

    push = models.OneToOneField(
        Push, on_delete=models.PROTECT, related_name="case", verbose_name=_("专利推送")
    )
    stage = models.CharField(
        _("阶段"), max_length=20, choices=TransferStage.choices, default=TransferStage.CONTACT
    )
    end_reason = models.CharField(_("终止原因"), max_length=200, blank=True)
    opened_at = models.DateTimeField(_("立案时间"), auto_now_add=True)

    objects = TransferCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "pk"]
        verbose_name = _("成果转化案例")
        verbose_name_plural = _("成果转化案例")

    def __str__(self) -> str:
        return str(self.push)


class TransferStageChange(models.Model):
    """One change of a case's stage: old, new, who, when, why."""

    case = models.ForeignKey(
        TransferCase, on_delete=models.CASCADE, related_name="changes", verbose_name=_("案例")
    )
    old_stage = models.CharField(
        _("原阶段"), max_length=20, choices=TransferStage.choices, blank=True
    )
    new_stage = models.CharField(_("新阶段"), max_length=20, choices=TransferStage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, verbose_name=_("操作人")
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    reason = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["case", "at", "pk"]
        verbose_name = _("阶段变更")
        verbose_name_plural = _("阶段变更")

    def __str__(self) -> str:
        return f"{self.case}: {self.old_stage} → {self.new_stage}"


class Mine(CountyOwned, Illustrative, Versioned):
    """A coal mine of a county enterprise and its 智能化 status."""

    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        related_name="mines",
        verbose_name=_("企业"),
    )
    name = models.CharField(_("煤矿名称"), max_length=80)
    capacity = models.DecimalField(_("核定产能(万吨/年)"), max_digits=8, decimal_places=1)
    status = models.CharField(
        _("智能化状态"), max_length=20, choices=MineStatus.choices, default=MineStatus.NOT_STARTED
    )

    objects = OwnEnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["county", "name"]
        verbose_name = _("煤矿")
        verbose_name_plural = _("煤矿")
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="innovation_mine_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class WorkingFace(CountyOwned, Illustrative):
    """A 采掘工作面 being made, or made, intelligent."""

    mine = models.ForeignKey(
        Mine, on_delete=models.CASCADE, related_name="faces", verbose_name=_("煤矿")
    )
    name = models.CharField(_("工作面名称"), max_length=60)
    kind = models.CharField(_("类型"), max_length=20, choices=FaceKind.choices)
    status = models.CharField(_("智能化状态"), max_length=20, choices=FaceStatus.choices)

    class Meta:
        ordering = ["mine", "name"]
        verbose_name = _("智能化工作面")
        verbose_name_plural = _("智能化工作面")
        constraints = [
            models.UniqueConstraint(fields=["mine", "name"], name="innovation_face_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.mine} {self.name}"


class SmartMineTarget(CountyOwned, Illustrative):
    """A county's 煤矿智能化 targets for a year."""

    year = models.PositiveSmallIntegerField(_("年度"))
    intelligent_mines = models.PositiveIntegerField(_("智能化煤矿目标数"))
    intelligent_faces = models.PositiveIntegerField(_("智能化工作面目标数"))

    class Meta:
        ordering = ["county", "-year"]
        verbose_name = _("煤矿智能化目标")
        verbose_name_plural = _("煤矿智能化目标")
        constraints = [
            models.UniqueConstraint(fields=["county", "year"], name="innovation_target_unique_year")
        ]
