"""Plain district figures without a bureau folder: N schools × the checklists, for the district
reports' tests and benchmark (the district service makes the same dataclasses from bundles)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

from wjself.district.model import (
    DistrictFigures,
    DistrictFilter,
    ItemFailure,
    Missing,
    OpenRect,
    ReceivedRow,
    TemplateFigures,
)

TODAY = dt.date(2024, 12, 20)
TOWNSHIPS = ("湖塘镇", "牛塘镇", "礼嘉镇", "洛阳镇", "雪堰镇", "前黄镇", "南夏墅街道", "西湖街道")
TEMPLATES = (
    ("wj-safety", "校园安全自查表"),
    ("wj-canteen", "食堂食品安全自查表"),
    ("wj-double", "“双减”工作自查表"),
)
BANDS = ((90.0, "优秀"), (75.0, "良好"), (60.0, "合格"), (0.0, "不合格"))


def rating(score: float) -> str:
    return next(label for floor, label in BANDS if score >= floor)


def make_figures(
    schools: int = 30,
    templates: int = 3,
    period: str = "2024",
    seed: int = 7,
    missing_every: int = 7,
) -> DistrictFigures:
    """Figures for ``schools`` schools; every ``missing_every``-th school lacks its last checklist."""
    rng = random.Random(seed)
    rows: list[ReceivedRow] = []
    missing: list[Missing] = []
    rects: list[OpenRect] = []
    fails: dict[tuple[str, str], list[str]] = defaultdict(list)
    answered: Counter[tuple[str, str]] = Counter()
    chosen = [TEMPLATES[i % len(TEMPLATES)] for i in range(templates)]
    chosen = [
        (f"{tid}-{i}" if i >= len(TEMPLATES) else tid, title)
        for i, (tid, title) in enumerate(chosen)
    ]
    for n in range(schools):
        code = f"32041{n:05d}"
        name = f"武进区第{n + 1}实验学校"
        town = TOWNSHIPS[n % len(TOWNSHIPS)]
        for t, (tid, title) in enumerate(chosen):
            if missing_every and n % missing_every == 3 and t == len(chosen) - 1:
                missing.append(Missing(code, name, town, ("初中",), tid, title, period))
                continue
            score = round(rng.uniform(55, 99), 1)
            rid = len(rows) + 1
            rows.append(
                ReceivedRow(
                    id=rid, school_code=code, school_name=name, township=town, stages=("初中",),
                    template_id=tid, template_version="2024.2", template_title=title,
                    period=period, status="finalized", score=score, rating=rating(score),
                    finalized_at=dt.datetime(2024, 12, 1, 9, tzinfo=dt.UTC),
                    received_at=dt.datetime(2024, 12, 5, 9, tzinfo=dt.UTC),
                    signature="valid", trust="pinned-match",
                    previous_score=round(score - rng.uniform(-5, 5), 1) if n % 2 else None,
                    previous_period="2023" if n % 2 else None,
                )
            )  # fmt: skip
            for i in range(12):
                item = f"A{i + 1:02d}"
                answered[(tid, item)] += 1
                if rng.random() < 0.08 * (i % 4):
                    fails[(tid, item)].append(name)
                    due = TODAY + dt.timedelta(days=rng.randint(-40, 40))
                    rects.append(
                        OpenRect(
                            received_id=rid, school_code=code, school_name=name, township=town,
                            template_id=tid, period=period, code=item, item_text=f"检查项 {item}",
                            problem=f"{item} 台账不全，需补充", measure="补齐台账", owner="总务处 王老师",
                            due=due, status="open", overdue=due < TODAY,
                            days_overdue=max(0, (TODAY - due).days),
                        )
                    )  # fmt: skip
    failures = [
        ItemFailure(tid, item, f"检查项 {item} 的要求", len(names), answered[(tid, item)], names)
        for (tid, item), names in fails.items()
    ]
    figures = []
    for tid, title in chosen:
        scores = [r.score for r in rows if r.template_id == tid and r.score is not None]
        if not scores:
            continue
        figures.append(
            TemplateFigures(
                tid, title, len(scores), round(sum(scores) / len(scores), 2), min(scores),
                max(scores), dict(Counter(rating(s) for s in scores)),
            )
        )  # fmt: skip
    return DistrictFigures(
        filter=DistrictFilter(period=period), today=TODAY, rows=rows, templates=figures,
        failures=failures, open_rects=rects, missing=missing,
    )  # fmt: skip
