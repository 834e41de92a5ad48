"""``wjself demo``: a fictional demo school with realistic, filled assessments.

The school is clearly marked 演示 (武进区湖塘实验小学（演示）, code 9999999901).  It gets one
assessment for period 2024 per bundled template (newest bundled version) whose stages concern
a primary school with a canteen, labs and its own 党支部, filled by a seeded generator: mostly
符合, some 基本符合 and one or two 不符合 per checklist (良好–优秀 with a few real gaps), numbers
near their targets, a few items left open in the last one; rectifications with measures, owners
and due dates (one or two overdue, some done or verified); two small generated pictures as
evidence; and, when there are two or more, the first one finalized.  Owners, notes, evidence
names, 不适用 reasons and recorded figures come from each item itself (``demo_school``), so the
demo reads like a real school's self-check.

Running it again reuses the demo school and its existing assessments untouched (whatever has
been done with them since) and only creates, fills and prints what is missing, so it is safe
to run twice; the ids printed are always the demo school's 2024 assessments of the bundled
templates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import random
import re
import tempfile
from pathlib import Path

from wjself import demo_school, resources
from wjself.core import expressions
from wjself.core.assessment import AnswerRow, RectStatus
from wjself.core.errors import InputError
from wjself.core.numbers import number_text
from wjself.core.school import School, normalize_facts
from wjself.core.stages import stages_overlap
from wjself.core.target_words import target_words
from wjself.core.targets import Target
from wjself.core.template import Item, Kind, Template, version_key
from wjself.core.values import MET, NA, NOT_MET, PARTIAL, AnswerValue
from wjself.demo_narrative import demo_narrative
from wjself.store.workspace import Workspace

log = logging.getLogger(__name__)

DEMO_NAME = "武进区湖塘实验小学（演示）"
DEMO_CODE = "9999999901"
DEMO_PERIOD = "2024"
DEMO_STAGES = ("小学",)
FILLED_BY = "李娟（演示）"
REVIEWED_BY = "张明（演示）"

TEXTS = (
    "已按要求落实，相关材料已归档备查。",
    "学校成立了工作领导小组，制定了实施方案，定期开展检查。",
)
FOLLOW_UP_TEXT = "问题已列入整改清单，明确了责任人和完成时限。"
_REFERENCE = re.compile(r"\$\{([^}]+)\}")


def create_demo(ws: Workspace, today: dt.date | None = None, seed: int = 2024) -> list[int]:
    """Create (or complete) the demo school's assessments; returns all their ids."""
    today = today or dt.date.today()
    school = ws.schools.find(DEMO_CODE) or ws.schools.add(
        School(
            id=0,
            name=DEMO_NAME,
            code=DEMO_CODE,
            stages=DEMO_STAGES,
            township="湖塘镇",
            address="常州市武进区湖塘镇（演示地址）",
            principal=REVIEWED_BY,
            contact=FILLED_BY,
            phone="0519-00000000",
            facts=normalize_facts({"has_canteen": True, "has_labs": True, "party_org": True}),
        )
    )
    existing = {
        x.template_id: x.id for x in ws.assessments.list(school_id=school.id, period=DEMO_PERIOD)
    }
    installed = {(i.id, i.version) for i in ws.templates.list()}
    newest: dict[str, str] = {}
    for template_id, version in _bundled():
        if (template_id, version) in installed and (
            template_id not in newest or version_key(version) > version_key(newest[template_id])
        ):
            newest[template_id] = version
    ids: list[int] = []
    created: list[int] = []
    for template_id, version in sorted(newest.items()):
        if template_id in existing:
            ids.append(existing[template_id])
            continue
        template = ws.templates.get(template_id, version)
        if not stages_overlap(template.stages, school.stages):
            continue
        aid = ws.assessments.new(school.id, template_id, version, DEMO_PERIOD)
        ids.append(aid)
        created.append(aid)
    filler = _Filler(ws, school, today, seed)
    for n, aid in enumerate(created):
        filler.fill(aid, leave_open=n == len(created) - 1)
    filler.plan_rectifications(created)
    for n, aid in enumerate(created):  # the one left open has its report half written
        view = ws.assessments.view(aid)
        ws.assessments.set_narrative(aid, demo_narrative(view, whole=n != len(created) - 1))
    if created:
        filler.attach_photos(created[0])
    if len(created) >= 2:
        try:
            ws.assessments.finalize(created[0], FILLED_BY, REVIEWED_BY)
        except InputError as exc:  # a checklist the generator cannot complete; it stays a draft
            log.warning("demo assessment %s left as a draft: %s", created[0], exc)
    return sorted(ids)


class _Filler:
    """Seeded, realistic answers for the demo assessments."""

    def __init__(self, ws: Workspace, school: School, today: dt.date, seed: int) -> None:
        self.ws = ws
        self.school = school
        self.today = today
        self.seed = seed
        self.rect_count = 0
        self.notes: dict[str, str] = {}  # of the checklist being filled, for follow-ups

    def fill(self, aid: int, leave_open: bool) -> None:
        template = self.ws.assessments.template(aid)
        rng = random.Random(f"{self.seed}:{template.id}:{template.version}")
        profile = self.school.profile()
        facts = profile.fact_map()
        candidates = [
            i
            for i in template.items()
            if i.is_scored
            and i.applies.reason_not_applicable(profile.stages, facts) is None
            and not i.show_if
        ]
        # At least one 不符合 (two in long checklists), so every demo has 整改 to show; taken
        # from the ordinary items, as a school that works at it rarely fails the weightiest.
        light = [i for i in candidates if i.effective_weight <= 1] or candidates
        forced = {i.code for i in rng.sample(light, min(len(light), 1 + (len(candidates) >= 20)))}
        skipped: set[str] = set()
        if leave_open:
            optional = [i.code for i in template.items() if not i.required and i.code not in forced]
            skipped = set(rng.sample(optional, min(3, len(optional))))
        values: dict[str, AnswerValue] = {}
        self.notes = {}
        rows: list[AnswerRow] = []
        for item in template.items():
            if item.applies.reason_not_applicable(profile.stages, facts) is not None:
                continue
            if item.show_if and not _shown(item, values):
                continue
            if item.code in skipped:
                continue
            outcome = NOT_MET if item.code in forced else _outcome(rng)
            value, note = self._value(item, template, outcome, rng)
            if value is None:
                continue
            values[item.code] = value
            self.notes[item.code] = note
            rows.append(AnswerRow(len(rows) + 1, item.code, value, note))
        self.ws.answers.import_rows(aid, rows, "demo")

    def _value(
        self, item: Item, template: Template, outcome: str, rng: random.Random
    ) -> tuple[AnswerValue, str]:
        note = ""
        if outcome != MET:
            note = demo_school.problem_note(item, outcome == PARTIAL, rng)
        if item.accepts_na and outcome == MET:
            reason = self._na_reason(item)
            if reason and rng.random() < 0.2:
                return NA, reason
        kind = item.kind
        if kind is Kind.COMPLIANCE:
            return outcome, note
        if kind is Kind.YES_NO:
            wanted = item.target.value if item.target else 1.0
            ok = outcome != NOT_MET
            return ("yes" if (wanted == 1.0) == ok else "no"), (
                "" if ok else demo_school.NOT_DONE_NOTE
            )
        if kind in (Kind.NUMBER, Kind.PERCENT):
            targets = item.targets_for(self.school.stages)
            if not targets:
                return demo_school.untargeted_value(item, rng), ""
            # A school of several stages meets each stage's target: aim at the strictest.
            target = max(targets, key=lambda t: t.value if t.op in (">=", ">") else -t.value)
            ok = outcome != NOT_MET
            value = _near(target, ok, kind is Kind.PERCENT, rng)
            if ok:
                return value, ""
            unit = "%" if kind is Kind.PERCENT else item.unit
            return value, (
                f"实际为{number_text(value)}{unit}，未达到目标（{target_words(item, target)}），"
                "已分析原因"
            )
        if kind is Kind.SINGLE:
            if not item.options:
                return None, ""
            if item.is_scored:
                by_score = sorted(item.options, key=lambda o: o.score or 0.0, reverse=True)
                pick = {MET: by_score[0], NOT_MET: by_score[-1]}.get(
                    outcome, by_score[len(by_score) // 2]
                )
                return pick.name, (note if pick is not by_score[0] else "")
            return rng.choice(item.options).name, ""
        if kind is Kind.MULTIPLE:
            if not item.options:
                return None, ""
            k = rng.randint(1, len(item.options))
            chosen = {o.name for o in rng.sample(item.options, k)}
            return [o.name for o in item.options if o.name in chosen], ""
        if kind is Kind.DATE:
            start = dt.date(int(DEMO_PERIOD), 3, 1)
            return (start + dt.timedelta(days=rng.randint(0, 250))).isoformat(), ""
        if item.show_if:  # "说明问题和整改打算" after a failed item: the problem found there
            found = _REFERENCE.search(item.show_if)
            problem = self.notes.get(found.group(1), "") if found else ""
            return (f"{problem}。{FOLLOW_UP_TEXT}" if problem else FOLLOW_UP_TEXT), ""
        return rng.choice(TEXTS), ""

    def _na_reason(self, item: Item) -> str:
        """Why the demo school may answer 不适用, from the item's own guidance; ``""`` if it may not.

        Never for an item limited to a fact the school has (a canteen item at a school with a
        canteen), nor where the circumstance contradicts the school's stages or facts.
        """
        if any(wanted for _, wanted in item.applies.facts):
            return ""
        reason = demo_school.na_condition(item)
        facts = self.school.profile().fact_map()
        if any(
            facts.get(fact, False) and any(w in reason for w in words)
            for fact, words in demo_school.FACT_WORDS.items()
        ) or any(w in reason for w in demo_school.NOT_THIS_SCHOOL):
            return ""
        return reason

    def plan_rectifications(self, created: list[int]) -> None:
        """Measures, owners and due dates for every entry; a few overdue, done or verified."""
        for aid in created:
            rng = random.Random(f"{self.seed}:rect:{aid}")
            template = self.ws.assessments.template(aid)
            for rect in self.ws.assessments.view(aid).rectifications:
                item = template.item(rect.code)
                if item is None:  # cannot happen for a fresh draft; nothing to plan then
                    continue
                n = self.rect_count
                self.rect_count += 1
                plan = dataclasses.replace(
                    rect,
                    measure=demo_school.measure(item, rng),
                    owner=demo_school.office(template, item),
                    due=self.today + dt.timedelta(days=rng.randint(30, 90)),
                )
                if n in (0, 4):  # overdue, still open
                    plan = dataclasses.replace(plan, due=self.today - dt.timedelta(days=12 + n))
                elif n == 2:
                    plan = dataclasses.replace(
                        plan,
                        due=self.today + dt.timedelta(days=10),
                        status=RectStatus.DONE,
                        done_on=self.today - dt.timedelta(days=7),
                    )
                elif n == 1:
                    plan = dataclasses.replace(
                        plan,
                        due=self.today - dt.timedelta(days=5),
                        status=RectStatus.VERIFIED,
                        done_on=self.today - dt.timedelta(days=20),
                        verified_on=self.today - dt.timedelta(days=10),
                        verified_by=REVIEWED_BY,
                    )
                self.ws.rectifications.save(plan, today=self.today)

    def attach_photos(self, aid: int) -> None:
        """Two small generated pictures, each named after a paper its item asks for.

        A photo (``…照片.jpg``) goes on the first item whose evidence names photos, a scanned
        record (``…（扫描件）.png``) on the first other item with evidence.
        """
        template = self.ws.assessments.template(aid)
        answered = self.ws.assessments.view(aid).answers
        items = [i for i in template.items() if i.evidence and i.code in answered]
        photo_item = next((i for i in items if "照片" in i.evidence), None)
        scan_item = next((i for i in items if i is not photo_item), None)
        pictures: list[tuple[Item, str, str, tuple[int, int, int]]] = []
        if photo_item is not None:
            name = next(n for n in demo_school.evidence_names(photo_item) if "照片" in n)
            pictures.append((photo_item, f"{name}.jpg", name, (46, 104, 160)))
        if scan_item is not None:
            name = demo_school.evidence_names(scan_item)[0]
            pictures.append((scan_item, f"{name}（扫描件）.png", name, (64, 140, 90)))
        with tempfile.TemporaryDirectory(prefix="wjself-demo-") as folder:
            for item, file_name, caption, color in pictures:
                path = Path(folder) / file_name
                _photo(path, caption, color)
                self.ws.evidence.add(aid, item.code, path, name=file_name)


def _bundled() -> list[tuple[str, str]]:
    """(id, version) of every bundled template file (the demo uses only those)."""
    keys = []
    for path in resources.bundled_templates():
        try:
            data = json.loads(path.read_text("utf-8-sig"))
            keys.append((str(data["id"]), str(data["version"])))
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("bundled template %s unreadable; left out of the demo", path.name)
    return keys


def _outcome(rng: random.Random) -> str:
    # A school that works at it: mostly 符合, some 基本符合, a few 不符合 (plus the forced ones).
    roll = rng.random()
    if roll < 0.9:
        return MET
    return PARTIAL if roll < 0.985 else NOT_MET


def _shown(item: Item, values: dict[str, AnswerValue]) -> bool:
    try:
        return expressions.evaluate(expressions.parse(item.show_if), values)
    except expressions.ExpressionError:
        return True


def _near(target: Target, ok: bool, percent: bool, rng: random.Random) -> float:
    """A value close to ``target``: meeting it when ``ok``, just missing it otherwise."""
    v = target.value
    step = rng.choice((2.0, 3.5, 5.0)) if percent else max(1.0, round(abs(v) * 0.1))
    extra = rng.choice((0.0, step))
    if target.op in (">=", ">"):
        value = (v + extra if target.op == ">=" else v + step) if ok else v - step
    elif target.op in ("<=", "<"):
        value = (v - extra if target.op == "<=" else v - step) if ok else v + step
    elif target.op == "=":
        value = v if ok else v - step
    else:  # "!="
        value = v + step if ok else v
    if percent:
        return round(min(100.0, max(0.0, value)), 1)
    return float(max(0.0, round(value)))


def _photo(path: Path, caption: str, color: tuple[int, int, int]) -> None:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (800, 600), color)
    draw = ImageDraw.Draw(img)
    for y in range(0, 600, 6):  # a soft gradient so it looks like a photo, not a flag
        shade = tuple(min(255, c + y // 8) for c in color)
        draw.rectangle((0, y, 800, y + 6), fill=shade)
    draw.rectangle((60, 380, 740, 560), fill=(250, 250, 245))
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    small: ImageFont.FreeTypeFont | ImageFont.ImageFont
    try:
        font = ImageFont.truetype(str(resources.font_file()), 44)
        small = ImageFont.truetype(str(resources.font_file()), 28)
    except OSError:
        font = small = ImageFont.load_default()
    draw.text((90, 410), f"演示图片：{caption}", fill=(40, 40, 40), font=font)
    draw.text((90, 490), f"{DEMO_NAME} · {DEMO_PERIOD}", fill=(90, 90, 90), font=small)
    if path.suffix == ".jpg":
        img.save(path, quality=85)
    else:
        img.save(path)
