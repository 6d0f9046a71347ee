"""我的待办: the landing page of every working role."""

from django.shortcuts import render

from rixin.accounts.access import require

from .access import has_todo
from .counts import todo_items
from .providers import sections


@require(has_todo)
def index(request):
    items = todo_items(request)
    return render(request, "todo/index.html", {"sections": sections(items), "total": len(items)})
