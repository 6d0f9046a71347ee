"""Demo step: Shouyang's 公文 frame, so that ``make_report --official`` works on the demo."""

from __future__ import annotations

from rixin.accounts.access import system_actor

from .actions import save_frame
from .models import ReportFrame

SHOUYANG = "140725"


def load(stdout=None) -> dict[str, int]:
    if ReportFrame.objects.filter(county_id=SHOUYANG).exists():
        return {"frames": 0}
    save_frame(
        acting_user=system_actor(),
        county_code=SHOUYANG,
        issuer_mark="寿阳县发展和改革局文件",
        number_pattern="寿发改〔{year}〕{n}号",
        addressee="晋中市人民政府:",
        signatory="寿阳县发展和改革局",
        date_offset_days=10,
    )
    return {"frames": 1}
