"""The command line: formats, exit codes, and bad input that never tracebacks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import main

from .conftest import EXAMPLES, SEEDS


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Two real seed articles plus three broken inputs."""
    for name in sorted(p.name for p in SEEDS.glob("*.txt"))[:2]:
        shutil.copy(SEEDS / name, tmp_path / name)
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (tmp_path / "bad.jsonl").write_text(
        '{"text": "A fine article body about a port strike."}\n{not json\n', encoding="utf-8"
    )
    return tmp_path


def test_bad_inputs_are_reported_and_the_rest_processed(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    report = json.loads(result.stdout)
    failed = {Path(e["input"].split(":")[0]).name for e in report["errors"]}
    assert {"empty.txt", "binary.txt", "bad.jsonl"} <= failed
    assert all(e["error"] for e in report["errors"])
    ids = {a["id"] for a in report["articles"]}
    assert {p.stem for p in SEEDS.glob("*.txt")} & ids, "the good seed files were not processed"
    assert "Traceback" not in result.stderr
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr


def test_strict_stops_at_the_first_failure(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--format", "json", "--strict"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "Error:" in result.stderr


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "nope.txt"), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["errors"][0]["input"].endswith("nope.txt")


def test_out_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "newsprism/report@1" and len(data["articles"]) == 5


def test_commands_have_help() -> None:
    runner = CliRunner()
    for command in ([], ["analyze"], ["settings"]):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output


def test_settings_lists_every_setting() -> None:
    from newsprism.config import Settings

    result = CliRunner().invoke(main, ["settings"])
    assert result.exit_code == 0
    for name in Settings().help():
        assert name in result.output


def test_commands_are_documented() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for command in main.commands:
        assert f"newsprism {command}" in readme, command


def test_one_run_writes_several_formats_by_suffix(tmp_path: Path) -> None:
    json_out, md_out = tmp_path / "r.json", tmp_path / "r.md"
    args = ["analyze", str(EXAMPLES / "meridian_lunca_verde.txt"), "--out", str(json_out), "--out", str(md_out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert json.loads(json_out.read_text(encoding="utf-8"))["schema"] == "newsprism/report@1"
    assert md_out.read_text(encoding="utf-8").startswith("#")
    assert "wrote json report" in result.stderr and "wrote md report" in result.stderr


def test_an_unknown_suffix_asks_for_a_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "--out", str(tmp_path / "report.bin")])
    assert result.exit_code == 2
    assert "--format" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("where", ["missing folder", "full disk"])
def test_a_report_that_cannot_be_written_spares_the_others(tmp_path: Path, where: str) -> None:
    if where == "full disk" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    bad = {"missing folder": tmp_path / "no" / "such" / "report.json", "full disk": Path("/dev/full")}[where]
    good = tmp_path / "report.json"
    args = ["analyze", str(EXAMPLES / "meridian_lunca_verde.txt"), "--format", "json"]
    result = CliRunner().invoke(main, [*args, "--out", str(bad), "--out", str(good)])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"cannot write the json report to {bad}" in result.stderr
    assert json.loads(good.read_text(encoding="utf-8"))["schema"] == "newsprism/report@1"
    assert "1 of 2 report(s) could not be written" in result.stderr


def test_exit_codes_are_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for status in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert status in readme, status


def test_a_folder_where_a_report_should_go_is_a_usage_error_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "taken.json").mkdir()
    result = CliRunner().invoke(main, ["analyze", str(SEEDS), "--out", str(tmp_path / "taken.json")])
    assert result.exit_code == 2 and "is a directory" in result.stderr and "Traceback" not in result.output


def test_render_draws_a_json_report_again_without_analysis(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    first = CliRunner().invoke(main, ["analyze", str(EXAMPLES), "--out", str(report), "--out", str(tmp_path / "a.html")])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, ["render", str(report), "--out", str(tmp_path / "b.html"), "--out", str(tmp_path / "b.md")])
    assert again.exit_code == 0, again.output
    assert (tmp_path / "b.html").read_text(encoding="utf-8") == (tmp_path / "a.html").read_text(encoding="utf-8")
    assert (tmp_path / "b.md").read_text(encoding="utf-8").startswith("#")
    shown = CliRunner().invoke(main, ["render", str(report), "--format", "json"])
    assert json.loads(shown.stdout) == json.loads(report.read_text(encoding="utf-8"))


def test_render_names_a_file_that_is_no_report(tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"title": "my notes"}', encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(bad), "--format", "html"])
    assert result.exit_code == 1
    assert "notes.json: not a newsprism report" in result.stderr and "Traceback" not in result.output
    missing = CliRunner().invoke(main, ["render", str(tmp_path / "gone.json")])
    assert missing.exit_code == 1 and "gone.json: cannot read it" in missing.stderr


def _several_stories_json(tmp_path: Path) -> Path:
    from newsprism.report.json import dumps

    from .test_browser import several_stories

    source = tmp_path / "report.json"
    source.write_text(dumps(several_stories()), encoding="utf-8")
    return source


def test_a_folder_gets_an_index_and_one_page_per_story(tmp_path: Path) -> None:
    source = _several_stories_json(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "st9.html").write_text("an earlier run's page", encoding="utf-8")
    (site / "notes.html").write_text("the reader's own file", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "--out", f"{site}/"])
    assert result.exit_code == 0, result.output
    assert "wrote 4 html pages" in result.stderr
    # the earlier run's story page is gone, the reader's file is kept
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "notes.html", "st1.html", "st2.html", "st3.html"]
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<template>" not in index and 'class="matrix"' not in index and 'href="st3.html"' in index
    story3 = (site / "st3.html").read_text(encoding="utf-8")
    assert "A council in Paris approved a budget" in story3 and "Northline" not in story3  # its own articles only
    assert 'id="st3-body"' in story3 and 'href="index.html"' in story3  # its own number, and the way back


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "md", "--out", "{tmp}/site/"], "only --format html writes pages"),
        (["--out", "{tmp}/report.json/"], "is a file, not a folder"),
        (["--out", "{tmp}/site"], "end it with / to write HTML pages into it"),
    ],
)
def test_folder_mistakes_are_usage_errors_before_any_work(tmp_path: Path, args: list[str], words: str) -> None:
    source = _several_stories_json(tmp_path)
    (tmp_path / "site").mkdir()
    result = CliRunner().invoke(main, ["render", str(source), *(a.format(tmp=tmp_path) for a in args)])
    assert result.exit_code == 2 and words in result.stderr and "Traceback" not in result.output
