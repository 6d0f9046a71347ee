"""The background import: a confirmed file of more than ``RIXIN_IMPORT_BACKGROUND_ROWS``
rows is committed by the worker, not in the request (rixin.jobs).

The job runs ``imports.commit`` as the person who uploaded the file, with the same checks as
a confirm in the request. It is once-only through the batch's claim: a job taken up again
after its worker was killed finds the batch still 待确认 (the killed transaction was rolled
back) and commits it, or finds it 已导入 and reports that."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.jobs.registry import JobFailed, Outcome, register

from . import imports
from .models import ImportBatch, ImportStatus

IMPORT = "spreadsheets.import"


def may_import(user, params: dict) -> bool:
    """The uploader of the batch, while the importer still allows them (its own rule)."""
    batch = ImportBatch.objects.filter(pk=params.get("batch"), user=user).first()
    cls = imports.importer_class(batch.kind) if batch else None
    return cls is not None and cls(user, batch.params).allowed()


def _done(batch: ImportBatch) -> Outcome:
    from .views import describe_counts

    counts = describe_counts((batch.summary or {}).get("counts", {}))
    return Outcome(
        message=_("导入完成:%(counts)s") % {"counts": counts},
        link=reverse("import_preview", args=[batch.pk]),
    )


@register(IMPORT, title=gettext_lazy("后台导入"), allowed=may_import)
def run_import(job, progress) -> Outcome:
    batch = ImportBatch.objects.select_related("user").get(pk=job.params["batch"])
    if batch.status == ImportStatus.COMMITTED:
        return _done(batch)
    cls = imports.importer_class(batch.kind)
    if cls is None:
        raise JobFailed(_("未知的导入类型。"))
    importer = cls(batch.user, batch.params)
    progress(0, batch.row_count, _("正在重新读取并校验文件…"))
    try:
        result = imports.commit(
            batch,
            importer,
            progress=lambda done, total: progress(done, total, _("正在写入…")),
            progress_every=settings.RIXIN_IMPORT_PROGRESS_ROWS,
        )
    except imports.AlreadyCommitted:
        batch.refresh_from_db()
        return _done(batch)
    except PermissionDenied:
        raise JobFailed(_("无权导入该文件,未写入任何数据。")) from None
    except ValidationError as exc:  # FileRejected is one
        raise JobFailed("; ".join(exc.messages)) from None
    if result.errors:
        raise JobFailed(_("数据在预览后发生了变化,出现了错误,未写入任何数据。"))
    batch.refresh_from_db()
    return _done(batch)
