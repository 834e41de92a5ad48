"""Time and memory of the PDF report; prints figures against budgets, exits 1 over any.

- a 300-item assessment: median time, budget 1 s;
- a generated 2,000-item assessment: median time, budget 5 s; peak memory of a fresh process
  that builds it (``ru_maxrss``, includes the interpreter and libraries), budget 300 MiB;
- the same text laid out by bare reportlab (plain Paragraphs in a SimpleDocTemplate, in the
  face and size of the report's table text, same CJK wrapping mode), runs interleaved with ours in the same process, and our
  best time over its best (the least noisy estimate on a shared machine): budget 2x.

Run from the repository root: ``python benchmarks/report_pdf.py``.
"""

from __future__ import annotations

import io
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.views import GENERATED, TODAY, generated_view  # noqa: E402
from wjself.core.assessment import AssessmentView  # noqa: E402
from wjself.report.pdf import build_pdf  # noqa: E402

BUDGET_300_S = 1.0
BUDGET_2000_S = 5.0
BUDGET_MEMORY_MIB = 300.0
BUDGET_RATIO = 2.0
RUNS = 5


def ours(view: AssessmentView) -> bytes:
    out = io.BytesIO()
    build_pdf([view], out, generated_at=GENERATED, today=TODAY)
    return out.getvalue()


def bare(view: AssessmentView) -> bytes:
    """The report's text as plain reportlab paragraphs: the floor for laying out this text."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from wjself.report import fonts
    from wjself.report.styles import styles

    cell = styles().cell  # the face and size our tables print this text in
    style = ParagraphStyle(
        "bare", fontName=cell.fontName, fontSize=cell.fontSize, leading=cell.leading, wordWrap="CJK"
    )
    story = []
    for item in view.template.items():
        answer = view.answers.get(item.code)
        parts = [item.code, item.text, item.clause]
        if answer is not None:
            parts += [str(answer.value), answer.note, *(e.name for e in answer.evidence)]
        story.extend(Paragraph(escape(p), style) for p in parts if p)
    for r in view.rectifications:
        story.extend(Paragraph(escape(p), style) for p in (r.code, r.problem, r.measure, r.owner))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, initialFontName=fonts.SANS).build(story)
    return out.getvalue()


def timed(make: Callable[[AssessmentView], bytes], view: AssessmentView) -> tuple[float, int]:
    times = []
    size = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        size = len(make(view))
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def ratio(view: AssessmentView) -> tuple[float, float]:
    """Best times of ours and bare, runs interleaved so both see the same machine load."""
    mine, theirs = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        ours(view)
        mine.append(time.perf_counter() - start)
        start = time.perf_counter()
        bare(view)
        theirs.append(time.perf_counter() - start)
    return min(mine), min(theirs)


def memory_child() -> None:
    view = generated_view(2000)
    ours(view)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_mib": peak_kib / 1024}))


def peak_memory_mib() -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, __file__, "--memory-child"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return float(json.loads(proc.stdout.strip().splitlines()[-1])["peak_mib"])


def main() -> int:
    ours(generated_view(20))  # warm up: font loading, imports
    bare(generated_view(20))
    failures = []
    v300 = generated_view(300)
    t300, size300 = timed(ours, v300)
    print(f"PDF 300 items:   median {t300:.3f} s ({size300 // 1024} KiB), budget {BUDGET_300_S} s")
    failures += [t300 > BUDGET_300_S]
    v2000 = generated_view(2000)
    t2000, size2000 = timed(ours, v2000)
    print(
        f"PDF 2000 items:  median {t2000:.3f} s ({size2000 // 1024} KiB), budget {BUDGET_2000_S} s"
    )
    failures += [t2000 > BUDGET_2000_S]
    best_ours, best_bare = ratio(v2000)
    factor = best_ours / best_bare
    print(
        f"bare reportlab:  best {best_bare:.3f} s for the same text vs ours best {best_ours:.3f} s "
        f"(interleaved, best of {RUNS}); ratio {factor:.2f}x, budget {BUDGET_RATIO}x"
    )
    failures += [factor > BUDGET_RATIO]
    peak = peak_memory_mib()
    print(
        f"peak memory (2000 items, fresh process): {peak:.0f} MiB, budget {BUDGET_MEMORY_MIB:.0f} MiB"
    )
    failures += [peak > BUDGET_MEMORY_MIB]
    return 1 if any(failures) else 0


if __name__ == "__main__":
    if "--memory-child" in sys.argv:
        memory_child()
        sys.exit(0)
    sys.exit(main())
