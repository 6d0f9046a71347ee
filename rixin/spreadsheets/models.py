from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("待确认")
    REJECTED = "rejected", _("有错误")
    COMMITTED = "committed", _("已导入")


class ImportBatch(models.Model):
    """An uploaded workbook between its preview and its confirmation."""

    kind = models.CharField(_("导入类型"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("上传人"),
    )
    county = models.CharField(_("所属县"), max_length=6, blank=True)
    filename = models.CharField(_("文件名"), max_length=200)
    content = models.BinaryField(_("文件内容"))
    # The rows the preview read and checked, as JSON, and the key of the file they were read
    # from (rixin.spreadsheets.imports.rows_key): confirm plans them without reading the
    # file again, and only for the same key.
    rows = models.TextField(_("已读取的行"), blank=True, default="")
    rows_key = models.CharField(_("行的来源摘要"), max_length=64, blank=True, default="")
    params = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=ImportStatus.choices)
    row_count = models.PositiveIntegerField(_("行数"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    summary = models.JSONField(_("变更摘要"), default=dict, blank=True)
    created = models.DateTimeField(_("上传时间"), default=timezone.now)
    committed = models.DateTimeField(_("导入时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")

    def __str__(self) -> str:
        return f"{self.kind} {self.filename}"
