"""Who has a to-do list: every officer of a county (their department's work, and the
desk's, the review's or the investment centre's by the kind of department) and an
enterprise user (its own appeals). Leaders have no work items: they land on the cockpit."""

from rixin.accounts.roles import Role


def has_todo(user) -> bool:
    if not (user.is_authenticated and user.is_active and user.county_code):
        return False
    if user.role == Role.OFFICER:
        return bool(user.department_id)
    return user.role == Role.ENTERPRISE and bool(user.enterprise_id)
