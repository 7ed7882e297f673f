"""The benchmark runs end to end on the seed corpus and prints its tables (no timing is asserted)."""
import subprocess
import sys


def test_benchmark_prints_its_tables(tmp_path):
    out = tmp_path / "RESULTS.md"
    done = subprocess.run([sys.executable, "-m", "bench.run", "--scales", "1", "--repeat", "1", "--load-seconds", "2",
                           "--out", str(out)],
                          capture_output=True, text=True, timeout=600, check=True)
    report = out.read_text(encoding="utf-8")
    assert report == done.stdout.strip() + "\n" or report.strip() == done.stdout.strip()
    assert "| scale | plans | triples | build s |" in report
    for backend in ("embedded", "rdflib (baseline)"):
        assert f"| 1x | {backend} | blocked-on-central-frameworks |" in report
    assert "| target | scale | measured | met |" in report and "| build: at least 50 plans/s | 1x |" in report
    forms = report[report.index("## Reading PDF, Word and HTML"):]
    assert "| form | plans | runs | seconds | plans/s |" in forms
    assert all(f"| {form} | 5 | 1 | " in forms for form in ("text", "pdf", "word", "html"))
    drawn = report[report.index("## Pages the app draws"):report.index("## /sparql against")]
    assert all(f"| 1x | {page} |" in drawn for page in ("home", "search", "blocked", "plan page", "action page"))
    load = report[report.index("## Load test"):]
    assert "| scale | clients | seconds | requests | errors |" in load and "| 1x | 20 | 2.00 | " in load
