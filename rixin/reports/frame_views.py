"""The county administrator's page for the county's 公文 frame (发文机关标志, 发文字号, …)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from rixin.accounts.access import require
from rixin.forms import VersionedModelForm
from rixin.views import form_page

from . import actions
from .access import is_county_admin
from .models import ReportFrame

FIELDS = [
    "issuer_mark",
    "number_pattern",
    "addressee",
    "signatory",
    "date_offset_days",
    "secrecy",
    "secrecy_term",
    "urgency",
]


class FrameForm(VersionedModelForm):
    class Meta:
        model = ReportFrame
        fields = FIELDS

    def validate_unique(self):
        pass


@require(is_county_admin)
def frame_settings(request):
    county_code = request.user.county_code
    current = ReportFrame.objects.filter(county_id=county_code).first() or ReportFrame(
        county_id=county_code
    )
    form = FrameForm(request.POST or None, instance=current)
    return form_page(
        request,
        form,
        "reports/frame_settings.html",
        save=lambda form: actions.save_frame(
            acting_user=request.user,
            county_code=county_code,
            expected_version=form.expected_version if current.pk else None,
            **{name: form.cleaned_data[name] for name in FIELDS},
        ),
        success_message=_("已保存。"),
        success_url=reverse("report_frame_settings"),
        context={"title": _("公文格式设置")},
    )
