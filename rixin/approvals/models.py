"""并联审批: the county's catalogue of stages and items, and each project's approval case,
whose items run in parallel on working-day clocks, every step a transition row."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rixin.regions.models import CountyOwned, CountyScopedQuerySet, Illustrative, Versioned

from .choices import (
    CLOSED,
    DECIDED,
    AcceptanceStatus,
    CaseStatus,
    ItemKind,
    ItemStatus,
    ProjectType,
    Step,
)

LIMIT = [MinValueValidator(1), MaxValueValidator(250)]


class Stage(CountyOwned, Illustrative, Versioned):
    """One of the four national stages, as the county runs it: lead department and limit."""

    order = models.PositiveSmallIntegerField(_("顺序"))
    name = models.CharField(_("阶段名称"), max_length=40)
    lead_department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="approval_stages",
        verbose_name=_("牵头部门"),
    )
    time_limit_days = models.PositiveSmallIntegerField(_("时限(工作日)"), validators=LIMIT)
    may_overlap = models.BooleanField(
        _("可与上一阶段并行"),
        default=False,
        help_text=_("“并肩跑”:上一阶段未办结时即可开始本阶段。"),
    )

    class Meta:
        ordering = ["county", "order"]
        verbose_name = _("审批阶段")
        verbose_name_plural = _("审批阶段")
        constraints = [
            models.UniqueConstraint(fields=["county", "order"], name="approval_stage_order"),
            models.UniqueConstraint(fields=["county", "name"], name="approval_stage_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.lead_department_id and self.county_id:
            if self.lead_department.county_id != self.county_id:
                raise ValidationError({"lead_department": _("牵头部门不属于本县。")})


class CatalogueItem(CountyOwned, Illustrative, Versioned):
    """An approval item (审批事项) of a stage: who decides it, in how many working days,
    on which materials, and how it may be handled."""

    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="items", verbose_name=_("所属阶段")
    )
    code = models.SlugField(_("事项编码"), max_length=30)
    name = models.CharField(_("事项名称"), max_length=60)
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="approval_items",
        verbose_name=_("办理部门"),
    )
    time_limit_days = models.PositiveSmallIntegerField(_("时限(工作日)"), validators=LIMIT)
    kind = models.CharField(
        _("办理方式"), max_length=12, choices=ItemKind.choices, default=ItemKind.NORMAL
    )
    materials = models.TextField(_("申请材料"), blank=True, help_text=_("每行一项。"))
    joint_acceptance = models.BooleanField(
        _("参加联合验收"), default=False, help_text=_("办理部门在联合验收中签署意见。")
    )
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["county", "stage__order", "code"]
        verbose_name = _("审批事项")
        verbose_name_plural = _("审批事项")
        constraints = [
            models.UniqueConstraint(fields=["county", "code"], name="approval_item_code")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.stage_id and self.county_id and self.stage.county_id != self.county_id:
            errors["stage"] = _("所属阶段不属于本县。")
        if self.department_id and self.county_id and self.department.county_id != self.county_id:
            errors["department"] = _("办理部门不属于本县。")
        if (
            self.stage_id
            and self.time_limit_days
            and self.time_limit_days > (self.stage.time_limit_days or 0)
        ):
            errors["time_limit_days"] = _("事项时限不能超过所属阶段的时限(%(n)s个工作日)。") % {
                "n": self.stage.time_limit_days
            }
        if errors:
            raise ValidationError(errors)

    @property
    def material_list(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]


class CaseQuerySet(CountyScopedQuerySet):
    def for_enterprise(self, enterprise_id: int):
        """The applicant enterprise follows its own cases."""
        return self.filter(project__owner_id=enterprise_id)

    def in_progress(self):
        return self.filter(status=CaseStatus.OPEN)


class Case(CountyOwned, Illustrative, Versioned):
    """The approval case of one project of the library, found by its 24-character code."""

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="approval_cases",
        verbose_name=_("项目"),
    )
    project_type = models.CharField(
        _("项目类型"), max_length=12, choices=ProjectType.choices, default=ProjectType.SOCIAL
    )
    opened_on = models.DateField(_("立案日期"))
    status = models.CharField(
        _("状态"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["county", "-opened_on", "pk"]
        verbose_name = _("审批案件")
        verbose_name_plural = _("审批案件")
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(status="open"),
                name="approval_one_open_case_per_project",
            )
        ]
        indexes = [models.Index(fields=["county", "status"])]

    def __str__(self) -> str:
        return str(_("%(project)s 审批") % {"project": self.project.name})


class CaseStage(models.Model):
    """A stage of one case: when its first item was accepted and its last one decided."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="stages", verbose_name=_("审批案件")
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="case_stages", verbose_name=_("阶段")
    )
    started_on = models.DateField(_("开始日期"), null=True, blank=True)
    finished_on = models.DateField(_("办结日期"), null=True, blank=True)
    started_early = models.BooleanField(_("提前开始(并肩跑)"), default=False)

    class Meta:
        ordering = ["case", "stage__order"]
        verbose_name = _("案件阶段")
        verbose_name_plural = _("案件阶段")
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="approval_case_stage_once")
        ]

    def __str__(self) -> str:
        return self.stage.name


class CaseItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(case__in=Case.objects.visible_to(user))

    def open(self):
        return self.exclude(status__in=CLOSED)


class CaseItem(models.Model):
    """One approval item of a case, on its own working-day clock. Department, limit and
    kind are copied from the catalogue when the case opens, so later edits of the catalogue
    do not move a running clock."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="items", verbose_name=_("审批案件")
    )
    case_stage = models.ForeignKey(
        CaseStage, on_delete=models.CASCADE, related_name="items", verbose_name=_("案件阶段")
    )
    catalogue_item = models.ForeignKey(
        CatalogueItem, on_delete=models.PROTECT, related_name="case_items", verbose_name=_("事项")
    )
    name = models.CharField(_("事项名称"), max_length=60)
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="approval_case_items",
        verbose_name=_("办理部门"),
    )
    time_limit_days = models.PositiveSmallIntegerField(_("时限(工作日)"), validators=LIMIT)
    kind = models.CharField(_("办理方式"), max_length=12, choices=ItemKind.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PENDING
    )
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    decided_on = models.DateField(_("办结日期"), null=True, blank=True)
    paused_on = models.DateField(_("补正开始日期"), null=True, blank=True)
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    missing_materials = models.TextField(_("容缺材料"), blank=True)
    supply_by = models.DateField(_("容缺材料补齐期限"), null=True, blank=True)

    objects = CaseItemQuerySet.as_manager()

    class Meta:
        ordering = ["case", "case_stage__stage__order", "catalogue_item__code"]
        verbose_name = _("案件事项")
        verbose_name_plural = _("案件事项")
        indexes = [models.Index(fields=["department", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED


class Transition(models.Model):
    """One step of a case: 立案, 受理, 补正, 重新计时, 办结, 撤回, 联合验收. Append-only; the
    clocks are read from these rows."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("审批案件")
    )
    item = models.ForeignKey(
        CaseItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="transitions",
        verbose_name=_("事项"),
    )
    step = models.CharField(_("步骤"), max_length=12, choices=Step.choices)
    old_status = models.CharField(_("原状态"), max_length=12, blank=True)
    new_status = models.CharField(_("新状态"), max_length=12, blank=True)
    on = models.DateField(_("日期"))
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("部门"),
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["on", "at", "pk"]
        verbose_name = _("审批步骤")
        verbose_name_plural = _("审批步骤")

    def __str__(self) -> str:
        return f"{self.on} {self.get_step_display()}"


class JointAcceptance(models.Model):
    """联合验收: one joint acceptance of a case, with each department's sign-off."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="joint_acceptance", verbose_name=_("审批案件")
    )
    convened_on = models.DateField(_("组织验收日期"))
    status = models.CharField(
        _("状态"), max_length=10, choices=AcceptanceStatus.choices, default=AcceptanceStatus.OPEN
    )
    concluded_on = models.DateField(_("验收结论日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("联合验收")
        verbose_name_plural = _("联合验收")

    def __str__(self) -> str:
        return str(_("联合验收"))


class SignOff(models.Model):
    """One department's sign-off in a joint acceptance."""

    acceptance = models.ForeignKey(
        JointAcceptance,
        on_delete=models.CASCADE,
        related_name="signoffs",
        verbose_name=_("联合验收"),
    )
    department = models.ForeignKey(
        "directory.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("部门")
    )
    signed_on = models.DateField(_("签署日期"), null=True, blank=True)
    passed = models.BooleanField(_("验收合格"), null=True)
    opinion = models.CharField(_("验收意见"), max_length=300, blank=True)

    class Meta:
        ordering = ["acceptance", "department__name"]
        verbose_name = _("验收签署")
        verbose_name_plural = _("验收签署")
        constraints = [
            models.UniqueConstraint(
                fields=["acceptance", "department"], name="approval_signoff_once"
            )
        ]

    def __str__(self) -> str:
        return self.department.name


def supplementary_path(instance, filename: str) -> str:
    return f"approvals/{instance.item.case_id}/{filename}"


class SupplementaryFile(models.Model):
    """A material the applicant enterprise uploads for an item (补正 or 容缺 materials)."""

    item = models.ForeignKey(
        CaseItem, on_delete=models.CASCADE, related_name="files", verbose_name=_("事项")
    )
    file = models.FileField(_("文件"), upload_to=supplementary_path)
    original_name = models.CharField(_("原文件名"), max_length=120)
    content_type = models.CharField(_("文件类型"), max_length=40)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["item", "uploaded_at"]
        verbose_name = _("补充材料")
        verbose_name_plural = _("补充材料")

    def __str__(self) -> str:
        return self.original_name
