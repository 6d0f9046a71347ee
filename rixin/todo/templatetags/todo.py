from django import template

from rixin.todo.counts import nav_counts as counts_of

register = template.Library()


@register.inclusion_tag("todo/_nav_counts.html", takes_context=True)
def nav_counts(context):
    request = context.get("request")
    return {"counts": counts_of(request) if request is not None else {}}
