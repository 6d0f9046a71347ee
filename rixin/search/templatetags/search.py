from django import template

from rixin.search.access import may_search

register = template.Library()


@register.inclusion_tag("search/_box.html", takes_context=True)
def search_box(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    shown = user is not None and may_search(user)
    # The box repeats the words only on the search page (a list's own filter also says q).
    match = getattr(request, "resolver_match", None)
    on_page = shown and match is not None and match.view_name == "search:index"
    return {"shown": shown, "q": request.GET.get("q", "") if on_page else ""}
