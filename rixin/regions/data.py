"""The divisions Rixin ships: Shanxi, its eleven cities, and Jinzhong's eleven county-level units."""

PROVINCE = ("140000", "山西省", "Shanxi")
CITIES = [
    ("140100", "太原市", "Taiyuan"),
    ("140200", "大同市", "Datong"),
    ("140300", "阳泉市", "Yangquan"),
    ("140400", "长治市", "Changzhi"),
    ("140500", "晋城市", "Jincheng"),
    ("140600", "朔州市", "Shuozhou"),
    ("140700", "晋中市", "Jinzhong"),
    ("140800", "运城市", "Yuncheng"),
    ("140900", "忻州市", "Xinzhou"),
    ("141000", "临汾市", "Linfen"),
    ("141100", "吕梁市", "Lüliang"),
]
JINZHONG_COUNTIES = [
    ("140702", "榆次区", "Yuci"),
    ("140703", "太谷区", "Taigu"),
    ("140721", "榆社县", "Yushe"),
    ("140722", "左权县", "Zuoquan"),
    ("140723", "和顺县", "Heshun"),
    ("140724", "昔阳县", "Xiyang"),
    ("140725", "寿阳县", "Shouyang"),
    ("140727", "祁县", "Qi"),
    ("140728", "平遥县", "Pingyao"),
    ("140729", "灵石县", "Lingshi"),
    ("140781", "介休市", "Jiexiu"),
]
SHOUYANG = "140725"
JINZHONG = "140700"
SHANXI = "140000"


def load_divisions(Division) -> int:
    """Create or update the shipped divisions; returns how many were created."""
    created = 0
    code, name, name_en = PROVINCE
    _, new = Division.objects.update_or_create(
        code=code, defaults={"name": name, "name_en": name_en, "level": "province", "parent": None}
    )
    created += new
    for code, name, name_en in CITIES:
        _, new = Division.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "level": "city", "parent_id": PROVINCE[0]},
        )
        created += new
    for code, name, name_en in JINZHONG_COUNTIES:
        _, new = Division.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "level": "county", "parent_id": JINZHONG},
        )
        created += new
    return created
