"""Test data built the way users build it: through the actions.

``Personas`` holds one account per role, as the tests name them: a Shouyang officer of
each kind of department, a Shouyang leader and county administrator, an enterprise user,
an officer and a leader of 榆次区 (another county of the same city), city and province
viewers, and the three administrators.
"""

from __future__ import annotations

from dataclasses import dataclass

from rixin.accounts.access import system_actor
from rixin.accounts.actions import create_user
from rixin.accounts.models import User
from rixin.accounts.roles import Role
from rixin.directory import actions as directory_actions
from rixin.directory.choices import DepartmentKind as K
from rixin.directory.models import Department, Enterprise
from rixin.regions.data import load_divisions
from rixin.regions.models import Division

PASSWORD = "Test-pass-2024"
SHOUYANG, YUCI, JINZHONG, SHANXI = "140725", "140702", "140700", "140000"


def division(code: str) -> Division:
    return Division.objects.get(code=code)


def make_department(county: str, kind: str, name: str | None = None) -> Department:
    place = division(county)
    name = name or f"{place.name}{K(kind).label}"
    existing = Department.objects.filter(county=place, name=name).first()
    return existing or directory_actions.create_department(
        acting_user=system_actor(), county=place, name=name, kind=kind
    )


def make_enterprise(
    county: str, name: str, credit_code: str | None = None, industry: str = "C22"
) -> Enterprise:
    from rixin.demo.codes import illustrative_credit_code

    return directory_actions.create_enterprise(
        acting_user=system_actor(),
        county=division(county),
        name=name,
        credit_code=credit_code or illustrative_credit_code(name, county),
        industry=industry,
    )


def make_user(username: str, role: str, scope: str, *, department=None, enterprise=None) -> User:
    user, _ = create_user(
        acting_user=system_actor(),
        username=username,
        display_name=username,
        division=division(scope),
        department=department,
        enterprise=enterprise,
        role=role,
        password=PASSWORD,
        must_change_password=False,
    )
    return user


@dataclass
class Personas:
    officer: User  # 寿阳县发改局
    zhaoshang: User  # 寿阳县招商中心
    tongji: User  # 寿阳县统计局
    yingshang: User  # 寿阳县营商环境局
    gongshanglian: User  # 寿阳县工商联
    transport: User  # 寿阳县交通运输局
    leader: User
    county_admin: User
    enterprise_user: User
    other_officer: User  # 榆次区发改局
    other_leader: User
    city_viewer: User
    city_statistician: User
    province_viewer: User
    sysadmin: User
    secadmin: User
    auditor: User
    enterprise: Enterprise
    other_enterprise: Enterprise

    def all(self) -> dict[str, User]:
        return {k: v for k, v in vars(self).items() if isinstance(v, User)}


def build_personas() -> Personas:
    # A transactional test empties the database afterwards, migrations' data included.
    load_divisions(Division)

    def officer(name, county, kind):
        return make_user(name, Role.OFFICER, county, department=make_department(county, kind))

    enterprise = make_enterprise(SHOUYANG, "山西强伟纸业有限公司")
    other_enterprise = make_enterprise(YUCI, "榆次示例企业有限公司")
    return Personas(
        officer=officer("sy_fagai", SHOUYANG, K.DEVELOPMENT_REFORM),
        zhaoshang=officer("sy_zhaoshang", SHOUYANG, K.INVESTMENT_PROMOTION),
        tongji=officer("sy_tongji", SHOUYANG, K.STATISTICS),
        yingshang=officer("sy_yingshang", SHOUYANG, K.BUSINESS_ENVIRONMENT),
        gongshanglian=officer("sy_gongshanglian", SHOUYANG, K.FEDERATION),
        transport=officer("sy_jiaotong", SHOUYANG, K.TRANSPORT),
        leader=make_user("sy_leader", Role.LEADER, SHOUYANG),
        county_admin=make_user("sy_admin", Role.COUNTY_ADMIN, SHOUYANG),
        enterprise_user=make_user("sy_qiye", Role.ENTERPRISE, SHOUYANG, enterprise=enterprise),
        other_officer=officer("yc_fagai", YUCI, K.DEVELOPMENT_REFORM),
        other_leader=make_user("yc_leader", Role.LEADER, YUCI),
        city_viewer=make_user("jz_viewer", Role.CITY_VIEWER, JINZHONG),
        city_statistician=make_user("jz_tongji", Role.CITY_STATISTICIAN, JINZHONG),
        province_viewer=make_user("sx_viewer", Role.PROVINCE_VIEWER, SHANXI),
        sysadmin=make_user("sysadmin", Role.SYSTEM_ADMIN, SHOUYANG),
        secadmin=make_user("secadmin", Role.SECURITY_ADMIN, SHOUYANG),
        auditor=make_user("auditor", Role.AUDIT_ADMIN, SHOUYANG),
        enterprise=enterprise,
        other_enterprise=other_enterprise,
    )


def xlsx_bytes(rows: list[list]) -> bytes:
    """A workbook whose first sheet holds ``rows`` (the first row is the header)."""
    from io import BytesIO

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
