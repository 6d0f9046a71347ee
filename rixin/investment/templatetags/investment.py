from django import template

from rixin.investment import access

register = template.Library()


@register.filter
def sees_leads(user) -> bool:
    """{% if user|sees_leads %}: may this user see the confidential leads and activities?"""
    return access.sees_leads(user)
