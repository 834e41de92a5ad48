"""The window's filter over rows already read selects what ``list_received`` selects."""

from __future__ import annotations

import itertools
from pathlib import Path

from tests.helpers.school_bundles import school_bundle, schools
from wjself.district import DistrictFilter, import_bundles, list_received, open_district
from wjself.district.matching import row_matches, select_rows


def test_filtering_the_rows_read_gives_what_the_service_gives(tmp_path: Path) -> None:
    other = school_bundle(
        tmp_path / "b",
        tmp_path / "b.wjsa",
        name="Wujin Lab School",
        code="3204129998",
        township="牛塘镇",
        period="2025",
    )
    bundles = [*schools(tmp_path / "a", 3), other]
    with open_district(tmp_path / "bureau") as dws:
        import_bundles(dws, bundles)
        everything = list_received(dws, DistrictFilter())
        assert len(everything) == 4
        for township, stage, template_id, period, text in itertools.product(
            [None, "湖塘镇", "牛塘镇", "礼嘉镇"],
            [None, "小学", "初中"],
            [None, "t-district", "wj2024-safety"],
            [None, "2024", "2025"],
            ["", "第2", "  第3实验 ", "120001", "lab", "LAB", "%", "_"],
        ):
            flt = DistrictFilter(township, stage, template_id, period, text)
            assert select_rows(flt, everything) == list_received(dws, flt), flt
        assert all(row_matches(DistrictFilter(school_code=r.school_code), r) for r in everything)
