"""What signing costs: signing a bundle's manifest, checking a signature, and ``verify_bundle``
of one demo bundle signed and unsigned (median of ``--runs``).

The district import checks one signature per bundle (3,300 for 300 schools × 11 checklists),
so the check's share of a bundle's verification is the figure that matters.  Budget: a
signature check ≤ 1 ms (the two verify_bundle medians are printed beside it for scale; their
difference is within run-to-run noise).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wjself.cli.main import main as cli
from wjself.formats.bundle import export_bundle, verify_bundle
from wjself.formats.signature import check_signature, sign_entry, signature_bytes
from wjself.paths import DataPaths
from wjself.store import Workspace

CHECK_BUDGET_S = 0.001


def median(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--dir", help="scratch folder (default: the temp folder)")
    args = parser.parse_args()
    key = Ed25519PrivateKey.generate()
    manifest = b"{" + b'"x": "0123456789abcdef",' * 40 + b'"end": 1}'
    school = {"role": "school", "name": "武进区测试小学", "code": "3204120001"}
    sig = signature_bytes(sign_entry(key, manifest, school))
    sign_s = median(lambda: sign_entry(key, manifest, school), args.runs)
    check_s = median(lambda: check_signature(sig, manifest, signed="manifest.json"), args.runs)
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        paths = DataPaths(Path(scratch) / "data")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            if cli(["--data-dir", str(paths.root), "demo"]) != 0:
                return 1
        first = int(out.getvalue().split()[0])
        with Workspace.open(paths, automatic_backup=False) as ws:
            view = ws.assessments.view(first)
        plain, signed = Path(scratch) / "plain.wjsa", Path(scratch) / "signed.wjsa"
        export_bundle(view, plain)
        export_bundle(view, signed, signing_key=key)
        runs = max(5, args.runs // 10)
        plain_s = median(lambda: verify_bundle(plain), runs)
        signed_s = median(lambda: verify_bundle(signed), runs)
    share = (signed_s - plain_s) / plain_s if plain_s else 0.0
    print(f"sign a manifest:           {sign_s * 1000:.3f} ms")
    print(
        f"check a signature:         {check_s * 1000:.3f} ms (budget {CHECK_BUDGET_S * 1000:.0f} ms)"
    )
    print(f"verify_bundle unsigned:    {plain_s * 1000:.1f} ms")
    print(f"verify_bundle signed:      {signed_s * 1000:.1f} ms ({share:+.1%})")
    print(f"check / unsigned verify:   {check_s / plain_s:.1%}")
    return 0 if check_s <= CHECK_BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
