"""Which enterprises might use a patent, and why.

Two signals, each explained:

* the class: the patent's IPC code against the enterprise's GB/T 4754 industry through the
  concordance excerpt in ``data/ipc_gbt4754.csv`` (which IPC entry, which industry);
* the text: title and abstract against the enterprise's products and business scope, as
  TF-IDF vectors of Chinese character bigrams (no segmenter is installed, and bigrams do well
  on short technical Chinese), compared by cosine (which shared words weigh most).

``score = CLASS_WEIGHT × class match + TEXT_WEIGHT × cosine``, in [0, 1].
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

CONCORDANCE = Path(__file__).with_name("data") / "ipc_gbt4754.csv"
CLASS_WEIGHT = 0.4
TEXT_WEIGHT = 0.6
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+")


@lru_cache(maxsize=1)
def concordance() -> tuple[tuple[str, str, str], ...]:
    """(IPC prefix, GB/T 4754 code, note) rows, longest IPC prefix first."""
    with CONCORDANCE.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    rows = [
        (r["ipc"].strip(), r["industry"].strip(), r["note"].strip()) for r in csv.DictReader(lines)
    ]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _ipc_key(ipc: str) -> str:
    """ "D21H 27/10" → "D21H27" (subclass + main group), for prefix matching."""
    text = re.sub(r"\s+", "", ipc or "").upper()
    return text.split("/")[0]


def industries_for(ipc: str) -> list[tuple[str, str, str]]:
    """Concordance rows that apply to ``ipc``; the most specific IPC entry wins."""
    key = _ipc_key(ipc)
    rows = [row for row in concordance() if key.startswith(row[0])]
    if not rows:
        return []
    longest = len(rows[0][0])
    return [row for row in rows if len(row[0]) == longest]


def class_match(ipc: str, industry: str) -> tuple[str, str, str] | None:
    for row in industries_for(ipc):
        if industry.startswith(row[1]) or row[1].startswith(industry):
            return row
    return None


def tokens(text: str) -> list[str]:
    """Character bigrams of each run of Chinese characters; Latin words as they are."""
    out: list[str] = []
    for run in _CJK_RUN.findall(text or ""):
        if run.isascii():
            out.append(run.lower())
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def patent_text(patent) -> str:
    return f"{patent.title} {patent.title} {patent.abstract}"


def enterprise_text(enterprise) -> str:
    profile = getattr(enterprise, "innovation_profile", None)
    if profile is None:
        return enterprise.industry_name
    return (
        f"{profile.products} {profile.products} {profile.business_scope} {enterprise.industry_name}"
    )


def _vector(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    vector = {t: (1 + math.log(n)) * idf.get(t, 0.0) for t, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: v / norm for t, v in vector.items()}


@dataclass
class Match:
    enterprise: object
    score: float
    class_row: tuple[str, str, str] | None
    cosine: float
    words: list[str] = field(default_factory=list)

    def explanation(self) -> dict:
        return {
            "class": (
                {"ipc": self.class_row[0], "industry": self.class_row[1], "note": self.class_row[2]}
                if self.class_row
                else None
            ),
            "text": round(self.cosine, 3),
            "words": self.words,
        }


def rank(patent, enterprises: list, *, use_text: bool = True) -> list[Match]:
    """The enterprises, best first. ``use_text=False`` is the class-only baseline."""
    documents = [Counter(tokens(enterprise_text(e))) for e in enterprises]
    query = Counter(tokens(patent_text(patent)))
    frequency = Counter(t for doc in [*documents, query] for t in doc)
    total = len(documents) + 1
    idf = {t: math.log((1 + total) / (1 + n)) + 1 for t, n in frequency.items()}
    q = _vector(query, idf)
    matches = []
    for enterprise, doc in zip(enterprises, documents, strict=True):
        row = class_match(patent.ipc, enterprise.industry or "")
        cosine, words = 0.0, []
        if use_text:
            d = _vector(doc, idf)
            shared = {t: q[t] * d[t] for t in q.keys() & d.keys()}
            cosine = sum(shared.values())
            words = [t for t, _w in sorted(shared.items(), key=lambda kv: -kv[1])[:6]]
        score = CLASS_WEIGHT * (1.0 if row else 0.0) + (TEXT_WEIGHT * cosine if use_text else 0.0)
        matches.append(Match(enterprise, round(score, 4), row, cosine, words))
    matches.sort(key=lambda m: (-m.score, m.enterprise.pk or 0, str(m.enterprise)))
    return matches
