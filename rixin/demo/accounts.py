"""One demo account per role. Role names only: no real person's name."""

from __future__ import annotations

from dataclasses import dataclass

from rixin.accounts.access import system_actor
from rixin.accounts.actions import create_user
from rixin.accounts.models import User
from rixin.accounts.roles import Role
from rixin.directory.choices import DepartmentKind as K
from rixin.directory.models import Department, Enterprise
from rixin.regions.models import Division

DEMO_PASSWORD = "Rixin-demo-2024"


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: str
    division: str
    department_kind: str = ""
    enterprise: str = ""


DEMO_USERS = [
    DemoUser("sy_fagai", "寿阳县发改局工作人员", Role.OFFICER, "140725", K.DEVELOPMENT_REFORM),
    DemoUser(
        "sy_zhaoshang", "寿阳县招商中心工作人员", Role.OFFICER, "140725", K.INVESTMENT_PROMOTION
    ),
    DemoUser("sy_tongji", "寿阳县统计局工作人员", Role.OFFICER, "140725", K.STATISTICS),
    DemoUser(
        "sy_yingshang", "寿阳县营商环境局工作人员", Role.OFFICER, "140725", K.BUSINESS_ENVIRONMENT
    ),
    DemoUser("sy_gongshanglian", "寿阳县工商联工作人员", Role.OFFICER, "140725", K.FEDERATION),
    DemoUser("sy_jiaotong", "寿阳县交通运输局工作人员", Role.OFFICER, "140725", K.TRANSPORT),
    DemoUser("sy_kaifaqu", "寿阳经开区管委会工作人员", Role.OFFICER, "140725", K.DEVELOPMENT_ZONE),
    DemoUser("sy_leader", "寿阳县领导", Role.LEADER, "140725"),
    DemoUser("sy_admin", "寿阳县业务管理员", Role.COUNTY_ADMIN, "140725"),
    DemoUser(
        "sy_qiye", "强伟纸业企业用户", Role.ENTERPRISE, "140725", enterprise="山西强伟纸业有限公司"
    ),
    DemoUser("yc_fagai", "榆次区发改局工作人员", Role.OFFICER, "140702", K.DEVELOPMENT_REFORM),
    DemoUser("yc_leader", "榆次区领导", Role.LEADER, "140702"),
    DemoUser("jz_viewer", "晋中市查看人员", Role.CITY_VIEWER, "140700"),
    DemoUser("jz_tongji", "晋中市统计局工作人员", Role.CITY_STATISTICIAN, "140700"),
    DemoUser("sx_viewer", "山西省查看人员", Role.PROVINCE_VIEWER, "140000"),
    DemoUser("sysadmin", "系统管理员", Role.SYSTEM_ADMIN, "140725"),
    DemoUser("secadmin", "安全管理员", Role.SECURITY_ADMIN, "140725"),
    DemoUser("auditor", "审计管理员", Role.AUDIT_ADMIN, "140725"),
]


def ensure_user(spec: DemoUser, password: str = DEMO_PASSWORD) -> User:
    existing = User.objects.filter(username=spec.username).first()
    if existing is not None:
        return existing
    division = Division.objects.get(code=spec.division)
    department = (
        Department.objects.filter(county=division, kind=spec.department_kind).first()
        if spec.department_kind
        else None
    )
    enterprise = (
        Enterprise.objects.get(name=spec.enterprise, county=division) if spec.enterprise else None
    )
    user, _ = create_user(
        acting_user=system_actor(),
        username=spec.username,
        display_name=spec.display_name,
        division=division,
        department=department,
        enterprise=enterprise,
        password=password,
        role=spec.role,
        must_change_password=False,
    )
    return user


def load(stdout=None) -> dict[str, int]:
    before = User.objects.count()
    for spec in DEMO_USERS:
        ensure_user(spec)
    return {"users": User.objects.count() - before}
