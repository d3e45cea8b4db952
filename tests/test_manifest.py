"""A manifest is validated on load, and every error names the file, the field and the problem."""

import tomllib
from pathlib import Path

import pytest

from kata.manifest import ManifestError, load_kata

GOOD = """
format = 1
title = "A kata"
summary = "What it is about."
audience = ["data scientists", "developers"]

[[stages]]
slug = "01-first"
title = "First"
minutes = 30
"""


def write(tmp_path: Path, text: str) -> Path:
    kata_dir = tmp_path / "demo"
    kata_dir.mkdir()
    (kata_dir / "kata.toml").write_text(text)
    return kata_dir


def without(text: str, field: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith(f"{field} ="))


def test_a_valid_manifest_loads_with_its_stages(tmp_path):
    kata = load_kata(write(tmp_path, GOOD))
    assert kata.title == "A kata"
    assert [stage.slug for stage in kata.stages] == ["01-first"]
    assert kata.stage("1") is kata.stage("01-first")


def test_a_stages_hints_are_the_list_under_hints_in_its_readme(tmp_path):
    stage = load_kata(write(tmp_path, GOOD)).stages[0]
    assert stage.hints == ()  # no README yet
    stage.stage_dir.mkdir(parents=True)
    stage.readme.write_text("# Stage 1\n\n## Steps\n\n- not a hint\n")
    assert stage.hints == ()  # no Hints section
    stage.readme.write_text(
        "# Stage 1\n\n## Hints\n\nGentle first.\n\n- gentle\n- more\n  specific\n\n"
        "## Discussion prompts\n\n- not a hint\n"
    )
    assert stage.hints == ("gentle", "more specific")


def test_hints_in_the_manifest_are_refused_with_where_they_belong(tmp_path):
    text = GOOD + 'hints = ["gentle", "specific"]\n'
    with pytest.raises(ManifestError) as error:
        load_kata(write(tmp_path, text))
    message = str(error.value)
    assert message.startswith("demo/kata.toml: stages[0].hints: ")
    assert "'## Hints' in its README.md" in message
    assert "\n" not in message


@pytest.mark.parametrize("field", ["format", "title", "summary", "audience"])
def test_each_missing_top_level_field_is_named(tmp_path, field):
    with pytest.raises(ManifestError, match=rf"^demo/kata.toml: {field}: missing"):
        load_kata(write(tmp_path, without(GOOD, field)))


@pytest.mark.parametrize("field", ["slug", "title", "minutes"])
def test_each_missing_stage_field_is_named(tmp_path, field):
    head, stage = GOOD.split("[[stages]]")
    text = head + "[[stages]]" + without(stage, field)
    with pytest.raises(ManifestError, match=rf"^demo/kata.toml: stages\[0\]\.{field}: missing"):
        load_kata(write(tmp_path, text))


def test_a_manifest_without_stages_is_rejected(tmp_path):
    with pytest.raises(ManifestError, match="stages: missing"):
        load_kata(write(tmp_path, GOOD.split("[[stages]]")[0]))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("minutes = 30", 'minutes = "thirty"'), r"stages\[0\]\.minutes: must be a whole number"),
        (("minutes = 30", "minutes = 0"), r"stages\[0\]\.minutes: must be positive"),
        (
            ('slug = "01-first"', 'slug = "First Stage"'),
            r"stages\[0\]\.slug: 'First Stage' must look like",
        ),
        (('slug = "01-first"', 'slug = "02-first"'), r"must start with 01-"),
        (("format = 1", "format = 9"), r"format: 9 is not supported"),
        (('title = "A kata"', "title = 3"), r"title: must be a non-empty text"),
    ],
)
def test_wrong_values_are_named_with_the_problem(tmp_path, change, message):
    with pytest.raises(ManifestError, match=message):
        load_kata(write(tmp_path, GOOD.replace(*change)))


def test_invalid_toml_is_reported_with_the_file(tmp_path):
    with pytest.raises(ManifestError, match=r"^demo/kata.toml: not valid TOML"):
        load_kata(write(tmp_path, GOOD + "\n[[stages]\n"))


def test_a_missing_manifest_is_reported(tmp_path):
    (tmp_path / "demo").mkdir()
    with pytest.raises(ManifestError, match=r"^demo/kata.toml: missing"):
        load_kata(tmp_path / "demo")


def test_the_repository_manifests_are_valid():
    katas = Path(__file__).resolve().parents[1] / "katas"
    for manifest in katas.glob("*/kata.toml"):
        tomllib.loads(manifest.read_text())
        assert load_kata(manifest.parent).stages
