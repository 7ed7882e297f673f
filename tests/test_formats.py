"""Plans read from Word, HTML and PDF tables give the graph their text form gives.

The documents are made at test time by tests/fixtures/make_formats.py from the builder's reading of
text plans (one in each of the seeds' layouts, and more), written out as real tables: repeated
heading rows, the recommendation's cells merged down over its actions, an owner cell merged over
the actions it stands for, bullets as lists in their cell.  What each form must give is what the
text form gives: the same recommendations, actions, owners, dates, dependencies and IRIs.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from rdflib import Literal, Namespace, URIRef

from builder.emit import action_iri, emit_plan, recommendation_iri
from builder.model import BuildError
from builder.pipeline import build_document, build_plan
from builder.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "fixtures" / "make_formats.py"
_spec = importlib.util.spec_from_file_location("make_formats", SCRIPT)
make_formats = sys.modules["make_formats"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_formats)
FORMS = (".docx", ".html", ".pdf")
AP = Namespace("https://w3id.org/plangraph/ontology#")


@pytest.fixture(scope="module")
def formats(tmp_path_factory):
    """Every fixture plan written out in every form, by the script the repository keeps."""
    folder = tmp_path_factory.mktemp("formats")
    make_formats.main(folder, FORMS)
    return folder


@pytest.fixture(scope="module")
def built(formats):
    """Each document built once for the whole module."""
    done = {}

    def build(name: str):
        if name not in done:
            done[name] = build_document(formats / name)
        return done[name]
    return build


@pytest.fixture(scope="module")
def text_plans():
    return {name: build_plan(read_document(source))[0] for name, source in make_formats.PLANS.items()}


def facts(plan):
    """What must not depend on the form a plan came in."""
    return {
        "plan": plan.key,
        "recommendations": [(r.number, r.agreement, r.text) for r in plan.recommendations],
        "actions": [(a.key, a.text, [o.key for o in a.owners], a.target and a.target.due,
                     a.target and a.target.progress) for r in plan.recommendations for a in r.actions],
        "dependencies": sorted((d.action_key, d.on_action or "", d.on_deliverable or "") for d in plan.dependencies),
    }


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", sorted(make_formats.PLANS))
def test_each_form_of_a_plan_gives_what_its_text_gives(built, text_plans, name, form):
    document = built(f"{name}{form}")
    assert document.error is None, document.error
    assert facts(document.plan) == facts(text_plans[name])
    assert document.summary.reader == {".docx": "word", ".html": "html", ".pdf": "pdf"}[form]


def test_the_fixtures_have_what_published_tables_have(formats):
    """Merged cells, a heading row marked to repeat on every page, bullets as a list in a cell."""
    with zipfile.ZipFile(formats / "cgm_interleaved.docx") as docx:
        xml = docx.read("word/document.xml").decode()
    assert "<w:tblHeader/>" in xml and 'w:vMerge w:val="restart"' in xml and "<w:vMerge/>" in xml
    assert 'w:val="ListBullet"' in xml
    page = (formats / "cgm_interleaved.html").read_text()
    assert "rowspan=" in page and "<li>" in page


def test_a_merged_owner_cell_stands_for_every_action_beside_it(formats, built):
    """cgm 6.2-6.5 share their owners (one cell merged over four rows in Word, rowspan in HTML)."""
    for form in FORMS:
        plan = built(f"cgm_interleaved{form}").plan
        sixth = next(r for r in plan.recommendations if r.number == "6").actions
        assert [a.owner_raw for a in sixth[1:5]] == ["TTG Lead Interchange Managers/Strategic Managers"] * 4
    page = (formats / "cgm_interleaved.html").read_text()
    assert "<td rowspan='4'><p>TTG Lead Interchange Managers/Strategic Managers</p></td>" in page


def test_a_bulleted_list_in_a_cell_is_part_of_its_action(built):
    plan = built("cgm_interleaved.docx").plan
    action = next(a for r in plan.recommendations for a in r.actions if a.key == "3.1")
    assert "to include the following relevant process/trackers: • Completion in every relevant case." in action.text


def test_provenance_says_table_row_and_cell(built):
    plan = built("cumbria_tables.docx").plan
    graph = emit_plan(plan)
    rec = URIRef(recommendation_iri(plan, "1"))
    assert graph.value(rec, AP.sourceTable) == Literal(1)
    assert graph.value(rec, AP.sourceRow) == Literal(2) and graph.value(rec, AP.sourceCell) == Literal(2)
    action = URIRef(action_iri(plan, plan.recommendations[0].actions[1].key))
    assert graph.value(action, AP.sourceRow) == Literal(3) and graph.value(action, AP.sourceCell) == Literal(4)
    assert graph.value(action, AP.sourceLineStart) is None


def test_the_pdfs_cut_rows_and_repeat_their_heading_like_published_plans(formats, text_plans):
    """cgm 1.8 starts at the foot of page 1 and ends on page 2, under the heading printed again;
    recommendation 1's merged cells run over both pages."""
    import pypdfium2

    action = next(a for a in text_plans["cgm_interleaved"].recommendations[0].actions if a.key == "1.8")
    left = make_formats.MARGIN + sum(make_formats.WIDTHS[:3])  # the response column
    pdf = pypdfium2.PdfDocument(formats / "cgm_interleaved.pdf")
    first, second = (" ".join(pdf[i].get_textpage().get_text_bounded(left, 0, left + make_formats.WIDTHS[3], 595)
                              .split()) for i in (0, 1))
    pdf.close()
    assert f"1.8 {action.text[:60]}" in first and action.text[-60:] in second and action.text[-60:] not in first
    assert first.count("4. Response Action Taken/Planned") == second.count("4. Response Action Taken/Planned") == 1


def test_a_cut_row_is_read_whole_and_says_where_it_starts(built, text_plans):
    plan = built("cgm_interleaved.pdf").plan
    graph = emit_plan(plan)
    cut = URIRef(action_iri(plan, "1.8"))
    assert next(a for a in plan.recommendations[0].actions if a.key == "1.8").text == next(
        a for a in text_plans["cgm_interleaved"].recommendations[0].actions if a.key == "1.8").text
    assert graph.value(cut, AP.sourcePage) == Literal(1) and graph.value(cut, AP.sourceCell) == Literal(4)
    assert 400 < float(graph.value(cut, AP.sourceTop)) < 595  # at the foot of the page, in points from its top
    rec = URIRef(recommendation_iri(plan, "2"))
    assert graph.value(rec, AP.sourcePage) == Literal(2)


@pytest.mark.parametrize("name", ["kss_pdf_interleaved", "bench_pdf_interleaved"])
def test_a_pdf_without_ruled_tables_is_read_as_its_lines(tmp_path, name):
    source = next((ROOT / "tests" / "fixtures").glob(f"unseen*/{name}.txt"))
    make_formats.write_text_pdf(source, tmp_path / f"{name}.pdf")
    document = build_document(tmp_path / f"{name}.pdf")
    assert document.summary.reader == "pdf-text" and document.summary.layout == "pdf-columns"
    assert facts(document.plan) == facts(build_plan(read_document(source))[0])


# ---------------------------------------------------------------- refusals, each naming the file


def _refusal(path: Path) -> BuildError:
    document = build_document(path)
    assert document.summary is None
    assert path.name in str(document.error)
    return document.error


def test_a_damaged_word_document_is_refused(formats, tmp_path):
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes((formats / "cumbria_tables.docx").read_bytes()[:3000])
    assert "damaged" in _refusal(damaged).message


def test_a_damaged_pdf_is_refused(formats, tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes((formats / "kss_interleaved.pdf").read_bytes()[:1500])
    assert "damaged" in _refusal(damaged).message
    renamed = tmp_path / "renamed.pdf"
    renamed.write_bytes(b"<html>not a PDF at all</html>")
    assert "is not a PDF" in _refusal(renamed).message


def test_a_scanned_pdf_is_refused_as_needing_ocr(tmp_path):
    from PIL import Image
    from reportlab.pdfgen.canvas import Canvas

    scan = Canvas(str(tmp_path / "scan.pdf"))
    scan.drawInlineImage(Image.new("L", (300, 400), 200), 50, 50, 300, 400)
    scan.save()
    message = _refusal(tmp_path / "scan.pdf").message
    assert "no text layer" in message and "OCR" in message


def test_an_encrypted_pdf_is_refused(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    locked = Canvas(str(tmp_path / "locked.pdf"), encrypt="secret")
    locked.drawString(50, 700, "ACTION PLAN: Somewhere CRC")
    locked.save()
    assert "encrypted with a password" in _refusal(tmp_path / "locked.pdf").message


def test_a_word_document_that_is_not_an_action_plan_is_refused(tmp_path):
    import docx

    letter = docx.Document()
    letter.add_paragraph("Dear colleague, please find the minutes attached.")
    letter.save(tmp_path / "letter.docx")
    assert "no tables" in _refusal(tmp_path / "letter.docx").message
    register = docx.Document()
    table = register.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ["Name", "Team", "Phone", "A", "B", "1"]):
        cell.text = text
    register.save(tmp_path / "register.docx")
    assert "does not look like an action plan" in _refusal(tmp_path / "register.docx").message


def test_an_html_page_without_tables_is_refused(tmp_path):
    page = tmp_path / "news.html"
    page.write_text("<html><body><p>Inspection news</p></body></html>")
    assert "no tables" in _refusal(page).message


# ---------------------------------------------------------------- the build command


def test_build_a_folder_mixing_forms_says_which_reader_read_each(formats, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "002.txt").write_bytes(make_formats.PLANS["cumbria_tables"].read_bytes())
    (folder / "kss.docx").write_bytes((formats / "kss_interleaved.docx").read_bytes())
    (folder / "northumbria.html").write_bytes((formats / "northumbria_tables.html").read_bytes())
    (folder / "thames.pdf").write_bytes((formats / "thames_valley_page_columns.pdf").read_bytes())
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a Word document")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n")
    done = subprocess.run([sys.executable, "-m", "builder.cli", "build", str(folder), "-q", "--no-cache",
                           "-o", str(tmp_path / "out" / "plangraph.ttl")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # one document failed, the others were built
    rows = {line.split()[0]: line.split()[1:4] for line in done.stdout.splitlines() if line[:1].isalnum()}
    assert rows["002.txt"] == ["ok", "text", "html-table"] and rows["kss.docx"] == ["ok", "word", "html-table"]
    assert rows["northumbria.html"] == ["ok", "html", "html-table"] and rows["broken.docx"] == ["FAILED", "word", "-"]
    assert rows["thames.pdf"] == ["ok", "pdf", "html-table"]
    assert "not read (plangraph does not read this kind of file): logo.png" in done.stdout
    assert "broken.docx" in done.stderr and "damaged" in done.stderr
    assert "from 4 plans" in done.stdout


def test_the_entity_page_says_which_table_row_and_cell_a_statement_came_from(built, tmp_path):
    from conftest import make_app

    from builder.pipeline import CorpusResult, serialize

    document = built("cumbria_tables.docx")
    result = CorpusResult(documents=[document])
    graph = tmp_path / "plangraph.ttl"
    graph.write_bytes(serialize(result.graph(), "turtle"))
    graph.with_suffix(".trig").write_bytes(serialize(result.dataset(), "trig"))
    app = make_app(graph, tmp_path / "store", STORE="rdflib")  # a one-plan graph: no on-disk store needed
    try:
        page = app.test_client().get(recommendation_iri(document.plan, "1").replace(
            "https://w3id.org/plangraph", "")).get_data(as_text=True)
    finally:
        app.extensions["plangraph"].close()
    assert "cumbria_tables.docx</a>, table 1, rows 2–11, cell 2, as printed:" in page  # merged over 10 actions
    assert "1 | The CRC should: Ensure that its staff are properly equipped" in page


def test_spanned_cells_of_an_html_table_are_read_by_what_their_column_holds(tmp_path):
    """A cell spanning rows in the recommendation's columns is printed once (the rows below go on
    with the same recommendation); an owner cell spanning rows is each action's owner; a row-wide
    cell (colspan) naming who should act heads the recommendations under it."""
    page = tmp_path / "plan.html"
    page.write_text("""<html><body><p>ACTION PLAN: Somewhere CRC</p><table>
      <tr><th>1. Rec No</th><th>2. Recommendation</th><th>3. Agreed</th><th>4. Response</th>
          <th>5. Responsible Owner</th><th>6. Target Date</th></tr>
      <tr><td colspan="6"><b>The CRC should:</b></td></tr>
      <tr><td rowspan="2">1</td><td rowspan="2"><p>Improve the quality of risk assessments.</p></td>
          <td rowspan="2">Agreed</td><td><p>Audit twenty cases a month.</p></td>
          <td rowspan="2">Head of Quality</td><td>May 2020</td></tr>
      <tr><td><ul><li>Train every new officer in risk assessment.</li></ul></td><td>June 2020</td></tr>
    </table></body></html>""")
    document = build_document(page)
    assert document.error is None, document.error
    [rec] = document.plan.recommendations
    assert (rec.number, rec.agreement, rec.addressee) == ("1", "Agreed", "somewhere-crc")  # "The CRC" is the plan's
    assert rec.text == "Improve the quality of risk assessments."
    assert [(a.text, a.owner_raw, a.target.due.month) for a in rec.actions] == [
        ("Audit twenty cases a month.", "Head of Quality", 5),
        ("Train every new officer in risk assessment.", "Head of Quality", 6)]
    assert "\t\t\t<ul> <li>Train every new officer in risk assessment.</li> </ul>\t<p>Head of Quality</p>\t" \
        "<p>June 2020</p>" in read_document(page).lines


def test_a_warning_names_the_page_table_and_row_it_is_about(built):
    """cgm prints one post two ways ("Business & Project Manager"): the warning names where."""
    word, pdf = (built(f"cgm_interleaved{form}").warnings for form in (".docx", ".pdf"))
    assert any(str(w).startswith("cgm_interleaved.docx (table 1, row 9): owner 'Business and Project Manager'")
               for w in word)
    assert any(str(w).startswith("cgm_interleaved.pdf (page 1, table 1, row 9): owner") for w in pdf)
