"""The command line with the 2024.2 model: the school's target, the self-check period, 不适用."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.results import ok, refused
from tests.helpers.factory import item, template_dict


def test_show_gives_the_schools_target_and_period_and_na_is_an_answer(cli, tmp_path: Path) -> None:
    own = tmp_path / "drills.json"
    data = template_dict(
        [
            item(
                "D1",
                "number",
                unit="次",
                target=">= 2",
                stage_targets={"幼儿园": ">= 4", "小学 初中": ">= 10"},
            ),
            item("Y", "yes_no", allow_na=True),
            item("M", applies_to={"facts": {"outsourced_meals": True}}),
        ],
        review_period="2024年1月1日至2024年12月31日",
    )
    own.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    ok(cli("template", "import", own))
    school = ok(
        cli(
            "school",
            "add",
            "--name",
            "湖塘幼儿园",
            "--code",
            "3204120002",
            "--stage",
            "幼儿园",
            "--outsourced-meals",
            "--party-org",
        )
    ).strip()
    (listed,) = json.loads(ok(cli("school", "list", "--json")))
    assert listed["facts"]["outsourced_meals"] is True and listed["facts"]["party_org"] is True
    aid = ok(
        cli("assessment", "new", "--school", school, "--template", "t-test", "--period", "2024")
    ).strip()
    assert ok(cli("answer", "set", aid, "D1", "4")).strip() == "D1: 4 次"
    refused(cli("answer", "set", aid, "Y", "不适用"), "Y:", "须说明原因", "--note 原因")
    assert (
        ok(cli("answer", "set", aid, "Y", "不适用", "--reason", "本园无校车")).strip()
        == "Y: 不适用"
    )
    refused(cli("answer", "set", aid, "D1", "不适用"), "D1:", "不是数字")
    text = ok(cli("assessment", "show", aid))
    assert "自查时段：2024年1月1日至2024年12月31日" in text
    assert "D1  [4 次]" in text and "      目标：≥ 4 次" in text  # the kindergarten's target
    assert "Y  [不适用]" in text
    shown = json.loads(ok(cli("assessment", "show", aid, "--json")))
    assert shown["template"]["review_period"] == "2024年1月1日至2024年12月31日"
    by = {a["code"]: a for a in shown["answers"]}
    assert (by["D1"]["outcome"], by["D1"]["target"]) == ("met", "≥ 4 次")
    assert (by["Y"]["value"], by["Y"]["outcome"]) == ("na", "na")
    assert by["M"]["outcome"] == "unanswered"  # applies: the school buys its meals in


def test_an_answer_file_may_say_na_where_the_item_allows_it(cli, tmp_path: Path) -> None:
    own = tmp_path / "t.json"
    data = template_dict(
        [item("N", "number", target=">= 1", allow_na=True), item("P", "percent", target=">= 90")]
    )
    own.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    ok(cli("template", "import", own))
    school = ok(cli("school", "add", "--name", "一小", "--code", "3204120003", "--stage", "小学"))
    aid = ok(
        cli("assessment", "new", "--school", school.strip(), "--template", "t-test",
            "--period", "2024")
    ).strip()  # fmt: skip
    bad = tmp_path / "bad.csv"
    bad.write_text("code,value\nN,不适用\nP,不适用\n", "utf-8")
    err = refused(cli("answer", "import", aid, bad))
    assert "row 3" in err and "P" in err  # P does not allow 不适用: nothing imported
    good = tmp_path / "good.csv"
    good.write_text("code,value,note\nN,不适用,本校无此情况\nP,95,\n", "utf-8")
    ok(cli("answer", "import", aid, good))
    shown = json.loads(ok(cli("assessment", "show", aid, "--json")))
    by = {a["code"]: a for a in shown["answers"]}
    assert (by["N"]["value"], by["N"]["display"], by["N"]["outcome"]) == ("na", "不适用", "na")
    assert shown["score"]["percent"] == 100.0
