"""The checks harness: learner test runs, mutants, notebook pairing and how failures are classified."""

import re
import tempfile
import time
from pathlib import Path

import pytest

from conftest import REPO
from kata.commands.check import not_run_lines
from kata.errors import KataError
from kata.harness import learner_tests, notebook_pair_in_sync, processes
from kata.harness.import_contracts import modules_outside_the_layers
from kata.harness.io_audit import audited
from kata.harness.learner_code import ArgumentChanged, Handle, LearnerModule, LearnerRaised
from kata.harness.mutants import Edit, Mutant, MutantError, apply_mutant, load_mutants
from kata.manifest import load_kata
from kata.results import FailureKind
from kata.runner import run_checks

SOLUTION = REPO / "solutions" / "warmup" / "01-cell-to-function"


def make_suite(folder: Path, body: str) -> Path:
    (folder / "tests").mkdir(parents=True)
    (folder / "pytest.ini").write_text("[pytest]\ntestpaths = tests\npythonpath = .\n")
    (folder / "tests" / "test_it.py").write_text(body)
    return folder


def test_learner_runs_count_passes_and_failures(tmp_path):
    good = make_suite(
        tmp_path / "good", "def test_a():\n    assert 1\n\ndef test_b():\n    assert 2\n"
    )
    bad = make_suite(
        tmp_path / "bad", "def test_a():\n    assert 0\n\ndef test_b():\n    assert 2\n"
    )
    empty = make_suite(tmp_path / "empty", "x = 1\n")
    runs = learner_tests.run_test_suites([good, bad, empty])
    assert [(r.passed, r.failed, r.ok) for r in runs] == [
        (2, 0, True),
        (1, 1, False),
        (0, 0, False),
    ]
    assert "1 failed" in runs[1].output, "the learner's pytest output was lost"


def test_a_run_that_stops_at_its_first_failure_meets_the_quickest_test_files_first(tmp_path):
    suite = make_suite(tmp_path / "suite", "import time\n\ndef test_slow():\n    time.sleep(1.5)\n")
    (suite / "tests" / "test_quick.py").write_text(
        "class TestQuick:\n    def test_a(self):\n        assert 1\n\n"
        "    def test_b(self):\n        assert 2\n"
    )
    (baseline,) = learner_tests.run_test_suites([suite])
    assert baseline.ok
    order = baseline.files_cheapest_first()
    assert order == ["tests/test_quick.py", "tests/test_it.py"], baseline.file_seconds
    # A "mutant" that the quick file catches: the slow file never runs.
    (suite / "tests" / "test_quick.py").write_text("def test_a():\n    assert 0\n")
    (run,) = learner_tests.run_test_suites([suite], stop_at_first_failure=True, order=order)
    assert (run.failed, run.passed) == (1, 0), run.output
    assert run.seconds < 1.5


def test_a_test_not_traced_to_a_file_leaves_the_order_to_pytest(tmp_path):
    suite = make_suite(tmp_path / "suite", "def test_a():\n    assert 1\n")
    (suite / "pytest.ini").write_text(
        "[pytest]\ntestpaths = tests\npythonpath = .\naddopts = --doctest-glob=*.txt\n"
    )
    (suite / "tests" / "guide.txt").write_text(">>> 2 * 2\n4\n")
    (baseline,) = learner_tests.run_test_suites([suite])
    assert baseline.passed == 2, baseline.output
    assert baseline.files_cheapest_first() is None, baseline.file_seconds


def test_a_learner_run_that_hangs_is_stopped(tmp_path):
    slow = make_suite(tmp_path / "slow", "import time\n\ndef test_a():\n    time.sleep(30)\n")
    (run,) = learner_tests.run_test_suites([slow], timeout=1)
    assert run.timed_out
    assert not run.ok


def test_a_background_run_gives_its_result_later_and_closing_one_stops_it(tmp_path, monkeypatch):
    processes.shared(learner_tests.preload_of(None))  # its own scratch folder is not the runs'
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    quick = make_suite(tmp_path / "quick", "def test_a():\n    assert 1\n")
    started, release, marker = (tmp_path / name for name in ("started", "release", "went-on"))
    slow = make_suite(  # it waits for the test's word, so that no load can make it finish first
        tmp_path / "slow",
        "import pathlib, time\n\ndef test_a():\n"
        f"    pathlib.Path({str(started)!r}).write_text('')\n"
        f"    while not pathlib.Path({str(release)!r}).exists():\n        time.sleep(0.05)\n"
        f"    pathlib.Path({str(marker)!r}).write_text('the run went on')\n",
    )
    pending_quick = learner_tests.start_learner_tests(quick)
    pending_slow = learner_tests.start_learner_tests(slow)
    assert pending_quick.result().ok
    assert list(scratch.iterdir()), "the slow run should still have its copy"
    deadline = time.monotonic() + 60
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.exists(), "the slow run never started"
    pending_slow.close()
    assert list(scratch.iterdir()) == [], "a background run left files behind"
    release.write_text("")
    time.sleep(1)
    assert not marker.exists(), "closing a background run did not stop it"


def test_a_forked_program_has_its_own_folder_environment_and_modules(tmp_path):
    (tmp_path / "learner.py").write_text("VALUE = 1\n")
    code = (
        "import os, sys, learner\n"
        "print(os.getcwd(), os.environ.get('WHO'), 'pandas' in sys.modules, learner.VALUE)"
    )
    with processes.Processes(preload=["pandas"]) as service:
        first = service.run(tmp_path, ["-c", code], env={"WHO": "first"})
        (tmp_path / "learner.py").write_text("VALUE = 2\n")
        second = service.run(tmp_path, ["-c", code])
    assert first.stdout.split() == [str(tmp_path), "first", "True", "1"], first.said()
    assert second.stdout.split() == [str(tmp_path), "None", "True", "2"], second.said()


def test_a_forked_program_draws_its_own_random_numbers_and_exits_like_python(tmp_path):
    code = (
        "import atexit, pathlib, random, sys, numpy, __main__\n"
        "atexit.register(lambda: pathlib.Path(sys.argv[1]).write_text('ran'))\n"
        "print(random.random(), numpy.random.rand(), 'serve' in vars(__main__))\n"
    )
    with processes.Processes(preload=["numpy"]) as service:
        runs = service.wait(
            *(service.start(tmp_path, ["-c", code, str(tmp_path / f"exit-{n}")]) for n in range(2))
        )
    first, second = (run.stdout.split() for run in runs)
    assert first[:2] != second[:2], "siblings must not share the helper's random state"
    assert first[2] == second[2] == "False", "a -c program gets a fresh __main__"
    assert [(tmp_path / f"exit-{n}").read_text() for n in range(2)] == ["ran", "ran"]


def test_a_forked_program_reports_its_processor_time_and_is_ended_past_its_processor_limit(
    tmp_path,
):
    busy = "import time\nend = time.process_time() + 1.5\nwhile time.process_time() < end: pass\n"
    sleepy = "import time\ntime.sleep(1.5)\n"
    with processes.Processes() as service:
        computing, waiting, stopped = service.wait(
            service.start(tmp_path, ["-c", busy]),
            service.start(tmp_path, ["-c", sleepy], cpu_limit=1),
            service.start(tmp_path, ["-c", "while True: pass"], cpu_limit=1),
        )
    assert (computing.ok, computing.cpu_seconds >= 1.4) == (True, True), computing
    assert (waiting.ok, waiting.timed_out, waiting.cpu_seconds < 0.5) == (True, False, True), (
        waiting
    )
    assert (stopped.ok, stopped.timed_out) == (False, True), stopped
    assert 0.9 <= stopped.cpu_seconds < 3, stopped
    assert not list(tmp_path.iterdir()), "an ended program leaves no core file"


def test_the_learner_s_module_answers_from_its_own_process_with_plain_data(tmp_path):
    (tmp_path / "learner.py").write_text(
        "import pandas as pd\n"
        "class Mine:\n    size = 3\n"
        "def frame(rows):\n    return pd.DataFrame({'a': range(rows), 's': ['x'] * rows})\n"
        "def mine():\n    return Mine()\n"
        "def size(thing):\n    return thing.size\n"
        "def broken():\n    raise ValueError('no birds')\n"
        "def changes(frame):\n    frame['a'] = 0\n"
    )
    import pandas as pd

    with LearnerModule(tmp_path, "learner") as learner:
        made = learner.call("frame", 3)
        own = learner.call("mine")
        size = learner.call("size", own)
        with pytest.raises(LearnerRaised, match="ValueError: no birds"):
            learner.call("broken")
        with pytest.raises(ArgumentChanged):
            learner.call("changes", pd.DataFrame({"a": [1, 2]}))
        found = learner.has_function("frame"), learner.has_function("Mine.size"), learner.has("x")
    assert isinstance(made, pd.DataFrame)
    assert made.shape == (3, 2)
    assert isinstance(own, Handle), "the learner's own class must stay in the learner's process"
    assert own.kind == "Mine"
    assert size == 3, "a handle passed back stands for its object"
    assert found == (True, False, False)


def test_a_module_that_loops_at_import_is_named_within_the_limit(tmp_path):
    (tmp_path / "loops.py").write_text("while True:\n    pass\n")
    began = time.monotonic()
    with pytest.raises(LearnerRaised, match="importing loops did not finish within 2 s"):
        LearnerModule(tmp_path, "loops", timeout=2)
    assert time.monotonic() - began < 120  # not the hour a learner module may live (a loaded
    # machine can take seconds to start its Python, which the import's limit does not count)


def test_a_pickle_that_names_a_function_is_not_plain_data():
    import pickle

    from kata.harness.plain_data import NotPlainData, load_plain

    class Sneaky:
        def __reduce__(self):
            return (print, ("ran in the recorder",))

    with pytest.raises(NotPlainData, match=r"builtins\.print"):
        load_plain(pickle.dumps(Sneaky()))
    # A dotted name reaching through an allowed module to another one is refused too.
    reach = b"\x80\x04\x8c\x06pandas\x94\x8c\x0cio.common.os\x94\x93\x94."
    with pytest.raises(NotPlainData, match="not plain data"):
        load_plain(reach)


def test_a_mutant_edits_the_script_and_rewrites_its_paired_notebook(tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(SOLUTION, copy)
    mutant = Mutant("m", "d", edits=(Edit("explore.py", ".map(parse_length_mm)", ".map(str)"),))
    apply_mutant(copy, mutant)
    assert ".map(str)" in (copy / "explore.py").read_text()
    assert ".map(str)" in (copy / "explore.ipynb").read_text()
    assert notebook_pair_in_sync(copy / "explore.ipynb") is None


def test_a_mutant_whose_text_is_not_found_once_is_refused(tmp_path):
    (tmp_path / "m.py").write_text("x = 1\nx = 1\n")
    with pytest.raises(MutantError, match="holds its find text 2 times"):
        apply_mutant(tmp_path, Mutant("twice", "d", edits=(Edit("m.py", "x = 1", "x = 2"),)))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("MUTANTS = []\n", "defines no MUTANTS"),
        ("MUTANTS = ['not a mutant']\n", "each of MUTANTS is a Mutant"),
        (
            "from kata.harness.mutants import Mutant\nMUTANTS = [Mutant('a', 'd', function='f')]\n",
            "needs exactly one of function+wrap, patch, edits or rewrite",
        ),
        (
            "from kata.harness.mutants import Mutant\n"
            "MUTANTS = [Mutant('a', 'd', patch=print), Mutant('a', 'e', patch=print)]\n",
            "two mutants share a name",
        ),
        ("import nothing_here\n", "cannot be loaded (ModuleNotFoundError"),
    ],
)
def test_a_malformed_mutants_file_names_the_problem(tmp_path, text, message):
    (tmp_path / "mutants").mkdir()
    (tmp_path / "mutants" / "mutants.py").write_text(text)
    with pytest.raises(MutantError, match=re.escape(message)):
        load_mutants(tmp_path)


def test_pairing_reports_a_missing_twin_and_cells_that_differ(tmp_path):
    import shutil

    shutil.copy(SOLUTION / "explore.ipynb", tmp_path / "explore.ipynb")
    assert "is not paired" in notebook_pair_in_sync(tmp_path / "explore.ipynb")
    shutil.copy(SOLUTION / "explore.py", tmp_path / "explore.py")
    assert notebook_pair_in_sync(tmp_path / "explore.ipynb") is None
    with (tmp_path / "explore.py").open("a") as script:
        script.write("\n# %%\nextra = 1\n")
    assert "jupytext --sync explore.ipynb" in notebook_pair_in_sync(tmp_path / "explore.ipynb")


def check_file(tmp_path: Path, body: str, **options) -> list[dict]:
    """Run a one-file stage made for the test and return its results."""
    stage, workspace = one_file_stage(tmp_path, body)
    (workspace / "answer.py").write_text("VALUE = 41\n")
    return [r.to_json() for r in run_checks(stage, workspace, **options).results]


def one_file_stage(tmp_path: Path, body: str):
    """A kata of one stage whose checks are `body`, and its empty workspace."""
    kata_dir = tmp_path / "katas" / "demo"
    checks = kata_dir / "stages" / "01-only" / "checks"
    checks.mkdir(parents=True)
    (kata_dir / "kata.toml").write_text(
        'format = 1\ntitle = "t"\nsummary = "s"\naudience = ["a"]\n'
        '[[stages]]\nslug = "01-only"\ntitle = "Only"\nminutes = 5\n'
    )
    (checks / "test_demo.py").write_text(body)
    (kata_dir / "workspace").mkdir()
    return load_kata(kata_dir).stages[0], kata_dir / "workspace"


EXPENSIVE_FIRST = (
    "import pathlib, pytest\n\n"
    "@pytest.mark.expensive\n"
    "def test_slow():\n"
    "    pathlib.Path(__file__).with_name('slow-ran').write_text('yes')\n\n"
    "def test_cheap_fails():\n"
    "    assert False, 'the cheap check fails'\n\n"
    "def test_cheap_passes():\n"
    "    pass\n"
)


def test_expensive_checks_run_after_the_cheap_ones_and_wait_for_them_when_gated(tmp_path):
    gated = check_file(tmp_path / "gated", EXPENSIVE_FIRST, gate=True)
    assert [(r["name"], r["kind"]) for r in gated] == [
        ("test_cheap_fails", "assertion"),
        ("test_cheap_passes", ""),
        ("test_slow", "waiting"),
    ]
    assert not list(tmp_path.glob("gated/**/slow-ran")), "a waiting check must not run"
    whole = check_file(tmp_path / "whole", EXPENSIVE_FIRST)
    assert [(r["name"], r["kind"]) for r in whole][-1] == ("test_slow", "")
    assert list(tmp_path.glob("whole/**/slow-ran")), "without the gate every check runs"


def test_results_carry_sentences_and_the_kind_of_failure(tmp_path):
    results = check_file(
        tmp_path,
        "from kata.harness import learner_module\n\n"
        "def test_readable(workspace):\n"
        '    """The answer is 42."""\n'
        "    value = learner_module(workspace, 'answer').get('VALUE')\n"
        "    assert value == 42, f'VALUE is {value}; expected 42 (answer.py)'\n\n"
        "def test_bare(workspace):\n"
        "    assert 1 == 2\n\n"
        "def test_crash(workspace):\n"
        '    """It does not crash."""\n'
        "    {}['key']\n\n"
        "def test_fine():\n"
        '    """It passes."""\n',
    )
    by_sentence = {r["sentence"]: r for r in results}
    assert by_sentence["The answer is 42."]["kind"] == "assertion"
    assert by_sentence["The answer is 42."]["message"] == "VALUE is 41; expected 42 (answer.py)"
    assert by_sentence["Bare."]["kind"] == "bare-assert"
    assert by_sentence["It does not crash."]["kind"] == "error"
    assert "KeyError" in by_sentence["It does not crash."]["message"]
    assert by_sentence["It passes."]["outcome"] == "passed"


def test_a_syntax_error_in_an_imported_module_reads_as_file_and_line(tmp_path):
    results = check_file(
        tmp_path,
        "from kata.harness import learner_module\n\n"
        "def test_imports(workspace):\n"
        '    """The module imports."""\n'
        "    (workspace / 'broken.py').write_text('def f(:\\n')\n"
        "    learner_module(workspace, 'broken')\n",
    )
    assert results[0]["kind"] == "assertion"
    assert results[0]["message"].startswith("broken.py:1: SyntaxError:")


def test_only_runs_the_named_checks_and_refuses_a_name_that_is_not_there(tmp_path):
    kata_dir = tmp_path / "katas" / "demo"
    checks = kata_dir / "stages" / "01-only" / "checks"
    checks.mkdir(parents=True)
    (kata_dir / "kata.toml").write_text(
        'format = 1\ntitle = "t"\nsummary = "s"\naudience = ["a"]\n'
        '[[stages]]\nslug = "01-only"\ntitle = "Only"\nminutes = 5\n'
    )
    (checks / "test_demo.py").write_text(
        "def test_one():\n    pass\n\ndef test_two():\n    pass\n\ndef test_three():\n    pass\n"
    )
    (kata_dir / "workspace").mkdir()
    stage = load_kata(kata_dir).stages[0]
    run = run_checks(stage, kata_dir / "workspace", only=["test_one", "test_three"])
    assert [r.name for r in run.results] == ["test_one", "test_three"]
    with pytest.raises(KataError, match="has no check named test_four"):
        run_checks(stage, kata_dir / "workspace", only=["test_one", "test_four"])
    (checks / "test_demo.py").write_text(
        "def test_one():\n    pass\n\ndef test_two():\n    assert False\n\n"
        "def test_three():\n    pass\n"
    )
    stopped = run_checks(stage, kata_dir / "workspace", stop_at_first_failure=True)
    assert [(r.name, r.kind) for r in stopped.failures] == [
        ("test_two", FailureKind.BARE_ASSERT),
        ("test_three", FailureKind.MISSING),
    ]


def test_a_check_that_learner_code_skips_or_xfails_fails(tmp_path):
    """A skip proves nothing: a module that skips the checks when imported does not pass them."""
    results = check_file(
        tmp_path,
        "import pytest\n"
        "from kata.harness import learner_module\n\n"
        "def test_skipped_by_the_learner(workspace):\n"
        "    (workspace / 'sneaky.py').write_text(\n"
        "        'import pytest\\npytest.skip(\"not today\", allow_module_level=True)\\n')\n"
        "    learner_module(workspace, 'sneaky')\n\n"
        "def test_xfailed_by_the_check(workspace):\n"
        "    pytest.xfail('later')\n",
    )
    assert [(r["outcome"], r["kind"]) for r in results] == [
        ("failed", "assertion"),
        ("failed", "skipped"),
    ]
    assert "Importing sneaky raised Skipped: not today" in results[0]["message"]


def test_learner_code_runs_outside_the_process_that_records_the_verdicts(tmp_path):
    results = check_file(
        tmp_path,
        "from kata.harness import learner_module\n\n"
        "def test_out_of_reach(workspace):\n"
        "    (workspace / 'sneaky.py').write_text(\n"
        "        'import sys\\nREACHED = sorted(m for m in sys.modules if m.startswith(\"kata\"))\\n')\n"
        "    reached = learner_module(workspace, 'sneaky').get('REACHED')\n"
        "    assert reached == [], reached\n",
    )
    assert results[0]["outcome"] == "passed", results[0]["message"]


def test_a_run_that_ends_early_fails_the_checks_it_never_decided(tmp_path):
    results = check_file(
        tmp_path,
        "import os\n\n"
        "def test_first():\n    pass\n\n"
        "def test_exits():\n    os._exit(0)\n\n"
        "def test_never_reached():\n    pass\n",
    )
    assert [(r["name"], r["outcome"], r["kind"]) for r in results] == [
        ("test_first", "passed", ""),
        ("test_exits", "failed", "missing"),
        ("test_never_reached", "failed", "missing"),
    ]


def test_a_warning_in_learner_code_does_not_fail_a_check(tmp_path):
    """The repository treats warnings as errors; the checks run under Python's own settings."""
    results = check_file(
        tmp_path,
        "import warnings\n\n"
        "def test_warns(workspace):\n"
        "    warnings.warn('old API', DeprecationWarning)\n"
        "    warnings.warn('changing soon', FutureWarning)\n",
    )
    assert results[0]["outcome"] == "passed", results[0]["message"]


def test_a_check_cannot_change_the_kata_s_data(tmp_path):
    data = tmp_path / "katas" / "demo" / "data"
    data.mkdir(parents=True)
    (data / "birds.csv").write_text("mass\n3750\n")
    results = check_file(
        tmp_path,
        "def test_writes_data(workspace):\n"
        "    (workspace.parent / 'data' / 'birds.csv').write_text('overwritten')\n"
        "    assert (workspace.parent / 'data' / 'birds.csv').read_text() == 'overwritten', 'w'\n",
    )
    assert results[0]["outcome"] == "passed"
    assert (data / "birds.csv").read_text() == "mass\n3750\n"


def test_the_io_audit_sees_writes_by_any_library_and_who_made_them(tmp_path):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "__init__.py").write_text("")
    (tmp_path / "shop" / "pure.py").write_text(
        "import numpy as np\n\ndef total(values):\n    np.save('sneaky.npy', values)\n"
        "    return sum(values)\n"
    )
    (tmp_path / "shop" / "files.py").write_text(
        "import os, tempfile\n\ndef save(text, path):\n"
        "    handle, temporary = tempfile.mkstemp(dir='.')\n"
        "    with os.fdopen(handle, 'w') as out:\n        out.write(text)\n"
        "    os.replace(temporary, path)\n"
    )
    (tmp_path / "main.py").write_text(
        "from shop.pure import total\nfrom shop.files import save\n"
        "save(str(total([1, 2])), 'total.txt')\nopen('direct.txt', 'w').write('x')\n"
    )
    run = audited(tmp_path, ["main.py"])
    assert run.returncode == 0, run.stderr
    by_pure = run.touched_by(["shop/pure.py"], ["shop/pure.py", "shop/files.py"])
    assert [event.target for event in by_pure] == ["sneaky.npy"]
    assert [e.name for e in run.writes_to("total.txt")] == ["os.rename"]
    assert [e.name for e in run.writes_to("direct.txt")] == ["open"]
    assert not any(event.target.endswith(".py") for event in run.events)


def test_the_io_audit_sees_a_module_that_opens_a_file_while_it_is_imported(tmp_path):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "__init__.py").write_text("")
    (tmp_path / "shop" / "pure.py").write_text(
        "import logging\n\nimport numpy as np\n\n"
        "logging.basicConfig(filename='shop.log')\n\ndef total(values):\n    return sum(values)\n"
    )
    (tmp_path / "main.py").write_text("from shop.pure import total\nprint(total([1, 2]))\n")
    run = audited(tmp_path, ["main.py"])
    assert run.returncode == 0, run.stderr
    by_pure = run.touched_by(["shop/pure.py"], ["shop/pure.py"])
    assert [event.target for event in by_pure] == ["shop.log"], run.events
    assert not any(event.target.endswith(".py") for event in run.events)


def test_modules_outside_every_layers_contract_are_named(tmp_path):
    package = tmp_path / "shop"
    for name in ("__init__", "__main__", "cli", "domain/__init__", "domain/prices", "helpers"):
        (package / f"{name}.py").parent.mkdir(parents=True, exist_ok=True)
        (package / f"{name}.py").write_text("")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = shop\n\n[importlinter:contract:layers]\nname = L\n"
        "type = layers\nlayers =\n    shop.cli\n    (shop.reports) | shop.domain\n"
    )
    assert modules_outside_the_layers(tmp_path, "shop") == ["shop.helpers"]
    (tmp_path / ".importlinter").unlink()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.importlinter]\nroot_package = "shop"\n\n[[tool.importlinter.contracts]]\n'
        'name = "L"\ntype = "layers"\ncontainers = ["shop"]\nlayers = ["cli", "helpers : domain"]\n'
    )
    assert modules_outside_the_layers(tmp_path, "shop") == []


def test_a_notebook_that_ends_its_kernel_names_the_cell(tmp_path):
    results = check_file(
        tmp_path,
        "import nbformat\n"
        "from kata.harness import run_notebook\n\n"
        "def test_runs(workspace):\n"
        '    """The notebook runs."""\n'
        "    cells = ['x = 1', 'import os\\nos._exit(0)', 'y = 2']\n"
        "    notebook = nbformat.v4.new_notebook(\n"
        "        cells=[nbformat.v4.new_code_cell(c) for c in cells])\n"
        "    nbformat.write(notebook, workspace / 'ends.ipynb')\n"
        "    run_notebook(workspace / 'ends.ipynb', timeout=60)\n",
    )
    assert results[0]["kind"] == "assertion", results[0]["message"]
    assert "the kernel stopped while running cell 2 ('import os')" in results[0]["message"]


def test_a_check_that_needs_a_missing_program_is_listed_as_not_run(tmp_path):
    stage, workspace = one_file_stage(
        tmp_path,
        "import pytest\n\n"
        "def test_plain():\n    '''A plain check.'''\n\n"
        "@pytest.mark.needs(missing='Frobnicator is not installed; apt install frob')\n"
        "def test_frob():\n    '''The frobnicator frobs.'''\n    assert False, 'never runs'\n\n"
        "@pytest.mark.needs(missing='')\n"
        "def test_here():\n    '''Runs where the program is.'''\n",
    )
    run = run_checks(stage, workspace)
    assert [result.name for result in run.results] == ["test_plain", "test_here"]
    assert run.passed  # neither passed nor failed: the others decide
    (missing,) = run.not_run
    assert (missing.name, missing.why) == (
        "test_frob",
        "Frobnicator is not installed; apt install frob",
    )
    assert run.to_json()["not_run"][0]["sentence"] == "The frobnicator frobs."
    (line,) = not_run_lines(run)
    assert "The frobnicator frobs." in line
    assert "not run on this machine: Frobnicator is not installed; apt install frob" in line
    assert run_checks(stage, workspace, only=["test_frob"]).not_run  # a name, though not run


def test_a_notebook_container_holding_something_unplain_says_what_it_holds(tmp_path):
    import nbformat

    from kata.harness import run_notebook

    cells = ["import numpy as np", "results = {'ci': np.array([0.1, 0.2])}\nplain = {'n': 3}"]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nbformat.write(notebook, tmp_path / "unplain.ipynb")
    variables = run_notebook(tmp_path / "unplain.ipynb", timeout=60).variables()
    assert variables["plain"] == {"n": 3}
    assert variables["results"] == {"__unplain__": "a numpy.ndarray"}
    assert "np" not in variables  # a module is no container of results


def test_the_unit_tests_time_limit_stretches_with_the_load_per_core():
    from kata.harness.unit_tests import FAST_SECONDS, time_limit

    assert time_limit(load=0.5, cores=2) == FAST_SECONDS
    assert time_limit(load=2.0, cores=2) == FAST_SECONDS
    assert time_limit(load=14.0, cores=2) == 7 * FAST_SECONDS


def test_unit_tests_are_slow_by_the_clock_and_the_processor_alike_or_by_a_long_wait():
    from kata.harness.unit_tests import FAST_SECONDS, too_slow

    quiet, busy = 1.0, 12.0  # the load, as os.getloadavg gives it
    assert not too_slow(2.0, 1.9, load=quiet)
    assert too_slow(FAST_SECONDS + 5, FAST_SECONDS + 4, load=quiet)  # computing for 20 s
    # quick tests on a crowded machine: the clock stretches, the processor does not
    assert not too_slow(FAST_SECONDS * 1.5, 2.0, load=busy)
    # slow tests on a crowded machine stay slow, whatever the clock allows
    assert too_slow(FAST_SECONDS * 3, FAST_SECONDS + 4, load=busy)
    # numpy on both cores: the processor adds up two threads, the clock does not
    assert not too_slow(8.0, 16.0, load=quiet)
    # a test that sleeps uses no processor, yet a minute of waiting is slow on any machine
    assert too_slow(FAST_SECONDS * 2 + 1, 0.5, load=quiet)


def test_unit_tests_that_run_out_of_time_are_told_so_not_that_there_are_none():
    from kata.harness.failures import CheckFailed
    from kata.harness.learner_tests import TestRun
    from kata.harness.unit_tests import require_unit_tests_pass

    with pytest.raises(CheckFailed, match="stopped before they finished"):
        require_unit_tests_pass(TestRun(0, 0, 0, "", timed_out=True), "a few rows")


def test_a_kernel_that_dies_before_it_answers_is_started_once_more(monkeypatch):
    from kata.harness import notebooks

    starts = []

    async def dies_at_first(path, timeout):
        starts.append(path)
        if len(starts) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "executed"

    monkeypatch.setattr(notebooks, "_execute_once", dies_at_first)
    assert notebooks.run_notebooks([Path("analysis.ipynb")]) == ["executed"]
    assert len(starts) == 2

    async def always_dies(path, timeout):
        starts.append(path)
        raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(notebooks, "_execute_once", always_dies)
    with pytest.raises(RuntimeError, match="kernel_info"):
        notebooks.run_notebooks([Path("analysis.ipynb")])
    assert len(starts) == 4  # twice, then it is the learner's to see
