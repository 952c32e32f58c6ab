"""Structured input: a facts-view JSON return -> model -> schema-valid XML (issue 6, docs/structured-input.md)."""

from __future__ import annotations

import csv
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_runs import run_cli as run
from conftest import PROJECT
from return_xml import api, rules
from return_xml.errors import FactsError, InputError
from return_xml.facts import facts_of
from return_xml.facts_input import MAX_JSON_BYTES, MAX_PROBLEMS, REQUIRED, from_facts, parse_facts_json, value_kind, vocabulary
from return_xml.model import MonthlyReturn
from return_xml.xmlio import parse_xml, render_xml
from return_xml.xmlio.reader import parse_document
from return_xml.xmlio.schema import xsd_errors
from strategies import monthly_returns

SAMPLES = PROJECT / "samples"

# Fixed examples in CI: derandomized, no example database.
_PROPERTY = settings(max_examples=100, derandomize=True, database=None, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])

MINIMAL = {"form.family": "FF301", "form.language": "en", "issuer.name": "Example Issuer Limited",
           "period.end": "2025-06-30"}


def problems_of(facts: dict) -> dict[str, str]:
    """``{path: reason}`` of every problem ``from_facts`` reports (fails when it accepts the facts)."""
    with pytest.raises(FactsError) as error:
        from_facts(facts)
    return {problem.field: problem.reason for problem in error.value.problems}




# --- round trips -------------------------------------------------------------------------------

_TOP_ITEM = re.compile(r"([a-z_]+)\[(\d+)\]\.(.*)")
_NESTED_ITEM = re.compile(r"([a-z_]+\[\d+\]\.[a-z_]+)\[(\d+)\]\.(.*)")


def _renumber(facts: dict, pattern: re.Pattern[str]) -> dict:
    indexes: dict[str, set[int]] = {}
    for key in facts:
        if match := pattern.fullmatch(key):
            indexes.setdefault(match[1], set()).add(int(match[2]))
    new = {name: {old: i for i, old in enumerate(sorted(found))} for name, found in indexes.items()}
    out = {}
    for key, value in facts.items():
        if match := pattern.fullmatch(key):
            key = f"{match[1]}[{new[match[1]][int(match[2])]}].{match[3]}"
        out[key] = value
    return out


def as_input(facts: dict) -> dict:
    """A facts view as structured input: list indexes made contiguous, the required facts given.

    ``facts_of`` numbers list items by their place in the model, and a generated
    item may carry no fact at all (a funds line with neither currency nor
    amount), which leaves a gap that input must not have.
    """
    compact = _renumber(_renumber(facts, _TOP_ITEM), _NESTED_ITEM)
    compact.setdefault("issuer.name", "Generated Issuer Limited")
    compact.setdefault("period.end", "2024-01-31")
    return compact


@_PROPERTY
@given(monthly_returns())
def test_the_facts_of_any_generated_return_come_back_unchanged_from_input_and_from_its_xml(m: MonthlyReturn) -> None:
    facts = as_input(facts_of(m))
    model = from_facts(facts)
    assert facts_of(model) == facts
    data = render_xml(model)
    assert facts_of(parse_xml(data)) == facts  # parse_xml validates against the XSD first


_JSON_VALUES = st.none() | st.booleans() | st.integers(-(10**15), 10**15) | st.text(max_size=8) | st.sampled_from(
    ["0.01", "-1500000", "2025-06-30", "HKD", "ordinary", "placing", "FF301", "en", "2025-02-30", "1,000"])
_PATHS = st.sampled_from([p.replace("[i]", "[0]").replace("[k]", "[0]") for p in vocabulary()]) | st.text(max_size=12)


@settings(max_examples=200, derandomize=True, database=None, deadline=None)
@given(st.dictionaries(_PATHS, _JSON_VALUES, max_size=12))
def test_any_json_object_gives_a_return_or_a_facts_error_naming_each_problem_by_path(facts: dict) -> None:
    try:
        model = from_facts({**MINIMAL, **facts})
    except FactsError as error:
        assert error.problems
        assert all(problem.field is not None and problem.reason for problem in error.problems)
        assert error.field == error.problems[0].field
    else:
        assert xsd_errors(render_xml(model)) == []


def test_every_corpus_label_becomes_schema_valid_xml_whose_facts_equal_the_label(corpus):
    labels = sorted(corpus.glob("*.facts.json"))
    assert labels, f"no labelled filing in {corpus}"
    for label in labels:
        expected = json.loads(label.read_text(encoding="utf-8"))
        data = render_xml(api.read(label))
        assert xsd_errors(data) == [], label.name
        assert facts_of(parse_xml(data)) == expected, label.name


_VALUE_OF_KIND = {"count": -7, "money": "12.50", "text": "Some text", "currency": "USD", "date": "2025-06-30",
                  "flag": False}
_CHOICES = {"category": "preference", "type": "other", "form.family": "legacy", "form.language": "zh"}


def test_a_return_giving_every_path_of_the_vocabulary_gives_every_path_back():
    # Every path is read into the model and written out again by facts_of: none is dropped on the way.
    facts = {}
    for pattern in vocabulary():
        for i, k in itertools.product((0, 1), repeat=2):  # two items of every list, nested ones too
            path = pattern.replace("[i]", f"[{i}]").replace("[k]", f"[{k}]")
            kind = value_kind(path)
            facts[path] = _CHOICES.get(path, _CHOICES.get(path.rsplit(".", 1)[-1])) if kind == "choice" else _VALUE_OF_KIND[kind]
    facts["form.version"] = "1.2.0"
    assert len(facts) > 2 * len(vocabulary()) - 20
    assert facts_of(parse_xml(render_xml(from_facts(facts)))) == facts


def test_text_is_folded_and_money_keeps_every_printed_digit():
    model = from_facts({**MINIMAL, "issuer.name": "  Example \n Issuer   Limited ",
                        "authorised[0].currency": "HKD", "authorised[0].close.capital": "607500.00",
                        "authorised[0].close.par_value": "0.010"})
    close = model.authorised[0].close
    assert model.header.issuer_name.value == "Example Issuer Limited"
    assert str(close.capital.value) == "607500.00" and str(close.par_value.value) == "0.010"
    assert close.capital_currency.value == "HKD" and close.par_value_currency.value == "HKD"
    assert close.capital.printed is None and close.capital.source is None  # no provenance for data input


def test_nil_is_zero_and_an_absent_fact_is_no_figure():
    model = from_facts({**MINIMAL, "issued[0].category": "ordinary", "issued[0].movement.issued": 0})
    block = model.issued[0]
    assert block.movement.issued.value == 0
    assert block.close is None and block.preceding is None and block.movement.treasury is None
    assert facts_of(model)["issued[0].movement.issued"] == 0
    assert "issued[0].close.issued" not in facts_of(model)


def test_a_currency_without_any_amount_is_kept():
    facts = {**MINIMAL, "authorised[0].category": "ordinary", "authorised[0].currency": "USD"}
    assert facts_of(from_facts(facts)) == facts


# --- problems, all at once, by path ------------------------------------------------------------


@pytest.mark.parametrize("path", REQUIRED)
def test_each_required_fact_is_reported_missing_by_its_path(path):
    facts = dict(MINIMAL)
    del facts[path]
    problems = problems_of(facts)
    assert list(problems) == [path]
    assert problems[path].startswith("missing")


def test_every_problem_of_a_document_is_reported_at_once():
    problems = problems_of({
        "form.family": "FF301", "form.language": "en", "period.end": "2025-06-31",
        "issued[0].close.issued": 1.5,
        "issued[0].close.treasury": True,
        "issued[0].preceding.issued": "1200",
        "authorised[0].close.capital": 100.0,
        "authorised[0].close.par_value": "1,000.00",
        "authorised[0].currency": "hkd",
        "issued[0].clsoe.total": 3,
        "issued[2].category": "ordinary",
        "submission.date": "30/06/2025",
        "options[0].scheme": None,
        "remarks": {"text": "nested"},
    })
    assert set(problems) == {
        "issuer.name", "period.end", "issued[0].close.issued", "issued[0].close.treasury",
        "issued[0].preceding.issued", "authorised[0].close.capital", "authorised[0].close.par_value",
        "authorised[0].currency", "issued[0].clsoe.total", "issued[1]", "submission.date", "options[0].scheme",
        "remarks",
    }
    assert "whole JSON number" in problems["issued[0].close.issued"]
    assert "true/false" in problems["issued[0].close.treasury"]
    assert "without quotes" in problems["issued[0].preceding.issued"]
    assert "in quotes" in problems["authorised[0].close.capital"]  # a JSON float for money: quote it
    assert "plain decimal" in problems["authorised[0].close.par_value"]
    assert "ISO 4217" in problems["authorised[0].currency"]
    assert "did you mean 'issued[0].close.total'" in problems["issued[0].clsoe.total"]
    assert "without gaps" in problems["issued[1]"]
    assert "YYYY-MM-DD" in problems["submission.date"]
    assert "real date" in problems["period.end"]
    assert "leave the key out" in problems["options[0].scheme"]
    assert "single value" in problems["remarks"]


@pytest.mark.parametrize(("facts", "path", "words"), [
    ({"other_movements[0].type": "placing", "other_movements[0].shares_issued": 0}, "other_movements[0]", "listed only"),
    ({"other_movements[0].category": "ordinary", "other_movements[0].shares_issued": 5}, "other_movements[0].type", "missing"),
    ({"other_movements[0].type": "bonus", "other_movements[0].shares_issued": 5}, "other_movements[0].type", "one of"),
    ({"other_movements[0].type": "placing", "other_movements[0].shares_issued": 5,
      "other_movements[0].description": "Placing"}, "other_movements[0].description", "type 'other'"),
    ({"options_total[0].category": "ordinary"}, "options_total[0]", "total line"),
    ({"issued[01].category": "ordinary"}, "issued[01].category", "leading zeros"),
    ({"issued[0].multi_counter[1].stock_code": "80001"}, "issued[0].multi_counter[0]", "without gaps"),
    ({"issued[0].close.issued": 10**40}, "issued[0].close.issued", "at most"),
    ({"issuer.name": "Bad\u0001Name"}, "issuer.name", "XML cannot carry"),
    ({"form.family": "FF302"}, "form.family", "one of"),
    ({"form.language": "fr"}, "form.language", "one of"),
    ({"warrants[0].nominal.close": "1e6"}, "warrants[0].nominal.close", "plain decimal"),
    ({"authorised[0].listed": "yes"}, "authorised[0].listed", "true or false"),
])
def test_a_bad_fact_is_reported_by_its_path(facts, path, words):
    problems = problems_of({**MINIMAL, **facts})
    assert path in problems, problems
    assert words in problems[path]


def test_the_error_names_the_file_the_first_path_and_how_many_more(tmp_path):
    source = tmp_path / "return.json"
    source.write_text(json.dumps({"form.family": "FF301", "form.language": "en", "issued[0].close.issued": "1"}))
    with pytest.raises(FactsError) as error:
        api.read(source)
    assert isinstance(error.value, InputError) and isinstance(error.value, ValueError)
    assert error.value.field == "issued[0].close.issued"
    assert str(error.value).startswith(f"{source}: issued[0].close.issued: must be a whole JSON number")
    assert str(error.value).endswith("(and 2 more problems)")
    assert all(str(problem).startswith(f"{source}: ") for problem in error.value.problems)


@pytest.mark.parametrize(("data", "words"), [
    (b'{"form.family": "FF301",}', "not valid JSON"),
    (b'["form.family"]', "one JSON object"),
    (b'{"issuer.name": "\xff"}', "not UTF-8"),
    (b"[" * 100_000 + b"]" * 100_000, "one JSON object"),  # deep nesting, refused without a crash
])
def test_a_document_that_is_not_one_json_object_is_refused_in_one_line(data, words):
    with pytest.raises(InputError) as error:
        facts = parse_facts_json(data, file="r.json")
        from_facts(facts, file="r.json")
    assert words in str(error.value) or "nested too deeply" in str(error.value)
    assert "\n" not in str(error.value)


def test_duplicate_keys_nan_and_huge_numbers_are_reported_by_path():
    data = b'{"form.family": "FF301", "form.family": "legacy", "issued[0].close.issued": NaN, ' \
           b'"issued[0].close.total": ' + b"9" * 5000 + b"}"
    problems = {p.field: p.reason for p in pytest.raises(FactsError, from_facts, parse_facts_json(data)).value.problems}
    assert "given twice" in problems["form.family"]
    assert "whole JSON number" in problems["issued[0].close.issued"]
    assert "at most" in problems["issued[0].close.total"]


def test_a_document_with_very_many_problems_lists_the_first_ones_and_counts_the_rest():
    facts = {**MINIMAL, **{f"other_movements[{k}].shares_issued": "many" for k in range(MAX_PROBLEMS + 50)}}
    problems = pytest.raises(FactsError, from_facts, facts).value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].field is None and problems[-1].reason.startswith("50 more problems")


def test_a_document_above_the_size_limit_is_refused_before_parsing():
    with pytest.raises(InputError, match="too large"):
        parse_facts_json(b" " * (MAX_JSON_BYTES + 1))


# --- api and command line ----------------------------------------------------------------------


def test_a_facts_json_is_recognised_by_content_not_by_name(tmp_path):
    source = tmp_path / "return.txt"
    source.write_text("\n  " + json.dumps({**MINIMAL, "remarks": "%PDF- quoted in a remark"}), encoding="utf-8")
    assert api.read(source).header.issuer_name.value == "Example Issuer Limited"
    assert api.facts(source)["remarks"] == "%PDF- quoted in a remark"


def test_cli_convert_writes_schema_valid_xml_from_a_json_return(tmp_path, capsys):
    source, xml, again = SAMPLES / "invented_FF301_2025-06_en.json", tmp_path / "out.xml", tmp_path / "again.json"
    assert run("convert", str(source), str(xml)) == 0
    assert "warning" not in capsys.readouterr().err
    assert xsd_errors(xml.read_bytes()) == []
    parse_document(xml.read_bytes())
    assert run("facts", str(source)) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(source.read_text(encoding="utf-8"))
    assert run("convert", str(xml), str(again)) == 0
    assert json.loads(again.read_text(encoding="utf-8")) == printed


def test_cli_prints_every_problem_one_per_line_and_writes_nothing(tmp_path, capsys):
    source, target = tmp_path / "bad.json", tmp_path / "out.xml"
    source.write_text(json.dumps({"form.family": "FF301", "form.language": "en", "issued[0].close.issued": 2.5}))
    assert run("convert", str(source), str(target)) == 1
    lines = capsys.readouterr().err.splitlines()
    prefix = f"return-xml: {FactsError.code}: {source}: "
    assert all(line.startswith(prefix) for line in lines), lines
    assert [line[len(prefix):].split(": ")[0] for line in lines] == ["issued[0].close.issued", "issuer.name", "period.end"]
    assert not target.exists() and list(tmp_path.iterdir()) == [source]


def test_every_sample_converts_and_validates_with_no_finding_and_gives_its_facts_back(tmp_path):
    samples = sorted(SAMPLES.glob("*.json"))
    assert samples, f"no sample in {SAMPLES}"
    for sample in samples:
        xml = tmp_path / (sample.stem + ".xml")
        conversion = api.convert(sample, xml)
        assert conversion.findings == (), sample.name
        validation = api.validate(xml)
        assert validation.usable and validation.findings == (), (sample.name, validation.findings)
        assert run("validate", str(xml)) == 0
        assert api.facts(xml) == json.loads(sample.read_text(encoding="utf-8")), sample.name


def test_a_sample_written_as_csv_rows_becomes_the_same_facts_with_the_documented_recipe(tmp_path):
    # The recipe of docs/structured-input.md ("Making one from a spreadsheet"), run as written there.
    def cell(path, text):
        kind = value_kind(path)
        if kind == "count":
            return int(text.replace(",", ""))
        if kind == "flag":
            return text.strip().lower() == "true"
        return text.strip()

    sample = json.loads((SAMPLES / "invented_FF301_2025-06_en.json").read_text(encoding="utf-8"))
    sheet = tmp_path / "return.csv"
    with sheet.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["path", "value"])
        for path, value in sample.items():
            shown = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value
            writer.writerow([path, str(shown).lower() if isinstance(value, bool) else shown])
        writer.writerow(["issued[1].remarks", ""])  # an empty cell: no fact
    with sheet.open(newline="", encoding="utf-8") as rows:
        facts = {row["path"]: cell(row["path"], row["value"]) for row in csv.DictReader(rows) if row["value"].strip()}
    assert facts == sample
    assert facts_of(from_facts(facts)) == sample


def test_value_kind_names_what_each_path_takes():
    assert value_kind("issued[12].close.issued") == "count"
    assert value_kind("options_funds[1].amount") == "money"
    assert value_kind("issued[0].multi_counter[3].stock_code") == "text"
    assert value_kind("period.end") == "date"
    assert value_kind("authorised[0].listed") == "flag"
    assert value_kind("other_movements[0].type") == "choice"
    assert value_kind("issued[0].close.shares") is None
    assert all(value_kind(p.replace("[i]", "[0]").replace("[k]", "[1]")) for p in vocabulary())


def test_the_sample_breaks_a_rule_when_one_of_its_figures_is_changed():
    # The sample's 0 findings mean the rules ran on it: a wrong closing balance is found.
    facts = json.loads((SAMPLES / "invented_FF301_2025-06_en.json").read_text(encoding="utf-8"))
    facts["issued[0].close.issued"] += 1
    codes = {finding.code for finding in rules.iter_findings(from_facts(facts))}
    assert codes == {"RX-II-001", "RX-II-004"}


def test_the_installed_script_converts_a_json_return_in_a_real_subprocess(tmp_path):
    script = Path(sys.executable).with_name("return-xml")
    sample, xml = SAMPLES / "invented_legacy_2012-03_zh.json", tmp_path / "out.xml"
    done = subprocess.run([str(script), "convert", str(sample), str(xml)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert api.facts(xml)["issuer.name"] == "晨星資源控股有限公司"
