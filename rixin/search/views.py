"""/search/?q=: one box for projects, enterprises, leads and appeals."""

from django.shortcuts import render

from rixin.accounts.access import require

from .access import may_search
from .finders import search


@require(may_search)
def index(request):
    text = request.GET.get("q", "").strip()
    groups = search(request.user, text)
    total = sum(len(hits) for _kind, hits in groups)
    return render(request, "search/index.html", {"q": text, "groups": groups, "total": total})
