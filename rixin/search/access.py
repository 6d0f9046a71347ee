"""Who searches, and what each finds: every kind of row through its own app's rules (the
page predicate of the kind, then ``Model.objects.visible_to(user)``), so the search shows
nothing its user could not open."""

from rixin.appeals.access import reads_appeals
from rixin.directory.access import reads_directory
from rixin.investment.access import sees_leads
from rixin.projects.access import reads_projects


def searches_projects(user) -> bool:
    return reads_projects(user)


def searches_enterprises(user) -> bool:
    return reads_directory(user)


def searches_leads(user) -> bool:
    return sees_leads(user)


def searches_appeals(user) -> bool:
    return reads_appeals(user)


def may_search(user) -> bool:
    """Whoever may read one of the kinds (the three administrators read none)."""
    return user.is_authenticated and any(
        check(user)
        for check in (searches_projects, searches_enterprises, searches_leads, searches_appeals)
    )
