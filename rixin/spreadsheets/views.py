from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rixin.jobs import actions as job_actions
from rixin.jobs.models import Job
from rixin.jobs.progress import current

from . import imports
from .jobs import IMPORT
from .models import ImportBatch, ImportStatus


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


def _in_background(batch: ImportBatch) -> bool:
    return batch.row_count > settings.RIXIN_IMPORT_BACKGROUND_ROWS


def _job_of(request, batch: ImportBatch) -> Job | None:
    """The latest background import of the batch, if it was confirmed in the background."""
    return Job.objects.visible_to(request.user).filter(kind=IMPORT, params__batch=batch.pk).first()


def preview(request, pk):
    batch = _own_batch(request, pk)
    importer = _importer(request, batch.kind, batch.params)
    job = _job_of(request, batch)
    context = {
        "batch": batch,
        "importer": importer,
        "background": _in_background(batch),
        "threshold": settings.RIXIN_IMPORT_BACKGROUND_ROWS,
        "job_progress": current(job) if job else None,
    }
    return render(request, "spreadsheets/preview.html", context)


def _confirm_in_background(request, batch: ImportBatch):
    """Queue the commit for the worker; the batch page shows its progress."""
    job = _job_of(request, batch)
    if job is not None and not job.finished:
        messages.info(request, _("该文件已在后台导入,请稍候。"))
        return redirect("import_preview", pk=batch.pk)
    job_actions.enqueue(
        IMPORT,
        acting_user=request.user,
        params={"batch": batch.pk},
        county=batch.county or None,
        title=_("导入 %(file)s") % {"file": batch.filename},
        total=batch.row_count,
    )
    messages.success(
        request, _("文件较大,已转入后台导入。可以关闭本页,完成或失败时会收到消息通知。")
    )
    return redirect("import_preview", pk=batch.pk)


@require_POST
def confirm(request, pk):
    batch = _own_batch(request, pk)
    importer = _importer(request, batch.kind, batch.params)
    if batch.status == ImportStatus.PREVIEWED and _in_background(batch):
        return _confirm_in_background(request, batch)
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
