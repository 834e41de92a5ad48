"""Keep the window's translations in step with the source.

    python scripts/i18n.py            # all of the below: update, apply, release
    python scripts/i18n.py update     # lupdate: collect English source strings from wjself/ui into the .ts
    python scripts/i18n.py apply      # fill the .ts from resources/i18n/zh_CN/*.json
    python scripts/i18n.py missing    # list strings still without a Chinese translation
    python scripts/i18n.py release    # lrelease: compile the .ts into the .qm the program loads

The translations themselves live in resources/i18n/zh_CN/*.json, one file per area of the
window ({"Context": {"English source": "中文"}}), so parallel work does not collide; the .ts
and .qm are generated from them and committed. tests/ui/test_translations.py fails when a
string is untranslated or the .ts/.qm are out of date.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UI = REPO / "wjself" / "ui"
I18N = REPO / "resources" / "i18n"
LANGUAGES = ("zh_CN",)


def ts_file(language: str) -> Path:
    return I18N / f"wjself_{language}.ts"


def qm_file(language: str) -> Path:
    return I18N / f"wjself_{language}.qm"


def tool(name: str) -> str:
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(REPO)) for p in UI.rglob("*.py"))


def lupdate(target: Path, language: str) -> None:
    subprocess.run(
        [tool("lupdate"), *sources(), "-locations", "none", "-no-obsolete",
         "-source-language", "en", "-target-language", language, "-ts", str(target)],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip


def lrelease(source: Path, target: Path) -> None:
    subprocess.run(
        [tool("lrelease"), str(source), "-qm", str(target)], check=True, capture_output=True
    )


def messages(path: Path) -> list[tuple[str, str, str | None]]:
    """(context, source, translation or None when unfinished) for every message of a .ts file."""
    out = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            done = (
                translation is not None
                and translation.get("type") != "unfinished"
                and (translation.text or "").strip()
            )
            out.append(
                (
                    name,
                    message.findtext("source") or "",
                    translation.text if done and translation is not None else None,
                )
            )
    return out


def apply(path: Path, language: str, mapping: dict[str, dict[str, str]]) -> int:
    tree = ET.parse(path)
    count = 0
    for context in tree.getroot().iter("context"):
        table = mapping.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            text = table.get(message.findtext("source") or "")
            translation = message.find("translation")
            if text and translation is not None:
                translation.text = text
                translation.attrib.pop("type", None)
                count += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return count


def catalogue(language: str) -> dict[str, dict[str, str]]:
    """All translations of ``language`` from its JSON files, merged."""
    merged: dict[str, dict[str, str]] = {}
    for path in sorted((I18N / language).glob("*.json")):
        for context, table in json.loads(path.read_text("utf-8")).items():
            merged.setdefault(context, {}).update(table)
    return merged


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    for language in LANGUAGES:
        ts = ts_file(language)
        if command == "all":
            lupdate(ts, language)
            apply(ts, language, catalogue(language))
            lrelease(ts, qm_file(language))
            missing = [m for m in messages(ts) if m[2] is None]
            print(
                f"{ts.relative_to(REPO)}: {len(messages(ts))} strings, {len(missing)} untranslated"
            )
            for context, source, _ in missing:
                print(f"  {context}\t{source}")
        elif command == "update":
            lupdate(ts, language)
            print(f"{ts.relative_to(REPO)}: {len(messages(ts))} strings")
        elif command == "missing":
            for context, source, translation in messages(ts):
                if translation is None:
                    print(f"{context}\t{source}")
        elif command == "apply":
            print(f"{apply(ts, language, catalogue(language))} translations applied")
        elif command == "release":
            lrelease(ts, qm_file(language))
            print(f"{qm_file(language).relative_to(REPO)} written")
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
