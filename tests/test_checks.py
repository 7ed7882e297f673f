"""A plan read against its own cross-checks: the checks stage alone, then seeds made to read as
less than they say (a misspelt agreement word, cut, a row removed, rows swapped), built from
copies in a tmp folder.  The seeds and the unseen plans themselves raise none of these warnings.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from builder.checks import check_plan
from builder.cli import main
from builder.model import RawAction, RawPlan, RawRecommendation, SourceDocument, Span
from builder.normalise.plan import normalise_plan
from builder.pipeline import build_corpus, build_document

DATA = Path(__file__).parent.parent / "data"
FIXTURES = Path(__file__).parent / "fixtures"


def seed_lines(prefix: str) -> list[str]:
    return next(DATA.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8").split("\n")


def row_start(lines: list[str], opening: str) -> int:
    """0-based index of the line a recommendation row opens with, as printed."""
    (index,) = [i for i, line in enumerate(lines) if line.startswith(opening)]
    return index


def built(tmp_path: Path, name: str, lines: list[str]):
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    document = build_document(path)
    assert document.error is None, document.error
    return document.plan, [str(w) for w in document.warnings if w.cross_check]


# ------------------------------------------------------------------ the stage alone

def raw_plan(numbers: list[str], summary: dict[str, int] | None = None, actions=None) -> RawPlan:
    source = SourceDocument(path=Path("example.txt"), text="\n".join(["line"] * 40), sha256="cd" * 32)
    recommendations = [
        RawRecommendation(number=n, span=Span(5 * i + 1, 5 * i + 4), text=f"Do {n}.", agreement="Agreed",
                          actions=(actions or {}).get(n, [RawAction(f"Act on {n}.", Span(5 * i + 2, 5 * i + 2),
                                                                    owner="Head of Operations", target="May 19")]))
        for i, n in enumerate(numbers)]
    return RawPlan(source=source, layout="test", title="Example CRC", recommendations=recommendations,
                   summary=summary or {}, summary_line=38 if summary else None)


def checked(raw: RawPlan) -> list[str]:
    warnings = check_plan(raw, normalise_plan(raw))
    assert all(w.cross_check for w in warnings)
    return [str(w) for w in warnings]


def test_a_plan_that_agrees_with_itself_passes():
    assert checked(raw_plan(["1", "2", "3"], {"Agreed": 3, "Partly Agreed": 0, "Not Agreed": 0, "Total": 3})) == []


def test_summary_table_names_the_recommendations_missing():
    warnings = checked(raw_plan(["1", "2"], {"Agreed": 4, "Total": 4}))
    assert "example.txt:38: the summary table says Total: 4, but 2 recommendations were read" in warnings
    assert "example.txt:38: recommendations 3 and 4 of the 4 the summary table counts are missing from what was read" in warnings


def test_number_sequence_gaps_repeats_and_steps_back():
    assert checked(raw_plan(["1", "2", "5"])) == [
        "example.txt:11: recommendations 3 and 4 are missing: the numbers go from 2 to 5 (line 11)"]
    assert checked(raw_plan(["2", "3"])) == ["example.txt:1: recommendation 1 is missing: the first read is 2 (line 1)"]
    assert checked(raw_plan(["1", "3", "2"])) == [
        "example.txt:11: recommendation 2 is printed after recommendation 3 (line 6): the rows are out of order"]
    assert checked(raw_plan(["1", "2", "2"])) == ["example.txt:11: recommendation 2 is printed twice (lines 6 and 11)"]


def test_actions_numbered_for_another_recommendation():
    stray = [RawAction("Act.", Span(3, 3), number="1.1", owner="Head of Operations", target="May 19"),
             RawAction("Review.", Span(4, 4), number="3.1", owner="Head of Operations", target="May 19"),
             RawAction("Report.", Span(5, 5), number="3.2", owner="Head of Operations", target="May 19")]
    assert checked(raw_plan(["1"], actions={"1": stray})) == [
        "example.txt:4: actions 3.1 to 3.2 (lines 4-5) are numbered for recommendation 3 but are read under "
        "recommendation 1: recommendation 3's row was not found"]


def test_agreed_without_actions_and_a_last_action_cut_mid_sentence():
    assert checked(raw_plan(["1", "2"], actions={"2": []})) == [
        "example.txt:9: recommendation 2 is agreed but no action is read for it (lines 6-9): "
        "the document may be cut after it"]
    cut = [RawAction("Review the model and report back through the", Span(7, 7))]
    assert checked(raw_plan(["1", "2"], actions={"2": cut})) == [
        "example.txt:7: the document stops in the middle of recommendation 2 (line 7): its last action breaks "
        "off mid-sentence with no owner or date; what follows is missing"]


# ------------------------------------------------------------------ seeds that read as less than they say

def test_misspelt_agreement_word_in_a_column_dump(tmp_path):
    lines = seed_lines("000")
    assert lines[311].startswith("Agreed 2.1")  # line 312: recommendation 2's agreement cell
    lines[311] = lines[311].replace("Agreed", "Agred", 1)
    plan, warnings = built(tmp_path, "agred.txt", lines)
    assert len(plan.recommendations) == 8 and sum(len(r.actions) for r in plan.recommendations) == 54
    assert plan.recommendations[1].agreement == "Agreed"
    assert warnings == ["agred.txt:312: recommendation 2: agreement 'Agred' is read as Agreed, the only "
                        "agreement word it is near (misspelt?)"]


def test_misspelt_agreement_word_in_a_table_cell(tmp_path):
    lines = seed_lines("001")
    assert lines[44].startswith("2\tEnsure consideration") and "\tAgreed\t" in lines[44]  # line 45
    lines[44] = lines[44].replace("\tAgreed\t", "\tNot Agred\t", 1)
    plan, warnings = built(tmp_path, "not-agred.txt", lines)
    assert plan.recommendations[1].agreement == "NotAgreed"
    assert "not-agred.txt:45: recommendation 2: agreement 'Not Agred' is read as Not Agreed, the only " \
           "agreement word it is near (misspelt?)" in warnings
    # and the summary table (27 agreed, none not agreed) now disagrees, which it says
    assert "not-agred.txt:188: the summary table says Not Agreed: 0, but 1 recommendations were read" in warnings


def test_a_word_far_from_every_agreement_word_is_not_guessed(tmp_path):
    lines = seed_lines("001")
    lines[44] = lines[44].replace("\tAgreed\t", "\tPartly\t", 1)
    plan, _ = built(tmp_path, "partly.txt", lines)
    assert plan.recommendations[1].agreement == "PartlyAgreed"  # "partly" says it in so many words
    lines[44] = lines[44].replace("\tPartly\t", "\tAgr\t", 1)
    plan, _ = built(tmp_path, "agr.txt", lines)
    assert plan.recommendations[1].agreement is None
    assert any("agreement 'Agr' is not Agreed" in w.message for w in plan.warnings)


def test_a_table_cut_to_half_its_lines(tmp_path):
    lines = seed_lines("001")
    cut = lines[: len(lines) // 2]  # ends at line 96, after the heading "Wigan PDU should:" (line 94)
    assert cut[93].startswith("<b>Wigan PDU should:</b>")
    plan, warnings = built(tmp_path, "half.txt", cut)
    assert len(plan.recommendations) == 10
    assert warnings == ["half.txt:94: the table ends after the heading 'Wigan PDU should:': the "
                        "recommendations it introduces are missing"]


def test_a_table_cut_inside_a_row(tmp_path):
    lines = seed_lines("001")
    ten = row_start(lines, "10\tEnsure that diversity")  # line 93: six cells
    cut = lines[:ten] + [lines[ten][:400]]  # in the response cell: four cells left
    plan, warnings = built(tmp_path, "cut.txt", cut)
    assert [r.number for r in plan.recommendations][-1] == "10" and plan.recommendations[-1].agreement == "Agreed"
    assert f"cut.txt:{ten + 1}: the row of recommendation 10 has 4 of the table's 6 cells: it is cut short, " \
           "and what it held after them is missing" in warnings


def test_a_column_dump_cut_in_mid_sentence(tmp_path):
    lines = seed_lines("000")
    assert lines[167].startswith("1.1.3   Monitoring of deployment of IRAM")  # line 168, its cells on 172-176
    _, warnings = built(tmp_path, "cut.txt", lines[:168])
    assert warnings == ["cut.txt:168: the document stops in the middle of recommendation 1 (line 168): its last "
                        "action breaks off mid-sentence with no owner or date; what follows is missing"]


def test_page_columns_cut_before_their_owner_and_date_columns(tmp_path):
    lines = seed_lines("003")
    plan, warnings = built(tmp_path, "half.txt", lines[: len(lines) // 2])
    assert len(plan.recommendations) == 3  # the row of recommendation 3 opens at line 836
    assert warnings == ["half.txt:872: recommendation 3 is agreed but no action is read for it (lines 836-872): "
                        "the document may be cut after it"]


def test_a_row_removed(tmp_path):
    lines = seed_lines("000")
    three, four = row_start(lines, "3 Make sure that"), row_start(lines, "4 Improve work to")
    plan, warnings = built(tmp_path, "removed.txt", lines[:three] + lines[four:])
    assert [r.number for r in plan.recommendations] == ["1", "2", "4", "5", "6", "7", "8"]
    assert warnings == [f"removed.txt:{three + 1}: recommendation 3 is missing: the numbers go from 2 to 4 "
                        f"(line {three + 1})"]
    # with a summary table too (003: Total 6), both say so
    lines = seed_lines("003")
    three, four = row_start(lines, "3 Better involve"), row_start(lines, "4 Make sure that all")
    _, warnings = built(tmp_path, "removed-003.txt", lines[:three] + lines[four:])
    assert f"removed-003.txt:{three + 1}: recommendation 3 is missing: the numbers go from 2 to 4 (line {three + 1})" \
        in warnings
    assert any("recommendation 3 of the 6 the summary table counts is missing" in w for w in warnings)


def test_a_table_row_removed_is_kept_as_a_lost_row(tmp_path):
    lines = seed_lines("001")
    three, four = row_start(lines, "3\tEnsure that appropriate"), row_start(lines, "4\tReview the efficacy")
    plan, _ = built(tmp_path, "removed.txt", lines[:three] + lines[four:])
    lost = plan.recommendations[2]
    assert (lost.number, lost.text_missing, lost.number_inferred) == ("3", True, True)
    assert any(w.message.startswith("recommendation 3: its row was lost") for w in plan.warnings)


def test_a_table_row_removed_with_nothing_left_of_it(tmp_path):
    lines = (FIXTURES / "unseen2" / "dtv_tab_paragraphs.txt").read_text(encoding="utf-8").split("\n")
    three, four = row_start(lines, "3\t<p>HMPPS should"), row_start(lines, "4\tImprove the quality")
    plan, warnings = built(tmp_path, "removed.txt", lines[:three] + lines[four:])
    assert [r.number for r in plan.recommendations] == ["1", "2", "3", "4", "5"] and plan.recommendations[2].text_missing
    assert f"removed.txt:{three + 1}: recommendation 3 is missing: nothing of its row is printed before " \
           f"recommendation 4 (line {three + 1}); only its number is kept" in warnings


@pytest.mark.parametrize("prefix, third, fourth, fifth", [
    ("000", "3 Make sure that", "4 Improve work to", "5 Take timel"),
    ("001", "3\tEnsure that appropriate", "4\tReview the efficacy", "5\tEnsure managers"),
])
def test_rows_swapped(tmp_path, prefix, third, fourth, fifth):
    lines = seed_lines(prefix)
    three, four, five = (row_start(lines, opening) for opening in (third, fourth, fifth))
    swapped = lines[:three] + lines[four:five] + lines[three:four] + lines[five:]
    plan, warnings = built(tmp_path, "swapped.txt", swapped)
    moved = three + (five - four) + 1
    assert [r.number for r in plan.recommendations][:5] == ["1", "2", "4", "3", "5"]
    assert warnings == [f"swapped.txt:{moved}: recommendation 3 is printed after recommendation 4 "
                        f"(line {three + 1}): the rows are out of order"]


# ------------------------------------------------------------------ the build command

def test_build_prints_cross_checks_and_strict_fails_on_them(tmp_path, capsys):
    lines = seed_lines("000")
    lines[311] = lines[311].replace("Agreed", "Agred", 1)
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "agred.txt").write_text("\n".join(lines), encoding="utf-8")
    arguments = ["build", str(folder), "-o", str(tmp_path / "out" / "g.ttl"), "-q", "-j", "1", "--no-cache"]
    assert main(arguments) == 0
    assert "agred.txt:312: recommendation 2: agreement 'Agred' is read as Agreed" in capsys.readouterr().out
    assert main(arguments + ["--strict"]) == 1
    assert (tmp_path / "out" / "g.ttl").exists()


def test_seeds_and_unseen_plans_raise_no_cross_check(corpus):
    plans = sorted(FIXTURES.glob("unseen*/*.txt"))
    unseen = build_corpus(plans)
    assert len(unseen.built) == len(plans) >= 12  # every one of them builds
    assert [str(w) for d in corpus.documents + unseen.documents for w in d.warnings if w.cross_check] == []
