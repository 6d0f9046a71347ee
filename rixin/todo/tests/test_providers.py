"""What each working role finds in 我的待办, and where each item leads."""

import datetime
from decimal import Decimal

from rixin.appeals import actions as appeal_actions
from rixin.appeals.tests.factories import answered, dispatched, moment, registered
from rixin.projects import actions as project_actions
from rixin.projects.choices import ProjectStatus
from rixin.projects.tests.factories import project, report
from rixin.todo import providers
from rixin.todo.providers import countdown, items_for

TODAY = datetime.date(2024, 7, 24)  # a Wednesday


def _titles(items, section):
    return [i.title for i in items if str(i.section) == str(section)]


def test_the_countdown_is_in_working_days(db):
    # 2024-07-24 (Wed) to 2024-07-29 (Mon): Thu, Fri, Mon.
    assert countdown(TODAY, datetime.date(2024, 7, 29), "140725") == ("剩余3个工作日", False)
    assert countdown(TODAY, datetime.date(2024, 7, 22), "140725") == ("已逾期2个工作日", True)


def test_a_department_signs_then_answers_nearest_deadline_first(personas):
    later = dispatched(personas, at=moment("2024-07-22"), lead=personas.transport.department)
    sooner = dispatched(
        personas, at=moment("2024-07-15"), lead=personas.transport.department, title="道路占用许可"
    )
    items = [i for i in items_for(personas.transport, TODAY) if i.section == providers.S_APPEALS]
    assert [i.url for i in items] == [f"/appeals/{sooner.pk}/", f"/appeals/{later.pk}/"]
    assert [str(i.action) for i in items] == ["签收", "签收"]
    assert items[0].countdown.startswith(("剩余", "已逾期"))
    appeal_actions.acknowledge_appeal(
        later, acting_user=personas.transport, at=moment("2024-07-23")
    )
    actions = {i.url: str(i.action) for i in items_for(personas.transport, TODAY)}
    assert actions[f"/appeals/{later.pk}/"] == "答复"
    # Another department has nothing of it.
    assert not [i for i in items_for(personas.tongji, TODAY) if i.section == providers.S_APPEALS]


def test_reports_owed_returned_and_waiting_for_review(personas):
    building = project(
        personas.transport, name="环城路改造", status=ProjectStatus.UNDER_CONSTRUCTION
    )
    owed = items_for(personas.transport, TODAY)
    assert _titles(owed, providers.S_REPORTS) == ["环城路改造"]
    assert f"/projects/{building.pk}/reports/2024/6/" in [i.url for i in owed]
    june = report(personas.transport, building, 6, "120")
    assert not _titles(items_for(personas.transport, TODAY), providers.S_REPORTS)
    review = items_for(personas.officer, TODAY)
    assert _titles(review, providers.S_REVIEW) == ["环城路改造"]
    assert any(i.url == "/projects/reporting/?year=2024&month=6" for i in review)
    project_actions.return_report(june, acting_user=personas.officer, reason="照片缺失")
    returned = items_for(personas.transport, TODAY)
    assert len(_titles(returned, providers.S_REPORTS)) == 2  # owed again, and returned
    assert any("照片缺失" in i.detail for i in returned)


def test_problems_routed_to_the_department_and_milestones_due(personas):
    road = project(personas.officer, name="物流园道路", status=ProjectStatus.UNDER_CONSTRUCTION)
    project_actions.raise_problem(
        road,
        acting_user=personas.officer,
        description="需要占用国道施工",
        department=personas.transport.department,
    )
    assert _titles(items_for(personas.transport, TODAY), providers.S_PROBLEMS) == ["物流园道路"]
    own = project(personas.transport, name="客运站", status=ProjectStatus.UNDER_CONSTRUCTION)
    for name, due in (("开工", "2024-08-02"), ("竣工", "2024-12-30")):
        project_actions.add_milestone(
            own,
            acting_user=personas.transport,
            name=name,
            type="other",
            due_date=datetime.date.fromisoformat(due),
        )
    milestones = [
        i for i in items_for(personas.transport, TODAY) if i.section == providers.S_MILESTONES
    ]
    assert [i.title for i in milestones] == ["客运站:开工"]  # within 10 working days only


def test_the_desk_registers_dispatches_and_chases(personas):
    waiting = registered(personas, at=moment("2024-07-01"))
    late = dispatched(personas, at=moment("2024-06-03"), title="土地证办理慢")
    desk = items_for(personas.gongshanglian, TODAY)
    assert f"/appeals/{waiting.pk}/" in [i.url for i in desk if i.section == providers.S_DESK]
    chase = [i for i in desk if i.section == providers.S_CHASE]
    assert [i.url for i in chase] == [f"/appeals/{late.pk}/"] and chase[0].overdue
    assert items_for(personas.yingshang, TODAY)  # 营商环境局 runs the desk too


def test_the_enterprise_sees_its_appeals_and_the_answers_to_mark(personas):
    answered(personas, at=moment("2024-07-01"))
    registered(personas, at=moment("2024-07-10"), title="融资担保")
    items = items_for(personas.enterprise_user, TODAY)
    assert str(items[0].section) == "待我评价" and str(items[0].action) == "评价"
    assert {i.detail for i in items} == {"等待您评价答复", "等待派单"}
    desk = items_for(personas.gongshanglian, TODAY)
    assert [i for i in desk if i.section == providers.S_MARKS]


def test_leaders_and_viewers_have_no_list(personas):
    assert items_for(personas.leader, TODAY) == []
    assert items_for(personas.city_viewer, TODAY) == []


def test_the_money_in_a_report_does_not_matter_to_the_list(personas):
    building = project(personas.transport, name="桥梁", status=ProjectStatus.NEW_START)
    report(personas.transport, building, 6, Decimal("0"))
    assert not _titles(items_for(personas.transport, TODAY), providers.S_REPORTS)


def test_an_extension_request_waits_on_the_desk_until_decided(personas):
    appeal = dispatched(personas, at=moment("2024-07-01"))
    appeal_actions.acknowledge_appeal(appeal, acting_user=personas.officer, at=moment("2024-07-02"))
    appeal_actions.request_extension(
        appeal, 5, "需等待供电公司勘察", acting_user=personas.officer, at=moment("2024-07-03")
    )
    decider = [
        i for i in items_for(personas.yingshang, TODAY) if i.section == providers.S_EXTENSIONS
    ]
    assert [i.url for i in decider] == [f"/appeals/{appeal.pk}/"]
    assert str(decider[0].action) == "审批延期" and "延长5个工作日" in decider[0].detail
    follower = [
        i for i in items_for(personas.gongshanglian, TODAY) if i.section == providers.S_EXTENSIONS
    ]
    assert [str(i.action) for i in follower] == ["查看"]
    assert not [
        i for i in items_for(personas.transport, TODAY) if i.section == providers.S_EXTENSIONS
    ]
    appeal_actions.decide_extension(
        appeal, granted=True, acting_user=personas.yingshang, at=moment("2024-07-04")
    )
    assert not [
        i for i in items_for(personas.yingshang, TODAY) if i.section == providers.S_EXTENSIONS
    ]


def test_the_answer_date_on_the_desk_is_the_county_s_calendar_day(personas):
    answered(personas, at=moment("2024-07-01"), answer_at=moment("2024-07-02", 0))
    desk = items_for(personas.gongshanglian, TODAY)
    (mark,) = [i for i in desk if i.section == providers.S_MARKS]
    assert mark.detail == "答复于2024-07-02,等待企业评价"
