"""Bad input: clear errors naming the file, the other documents still build, nothing is lost."""
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from builder.cli import main
from builder.model import BuildError, SourceDocument
from builder.pipeline import build_corpus, build_plan

SEEDS = sorted((Path(__file__).resolve().parents[1] / "data").glob("*.txt"))


def bad_corpus(folder: Path, good: Path) -> Path:
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "prose.txt").write_text("The cat sat on the mat.\nIt was a sunny day in Manchester.\n" * 20)
    (folder / "latin1.txt").write_bytes("Agreed\tCaf\xe9\n".encode("latin-1"))
    (folder / "truncated.txt").write_text(good.read_text(encoding="utf-8")[:1500], encoding="utf-8")
    (folder / "good.txt").write_bytes(good.read_bytes())
    return folder


def test_each_bad_document_is_named_and_the_good_one_builds(tmp_path):
    folder = bad_corpus(tmp_path / "in", SEEDS[2])
    result = build_corpus([folder])
    errors = {Path(d.path).name: str(d.error) for d in result.documents if d.error}
    assert [Path(d.path).name for d in result.built] == ["good.txt"]
    assert "empty.txt: the file is empty" in errors["empty.txt"]
    assert "binary" in errors["binary.txt"]
    assert "does not look like an action plan" in errors["prose.txt"] or "no recommendations" in errors["prose.txt"]
    assert errors["latin1.txt"].startswith("latin1.txt:1: invalid UTF-8")
    assert errors["truncated.txt"].startswith("truncated.txt")
    assert not any("internal error" in message for message in errors.values())


def test_failed_build_keeps_the_previous_graph(tmp_path, capsys):
    output = tmp_path / "out" / "graph.ttl"
    assert main(["build", "-q", str(SEEDS[2]), "-o", str(output)]) == 0
    before = output.read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_text("")
    assert main(["build", "-q", str(bad), "-o", str(output)]) == 1
    assert output.read_bytes() == before
    assert "bad.txt: the file is empty" in capsys.readouterr().err
    assert not [p for p in output.parent.iterdir() if p.name.startswith(".")], "no temporary file left"


def test_partial_failure_still_writes_the_others(tmp_path):
    output = tmp_path / "graph.ttl"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00")
    assert main(["build", "-q", str(SEEDS[2]), str(bad), "-o", str(output)]) == 1
    assert output.exists() and output.with_suffix(".trig").exists()


def _document(text: str) -> SourceDocument:
    return SourceDocument(path=Path("random.txt"), text=text, sha256="0" * 64)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000))
def test_random_text_raises_only_build_error(text):
    try:
        build_plan(_document(text))
    except BuildError as error:
        assert error.source == "random.txt"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), cut=st.floats(min_value=0.0, max_value=1.0),
       start=st.floats(min_value=0.0, max_value=0.5))
def test_truncated_seeds_raise_only_build_error(seed, cut, start):
    text = seed.read_text(encoding="utf-8")
    begin = int(len(text) * start)
    try:
        build_plan(_document(text[begin: begin + int((len(text) - begin) * cut)]))
    except BuildError:
        pass


def test_two_documents_of_one_plan_are_not_merged_silently(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SEEDS[3].read_bytes())
    (folder / "b.txt").write_bytes(SEEDS[3].read_bytes() + b"\n")
    result = build_corpus([folder])
    assert [Path(d.path).name for d in result.built] == ["a.txt"]
    [error] = result.errors
    assert str(error).startswith("b.txt: its plan has the same IRI as the plan already built from a.txt")
