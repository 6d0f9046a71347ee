"""Precision@5 of the patent–enterprise matcher against a class-only baseline, on the
hand-labelled pairs in rixin/innovation/data/ (illustrative). No database needed.

    .venv/bin/python benchmarks/bench_matcher.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rixin.settings")


def main() -> None:
    import django

    django.setup()
    from rixin.innovation.evaluation import evaluate

    result = evaluate()
    print(f"labelled pairs: {result.pairs} ({result.patents} patents)")
    print(f"matcher precision@5: {result.matcher:.3f}")
    print(f"class-only baseline precision@5: {result.baseline:.3f}")
    print(f"ceiling precision@5 (these labels): {result.ceiling:.3f}")


if __name__ == "__main__":
    main()
