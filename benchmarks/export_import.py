"""Benchmark: exporting 100,000 entries to Excel and TBX and importing them back, against pandas; then a million
entries out to Excel and back in.

Run:  python benchmarks/export_import.py [--entries 100000] [--formats xlsx tbx] [--big 1000000]

Each measurement runs in a fresh Python process so that its peak memory (ru_maxrss) is its own. The
glossary is generated from the CC-CEDICT data the package ships (benchmarks/lookup.py). The baseline,
in the same run, is what a notebook user would write: `DataFrame.to_excel` and `pandas.read_excel`
with the openpyxl engine on the same table (all twelve columns as text). Neither side's reading of the
glossary CSV is counted in its export time; import times are whole reads of the exported file.
File sizes are printed beside pandas'. With --big N (0 to skip), a glossary of N entries (compounds of two
headwords past CC-CEDICT's 123,000, see benchmarks/lookup.py) is exported to Excel and imported back, ours
only (pandas takes minutes), and the rows read back are counted.
Targets (issue 4, issue 15): export at least 3x faster than the pandas baseline, import no slower than it;
the workbook near pandas' size; every exported row read back.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

STEP = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
task, glossary_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
if task == "export":
    from glossary import store
    from glossary.handover import export_glossary
    glossary = store.load(glossary_path)
    start = time.perf_counter()  # like the baseline, the time to read the glossary file is not counted
    export_glossary(glossary, out)
elif task == "import":
    from glossary.handover import read_file
    table = read_file(out)
    rows, hashes = len(table.rows), len(table.row_hashes)
elif task == "pandas-export":
    import pandas as pd
    frame = pd.read_csv(glossary_path, dtype=str, keep_default_na=False)
    start = time.perf_counter()  # the baseline's own CSV reading is not counted against it
    frame.to_excel(out, index=False, engine="openpyxl")
elif task == "pandas-import":
    import pandas as pd
    rows = len(pd.read_excel(out, dtype=str, engine="openpyxl"))
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rows": locals().get("rows"), "hashes": locals().get("hashes")}}))
"""


def measure(task: str, glossary_path: Path, out: Path) -> dict[str, float]:
    """Run one step in a fresh interpreter; its seconds and peak memory."""
    code = STEP.format(root=str(HERE.parent))
    result = subprocess.run([sys.executable, "-c", code, task, str(glossary_path), str(out)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{task} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    """Generate the glossary, run every step, print figures and ratios."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--formats", nargs="+", default=["xlsx", "tbx"])
    parser.add_argument("--big", type=int, default=1_000_000, help="entries out to Excel and back (0: skip)")
    options = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from lookup import generate_glossary

    work = Path(tempfile.mkdtemp(prefix="glossary-export-"))
    glossary_path = work / "big.csv"
    count = generate_glossary(glossary_path, options.entries)
    print(f"{count:,} entries; each step in a fresh process; wall-clock seconds and peak RSS\n")
    baseline = {}
    if "xlsx" in options.formats:
        baseline["export"] = measure("pandas-export", glossary_path, work / "pandas.xlsx")
        baseline["import"] = measure("pandas-import", glossary_path, work / "pandas.xlsx")
        print(f"  pandas to_excel (openpyxl)   {baseline['export']['seconds']:7.1f} s  {baseline['export']['peak_mb']:6.0f} MB"
              f"  file {megabytes(work / 'pandas.xlsx'):6.1f} MB")
        print(f"  pandas read_excel (openpyxl) {baseline['import']['seconds']:7.1f} s  {baseline['import']['peak_mb']:6.0f} MB")
    for name in options.formats:
        out = work / f"ours.{name}"
        exported = measure("export", glossary_path, out)
        imported = measure("import", glossary_path, out)
        print(f"  glossary export {name:4}         {exported['seconds']:7.1f} s  {exported['peak_mb']:6.0f} MB"
              f"  file {megabytes(out):6.1f} MB")
        print(f"  glossary import {name:4}         {imported['seconds']:7.1f} s  {imported['peak_mb']:6.0f} MB")
        if name == "xlsx" and baseline:
            speedup = baseline["export"]["seconds"] / exported["seconds"]
            ratio = imported["seconds"] / baseline["import"]["seconds"]
            print(f"  export speed-up over pandas: {speedup:.1f}x (target >= 3x); "
                  f"import time / pandas: {ratio:.2f} (target <= 1); "
                  f"file size / pandas: {megabytes(out) / megabytes(work / 'pandas.xlsx'):.2f}")
    if options.big:
        big_path = work / "million.csv"
        big = generate_glossary(big_path, options.big)
        out = work / "million.xlsx"
        exported = measure("export", big_path, out)
        imported = measure("import", big_path, out)
        print(f"\n{big:,} entries to Excel and back:")
        print(f"  glossary export xlsx         {exported['seconds']:7.1f} s  {exported['peak_mb']:6.0f} MB"
              f"  file {megabytes(out):6.1f} MB")
        print(f"  glossary import xlsx         {imported['seconds']:7.1f} s  {imported['peak_mb']:6.0f} MB"
              f"  {imported['rows']:,} rows and {imported['hashes']:,} fingerprints read back"
              f" ({'all' if imported['rows'] == imported['hashes'] == big else 'NOT ALL'})")


def megabytes(path: Path) -> float:
    """A file's size in MB (10^6 bytes)."""
    return path.stat().st_size / 1e6


if __name__ == "__main__":
    main()
