from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import imports
from .models import ImportBatch


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("表格文件(.xlsx、.xls、.et、.ods)"))


def _importer(request, kind: str, params: dict) -> imports.Importer:
    cls = imports.importer_class(kind)
    if cls is None:
        raise Http404
    importer = cls(request.user, params)
    if not importer.allowed():
        raise PermissionDenied
    return importer


def upload(request, kind):
    """Upload a file: every row is checked and the preview shown before anything is written."""
    params = {
        k: v for k, v in request.GET.items() if k in ("month", "year", "period", "department")
    }
    importer = _importer(request, kind, params)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = imports.preview(importer, form.cleaned_data["file"])
        except imports.FileRejected as exc:
            form.add_error("file", exc)
        else:
            return redirect("import_preview", pk=batch.pk)
    return render(request, "spreadsheets/upload.html", {"form": form, "importer": importer})


def _own_batch(request, pk) -> ImportBatch:
    # Only the person who uploaded a file sees its preview.
    return get_object_or_404(ImportBatch, pk=pk, user=request.user)


def preview(request, pk):
    batch = _own_batch(request, pk)
    importer = _importer(request, batch.kind, batch.params)
    return render(request, "spreadsheets/preview.html", {"batch": batch, "importer": importer})


@require_POST
def confirm(request, pk):
    batch = _own_batch(request, pk)
    importer = _importer(request, batch.kind, batch.params)
    try:
        result = imports.commit(batch, importer)
    except (ValidationError, imports.FileRejected) as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("import_preview", pk=batch.pk)
    if result.errors:
        messages.error(request, _("数据在预览后发生了变化,出现了错误,未写入任何数据。"))
    else:
        messages.success(
            request, _("导入完成:%(counts)s") % {"counts": describe_counts(result.counts)}
        )
    return redirect("import_preview", pk=batch.pk)


KIND_LABELS = {
    "create": gettext_lazy("新增"),
    "update": gettext_lazy("更新"),
    "correction": gettext_lazy("更正"),
    "unchanged": gettext_lazy("无变化"),
}


def describe_counts(counts: dict) -> str:
    return imports.list_separator().join(
        f"{KIND_LABELS.get(k, k)} {v}" for k, v in counts.items()
    ) or _("无变化")
