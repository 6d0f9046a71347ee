"""Innovation test data, built through the actions."""

import datetime

from rixin.accounts.access import system_actor
from rixin.directory.models import University
from rixin.innovation import actions
from rixin.testing import division


def university(name="太原理工大学"):
    return University.objects.filter(name=name).first() or University.objects.create(name=name)


def patent(county="140725", number="CN112345671A", title="一种高强度石膏板护面纸"):
    return actions.list_patent(
        acting_user=system_actor(),
        county=division(county),
        university=university(),
        title=title,
        number=number,
        ipc="D21H 27/10",
        abstract="以废纸浆为原料的石膏板护面纸",
        holder="太原理工大学",
        listed_on=datetime.date(2024, 6, 1),
    )


def push(enterprise, number="CN112345671A"):
    p = patent(enterprise.county_id, number=number)
    return actions.push_patent(p, acting_user=system_actor(), enterprises=[enterprise])[0]


def case(enterprise):
    pushed = push(enterprise)
    actions.answer_push(pushed, acting_user=system_actor(), answer="interested")
    pushed.refresh_from_db()
    return pushed.case
