"""The division-change pages: the changes recorded in the administrator's province, and the
form that records one (更名, 撤县设区(市), 合并, 撤销)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from rixin.accounts.access import require
from rixin.views import form_page

from .access import province_prefix, records_division_changes
from .actions import record_division_change
from .forms import DivisionChangeForm
from .models import DivisionChange


@require(records_division_changes)
def change_list(request):
    changes = DivisionChange.objects.select_related("division", "successor", "recorded_by")
    prefix = province_prefix(request.user)
    if prefix is not None:
        changes = changes.filter(division__code__startswith=prefix)
    changes = changes.order_by("-effective_date", "-pk")
    return render(request, "regions/change_list.html", {"changes": changes})


@require(records_division_changes)
def change_create(request):
    user = request.user
    form = DivisionChangeForm(request.POST or None, prefix_code=province_prefix(user))

    def save(f):
        data = dict(f.cleaned_data)
        division = data.pop("division")
        return record_division_change(division, acting_user=user, **data)

    return form_page(
        request,
        form,
        "regions/change_form.html",
        save=save,
        success_message=lambda change: _("已登记区划变更:%(change)s。") % {"change": change},
        success_url=reverse("regions:change_list"),
    )
