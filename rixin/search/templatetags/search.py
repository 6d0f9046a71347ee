from django import template

from rixin.search.access import may_search

register = template.Library()


@register.inclusion_tag("search/_box.html", takes_context=True)
def search_box(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = user is not None and may_search(user)
    return {"shown": shown, "q": request.GET.get("q", "") if shown else ""}
