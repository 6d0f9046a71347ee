"""How well the matcher ranks: precision@5 on the hand-labelled pairs in ``data/``, against a
class-only baseline. Runs without a database (plain objects stand in for the rows)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from rixin.directory.industries import industry_name

from . import matcher

DATA = Path(__file__).with_name("data")


def _rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def enterprises() -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            pk=index,
            name=row["name"],
            industry=row["industry"],
            industry_name=industry_name(row["industry"]),
            innovation_profile=SimpleNamespace(
                products=row["products"], business_scope=row["business_scope"]
            ),
            __str__=lambda self: self.name,
        )
        for index, row in enumerate(_rows("enterprises.csv"), start=1)
    ]


def patents() -> list[SimpleNamespace]:
    return [SimpleNamespace(**row) for row in _rows("patents.csv")]


def labels() -> dict[str, set[str]]:
    relevant: dict[str, set[str]] = {}
    for row in _rows("labelled_pairs.csv"):
        relevant.setdefault(row["patent"], set())
        if row["relevant"] == "1":
            relevant[row["patent"]].add(row["enterprise"])
    return relevant


@dataclass(frozen=True)
class Result:
    pairs: int
    patents: int
    matcher: float
    baseline: float
    ceiling: float  # the best precision@5 any ranking could reach on these labels


def precision_at(k: int, ranked: list[str], relevant: set[str]) -> float:
    return sum(1 for name in ranked[:k] if name in relevant) / k


def evaluate(k: int = 5) -> Result:
    firms, truth = enterprises(), labels()
    scores = {"matcher": [], "baseline": [], "ceiling": []}
    for patent in patents():
        relevant = truth.get(patent.number, set())
        for key, use_text in (("matcher", True), ("baseline", False)):
            ranked = [m.enterprise.name for m in matcher.rank(patent, firms, use_text=use_text)]
            scores[key].append(precision_at(k, ranked, relevant))
        scores["ceiling"].append(min(len(relevant), k) / k)
    mean = {key: sum(v) / len(v) for key, v in scores.items()}
    return Result(
        pairs=sum(1 for _r in _rows("labelled_pairs.csv")),
        patents=len(scores["matcher"]),
        matcher=mean["matcher"],
        baseline=mean["baseline"],
        ceiling=mean["ceiling"],
    )
