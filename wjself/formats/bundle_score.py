"""The score a bundle's manifest claims, and the check of that claim.

``score_dict`` is what ``formats/bundle.py`` records; ``check_score`` recomputes the score from
the bundle's own template snapshot, answers and school profile and names every figure that
differs.
"""

from __future__ import annotations

from typing import Any

from wjself.core.assessment import AssessmentView
from wjself.core.scoring import Score


def score_dict(score: Score) -> dict[str, Any]:
    """What the manifest claims about the score (``verify_bundle`` recomputes and compares)."""
    o = score.overall
    return {
        "percent": score.percent,
        "band": score.band,
        "earned": o.earned,
        "possible": o.possible,
        "applicable": o.applicable,
        "answered": o.answered,
        "not_met": o.not_met,
    }


_SCORE_FIELDS = {
    "percent": "总得分率",
    "band": "评定等级",
    "earned": "得分",
    "possible": "应得分",
    "applicable": "适用项",
    "answered": "已填项",
    "not_met": "不符合项",
}


def check_score(manifest: dict[str, Any], view: AssessmentView) -> list[str]:
    """The score the manifest claims against the one the bundle's own content gives."""
    if manifest["format_version"] < 2:
        return []  # wjself 1.0 recorded no score
    claimed = manifest.get("score")
    actual = score_dict(view.score())
    if not isinstance(claimed, dict):
        return ["清单缺少得分（score），无法核对"]
    differ = [
        f"{label} 清单记录 {_shown(claimed.get(key), key)}，按内容计算为 {_shown(actual[key], key)}"
        for key, label in _SCORE_FIELDS.items()
        if claimed.get(key) != actual[key]
    ]
    if not differ:
        return []
    return ["得分不符（按数据包中的模板快照、答案和学校概况重新计算）：" + "；".join(differ)]


def _shown(value: Any, key: str) -> str:
    if value is None or value == "":
        return "无"
    if isinstance(value, float):
        return f"{value:g}%" if key == "percent" else f"{value:g}"
    return str(value)[:40]
