"""Every appeal whose clock runs shows its countdown in working days, on the county's
calendar, in the list, the inbox and the detail."""

import datetime

from django.utils import timezone

from rixin.appeals import actions

from .factories import answered, dispatched, moment

D = datetime.date


def test_countdown_counts_working_days_left_and_past(personas):
    appeal = dispatched(personas, at=moment("2024-09-27"))  # deadline 2024-10-10
    assert appeal.countdown(D(2024, 9, 30)) == ("left", 3)  # 10-01..10-07 are holidays
    assert appeal.countdown(D(2024, 10, 10)) == ("left", 0)
    # 10-11, the make-up Saturday 10-12, and 10-14.
    assert appeal.countdown(D(2024, 10, 14)) == ("overdue", 3)


def test_no_countdown_once_answered(personas):
    appeal = answered(personas, at=moment("2024-09-27"))
    assert appeal.countdown(D(2024, 10, 14)) is None


def test_a_returned_appeal_keeps_counting(personas):
    appeal = dispatched(personas, at=moment("2024-09-27"))
    actions.return_appeal(appeal, "非本部门职责", acting_user=personas.officer)
    assert appeal.countdown(D(2024, 10, 14)) == ("overdue", 3)


def _days_left_text(appeal):
    kind, days = appeal.countdown(timezone.localdate())
    return f"剩余{days}个工作日" if kind == "left" and days else None


def test_list_inbox_and_detail_show_the_countdown(personas, client_for):
    appeal = dispatched(personas)
    expected = _days_left_text(appeal)
    client = client_for(personas.officer)
    for url in ("/appeals/", "/appeals/inbox/", f"/appeals/{appeal.pk}/"):
        page = client.get(url).content.decode()
        assert 'data-testid="countdown"' in page, url
        if expected:
            assert expected in page, url


def test_an_overdue_appeal_says_so_in_working_days(personas, client_for):
    dispatched(personas, at=moment("2024-07-01"))
    page = client_for(personas.officer).get("/appeals/").content.decode()
    assert "已逾期" in page and "个工作日" in page
