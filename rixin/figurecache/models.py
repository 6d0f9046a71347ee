"""The data version of each county, city and province: what the cached figures' keys carry."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The scope of a write that changes every county's figures (the national calendar, the
# standard indicators, a change of divisions).
EVERYWHERE = "*"


class FigureVersion(models.Model):
    """A counter that goes up after every committed write changing the figures of its scope
    (a county, city or province code, or ``EVERYWHERE``). A cached figure is stored under the
    versions it was computed at, so a new version makes the old entries unreachable."""

    scope = models.CharField(_("范围"), max_length=12, primary_key=True)
    version = models.PositiveBigIntegerField(_("数据版本"), default=0)
    changed_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self) -> str:
        return f"{self.scope} v{self.version}"
