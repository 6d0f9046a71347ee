from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.forms import ActionErrorsMixin

from .review import APPROVE, RETURN


class BulkReviewForm(ActionErrorsMixin, forms.Form):
    """The ticked reports (``report``), each with the version shown (``version_<pk>``)."""

    decision = forms.ChoiceField(
        label=_("审核结果"), choices=[(APPROVE, _("批量通过")), (RETURN, _("退回"))]
    )
    reason = forms.CharField(label=_("退回原因"), required=False, max_length=500)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.picked = data.getlist("report") if data is not None else []

    def clean(self):
        data = super().clean()
        versions = {}
        for raw in self.picked:
            try:
                pk = int(raw)
                versions[pk] = int(self.data.get(f"version_{pk}", ""))
            except (TypeError, ValueError):
                raise forms.ValidationError(_("所选报告有误,请刷新页面后重试。")) from None
        if not versions:
            raise forms.ValidationError(_("请至少勾选一份报告。"))
        if data.get("decision") == RETURN and not (data.get("reason") or "").strip():
            self.add_error("reason", _("退回报告须说明原因。"))
        data["versions"] = versions
        return data
