from datetime import datetime, time

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.accounts.access import is_audit_admin, require
from rixin.spreadsheets.exports import Sheet, export_xlsx

from .models import AuditAction, AuditEvent
from .readable import readable


class AuditFilterForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("起始日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=gettext_lazy("截止日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    user = forms.CharField(label=gettext_lazy("用户名"), required=False)
    action = forms.ChoiceField(
        label=gettext_lazy("操作"),
        required=False,
        choices=[("", gettext_lazy("全部"))] + AuditAction.choices,
    )
    object_type = forms.CharField(label=gettext_lazy("对象类型"), required=False)
    object_id = forms.CharField(label=gettext_lazy("对象编号"), required=False)


def _filtered(request):
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        tz = timezone.get_current_timezone()
        if data["start"]:
            events = events.filter(time__gte=datetime.combine(data["start"], time.min, tz))
        if data["end"]:
            events = events.filter(time__lte=datetime.combine(data["end"], time.max, tz))
        if data["user"]:
            events = events.filter(username=data["user"])
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["object_type"]:
            events = events.filter(object_type=data["object_type"])
        if data["object_id"]:
            events = events.filter(object_id=data["object_id"])
    return form, events


@require(is_audit_admin)
def audit_list(request):
    form, events = _filtered(request)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    template = "audit/audit_list.html#results" if request.htmx else "audit/audit_list.html"
    return render(request, template, {"form": form, "page": page, "rows": readable(page)})


@require(is_audit_admin)
def audit_export(request):
    _form, events = _filtered(request)
    rows = [
        [
            timezone.localtime(e.time).strftime("%Y-%m-%d %H:%M:%S"),
            e.username,
            e.role,
            e.ip or "",
            e.request_id,
            e.channel,
            e.get_action_display(),
            e.object_type,
            e.object_id,
            e.object_repr,
            e.county,
            str(e.before or ""),
            str(e.after or ""),
            e.get_outcome_display(),
            e.message,
        ]
        for e in events[:100000]
    ]
    headers = [
        _("时间"),
        _("用户名"),
        _("角色"),
        "IP",
        _("请求编号"),
        _("渠道"),
        _("操作"),
        _("对象类型"),
        _("对象编号"),
        _("对象"),
        _("所属县"),
        _("修改前"),
        _("修改后"),
        _("结果"),
        _("说明"),
    ]
    return export_xlsx(
        _("审计日志.xlsx"),
        [Sheet(_("审计日志"), headers, rows)],
        ascii_name="audit-log.xlsx",
        acting_user=request.user,
        what="audit.auditevent",
        rows=len(rows),
    )
