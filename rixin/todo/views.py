"""我的待办: the landing page of every working role, and the 发改局's 批量通过 / 退回."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from rixin.accounts.access import require
from rixin.projects.access import reviews_reports

from .access import has_todo
from .counts import todo_items
from .forms import BulkReviewForm
from .providers import sections
from .review import review_reports


@require(has_todo)
def index(request):
    items = todo_items(request)
    return render(request, "todo/index.html", {"sections": sections(items), "total": len(items)})


@require(reviews_reports)
@require_POST
def review(request):
    form = BulkReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("todo:index")
    outcome = review_reports(
        form.cleaned_data["versions"],
        decision=form.cleaned_data["decision"],
        reason=form.cleaned_data["reason"],
        acting_user=request.user,
    )
    messages.success(request, outcome.summary())
    for name, why in outcome.refused:
        messages.warning(request, f"{name}:{why}")
    return redirect("todo:index")
