"""A job's page (/jobs/<pk>/), its progress partial (polled by HTMX every 2 s) and its
result file. A job is its creator's: anyone else gets 404."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rixin.spreadsheets.exports import content_disposition

from . import access, files
from .progress import current


@require_GET
def job(request, pk):
    found = access.job_or_404(request.user, pk)
    return render(request, "jobs/job.html", {"job": found, "progress": current(found)})


@require_GET
def job_progress(request, pk):
    """The progress card alone; once the job has ended an HTMX request reloads the page, so
    the page around it (an import's batch, the result links) shows the outcome."""
    found = access.job_or_404(request.user, pk)
    response = render(request, "jobs/_progress.html", {"progress": current(found)})
    if found.finished and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_GET
def job_result(request, pk):
    found = access.job_or_404(request.user, pk)
    path = files.result_path(found.result_file)
    if path is None:
        raise Http404
    response = FileResponse(path.open("rb"))
    response["Content-Disposition"] = content_disposition(found.result_name or path.name)
    return response
