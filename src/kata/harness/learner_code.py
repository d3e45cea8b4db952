"""The learner's module, imported in a process of its own, for checks that call its functions.

A check never imports the learner's code into the process that records verdicts: whatever that
code does when imported or called (skip, exit, patch pytest or the recorder) happens in a child
forked from the kata's warm helper Python (`kata.harness.processes`). The check sends each call
there and gets back plain data (numbers, text, containers, numpy arrays, pandas frames) or, for
anything else (a fitted model), a `Handle` it can pass to later calls or inspect with a probe.

    with LearnerModule(workspace, "penguin_mass") as learner:
        clean = learner.call("clean_penguins", raw)          # a DataFrame
        model = learner.call("fit_model", clean, alpha=1.0)  # a Handle
        estimates = learner.call_method(model, "predict", clean[FEATURES])
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import socket
import struct
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kata.harness import processes, staging
from kata.harness.failures import fail
from kata.harness.learner_tests import preload_of
from kata.harness.plain_data import NotPlainData, load_plain

TIMEOUT_VARIABLE = "KATA_CALL_TIMEOUT"
TIMEOUT = float(os.environ.get(TIMEOUT_VARIABLE, "60"))  # seconds for an import or one call
START_TIMEOUT = 60.0  # seconds for the forked Python to connect


@dataclass(frozen=True)
class Handle:
    """An object that stays in the learner's process (it is not plain data)."""

    id: int
    kind: str  # its class name, for messages


class LearnerRaised(Exception):
    """The learner's code raised (or could not be imported, or took too long); str() says what."""


class ImportFailed(LearnerRaised):
    """The module could not be imported; str() says why in the learner's terms."""

    def __init__(self, module: str, error: object) -> None:
        error = error if isinstance(error, dict) else {"text": str(error)}
        kind, text = error.get("type", "Error"), error.get("text", "")
        if kind == "SyntaxError":
            message = (
                f"{error.get('filename') or '?'}:{error.get('lineno')}: SyntaxError: "
                f"{error.get('msg')}. Fix it, then check again."
            )
        elif kind == "ModuleNotFoundError" and error.get("name") == module.split(".")[0]:
            message = (
                f"Expected a module named {module} in your workspace ({module.replace('.', '/')}"
                ".py or a package folder), but Python cannot find it."
            )
        elif kind == "ModuleNotFoundError":
            message = (
                f"Importing {module} failed: {text}. Is the module it imports installed or named "
                "right?"
            )
        else:
            message = (
                f"Importing {module} raised {kind}: {text}. A module should only define things "
                "when imported; move work into functions."
            )
        super().__init__(message)


class ArgumentChanged(Exception):
    """The learner's function changed a frame it was given; `.position` counts from 1."""

    def __init__(self, position: int) -> None:
        super().__init__(f"argument {position} changed")
        self.position = position


class LearnerModule:
    """`module` imported from `workspace` in a child process; see the module docstring."""

    def __init__(self, workspace: Path, module: str, timeout: float = TIMEOUT) -> None:
        self.module, self.timeout = module, timeout
        self._folder = Path(tempfile.mkdtemp(prefix="kata-learner-"))
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(self._folder / "socket"))
        listener.listen(1)
        # Starting the Python is the harness's part, slow only on a loaded machine; `timeout` is
        # the learner's import and each call.
        listener.settimeout(max(timeout, START_TIMEOUT))
        self._connection: socket.socket | None = None
        self._service = processes.shared(preload_of(staging.kata_dir_of(Path(workspace))))
        self._run = self._service.start(
            Path(workspace),
            ["-c", SERVER, str(self._folder / "socket"), module, PLAIN_DATA, HANDLE],
            timeout=3600,
            shown=f"import {module}",
            resident=True,
        )
        try:
            self._connection, _ = listener.accept()
        except TimeoutError:
            self.close()
            raise LearnerRaised(f"the Python that imports {module} did not start") from None
        finally:
            listener.close()
        self._connection.settimeout(timeout)
        try:
            kind, detail = self._receive()
        except TimeoutError:
            self.close()
            raise LearnerRaised(
                f"importing {module} did not finish within {timeout:g} s: does it loop or compute "
                f"at import time? Move that work into a function (the limit is {TIMEOUT_VARIABLE})"
            ) from None
        except (OSError, EOFError):
            self.close()
            raise LearnerRaised(
                f"importing {module} ended its Python (sys.exit or os._exit at import time?)"
            ) from None
        if kind != "ready":
            self.close()
            raise ImportFailed(module, detail)

    def has(self, name: str) -> bool:
        """Whether the module has an attribute `name`."""
        return self._ask("has", name)

    def has_function(self, name: str) -> bool:
        """Whether the module has a callable `name`."""
        return self._ask("has-function", name)

    def get(self, path: str):
        """The attribute at a dotted `path` of the module (plain data or a Handle)."""
        return self._ask("get", path)

    def call(self, name: str, *args, **kwargs):
        """`module.name(*args, **kwargs)`: its value, LearnerRaised if it raised, ArgumentChanged
        if it changed a frame it was given. Handles among the arguments stand for their objects."""
        return self._ask("call", name, args, kwargs)

    def call_method(self, handle: Handle, method: str, *args, **kwargs):
        """`object.method(*args, **kwargs)` for the object behind `handle`; as `call`."""
        return self._ask("method", (handle, method), args, kwargs)

    def probe(self, function: Callable, *args):
        """`function(*args)` run beside the learner's objects (Handles are resolved there).

        `function` must be defined at the top level of a file (a check's probes module), which the
        child loads by path; it should return plain data about what it was given."""
        source = Path(function.__code__.co_filename)
        return self._ask("probe", (str(source), function.__name__), args, {})

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(OSError):
                self._send(("quit", None, (), {}))
            self._connection.close()
            self._connection = None
        self._service.cancel(self._run)
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> LearnerModule:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _ask(self, op: str, target, args: tuple = (), kwargs: dict | None = None):
        if self._connection is None:
            raise LearnerRaised(f"{self.module} is no longer running")
        try:
            self._send((op, target, args, kwargs or {}))
            kind, detail = self._receive()
        except (OSError, EOFError) as error:
            self._connection.close()
            self._connection = None
            self._service.cancel(self._run)  # a call that never returns must not spin on
            why = (
                f"did not return within {self.timeout:g} s (a loop that never ends?)"
                if isinstance(error, TimeoutError)
                else "ended Python (sys.exit or os._exit?)"
            )
            raise LearnerRaised(f"the call {why}") from None
        if kind == "raised":
            raise LearnerRaised(detail)
        if kind == "changed":
            raise ArgumentChanged(detail)
        return detail

    def _send(self, message: tuple) -> None:
        data = pickle.dumps(_wire(message))
        self._connection.sendall(struct.pack("!Q", len(data)) + data)

    def _receive(self) -> tuple:
        size = struct.unpack("!Q", self._read(8))[0]
        try:
            kind, detail = load_plain(self._read(size))
        except NotPlainData as error:  # the child never sends anything else
            return "raised", f"an answer that is not plain data ({error})"
        if kind == "handle":
            return "value", Handle(*detail)
        return kind, detail

    def _read(self, size: int) -> bytes:
        if size > MAX_ANSWER:
            raise EOFError  # not an answer this side asked for
        data = bytearray(size)
        view, got = memoryview(data), 0
        while got < size:
            count = self._connection.recv_into(view[got:])
            if not count:
                raise EOFError
            got += count
        return bytes(data)


def learner_module(workspace: Path, module: str) -> LearnerModule:
    """The learner's module in its own process, or a check failure that says why it cannot be
    imported (a syntax error with its line, a missing module, an error raised at import)."""
    try:
        return LearnerModule(workspace, module)
    except LearnerRaised as error:
        fail(str(error))


def workspace_module(workspace: Path, module: str, beside: str, created_by: str) -> LearnerModule:
    """`learner_module`, once `module.py` or a package `module/` is found in the workspace; if
    neither is, a failure naming the file `beside` it and the step that `created_by` names."""
    if not (
        (workspace / f"{module}.py").is_file() or (workspace / module / "__init__.py").is_file()
    ):
        fail(
            f"Expected {module}.py beside {beside} (or a package folder {module}/ with an "
            f"__init__.py). {created_by}"
        )
    return learner_module(workspace, module)


def call_learner(module: LearnerModule, name: str, *args, given: str, advice: str = "", **kwargs):
    """`module.name(*args, **kwargs)`, or a check failure that says which went wrong: no such
    function, the function raised (on `given`, what the check passed it), or it wrote into one of
    its arguments (`advice` says what to do instead)."""
    if not module.has_function(name):
        fail(
            f"{module.module} has no function {name}. The README's interface table gives its "
            "signature."
        )
    try:
        return module.call(name, *args, **kwargs)
    except LearnerRaised as error:
        fail(
            f"{name} raised {error}, when called on {given}. Try it in a notebook cell on a few "
            "rows of your data."
        )
    except ArgumentChanged as change:
        fail(
            f"{name} changed what it was given (argument {change.position}): after the call it "
            "holds other columns or values. "
            + (advice or "Work on a copy and return the new value; never write into an argument.")
        )


@dataclass
class ScriptOutcome:
    """What running a learner's script left: the variable asked for, or the error it raised."""

    value: object = None
    error: str | None = None  # "Type: message" of what the script raised
    where: str = ""  # "file.py:line" of the learner's last frame in the traceback, if any
    run: processes.Run | None = None


def script_variable(
    folder: Path, script: str, name: str, timeout: float = TIMEOUT
) -> ScriptOutcome:
    """Run `script` in `folder` (as runpy.run_path, in a process of its own) and read back its
    global `name` if it is plain data (None if the script did not define it)."""
    return script_variables([folder], script, name, timeout)[0]


def script_variables(
    folders: list[Path], script: str, name: str, timeout: float = TIMEOUT
) -> list[ScriptOutcome]:
    """`script_variable` for several folders, run side by side."""
    service = processes.shared(preload_of(staging.kata_dir_of(Path(folders[0]))))
    with tempfile.TemporaryDirectory(prefix="kata-script-") as scratch:
        targets = [Path(scratch) / f"{number}.pickle" for number in range(len(folders))]
        runs = service.wait(*(
            service.start(Path(folder), ["-c", RUN_SCRIPT, script, name, str(target)], timeout=timeout)
            for folder, target in zip(folders, targets, strict=True)
        ))  # fmt: skip
        return [
            _outcome(run, target, name, timeout) for run, target in zip(runs, targets, strict=True)
        ]


def _outcome(run: processes.Run, target: Path, name: str, timeout: float) -> ScriptOutcome:
    if run.timed_out:
        return ScriptOutcome(error=f"it did not finish within {timeout:g} s", run=run)
    if not target.is_file():
        return ScriptOutcome(error=f"it ended Python ({run.last_words()})", run=run)
    try:
        found = load_plain(target.read_bytes())
    except NotPlainData as error:
        return ScriptOutcome(
            error=f"{name} holds something other than plain data ({error})", run=run
        )
    return ScriptOutcome(found.get("value"), found.get("error"), found.get("where", ""), run)


def _wire(value):
    """`value` with each Handle replaced by the marker the learner's process resolves."""
    if isinstance(value, Handle):
        return {HANDLE: value.id}
    if isinstance(value, list | tuple):
        return type(value)(_wire(item) for item in value)
    if isinstance(value, dict):
        return {key: _wire(item) for key, item in value.items()}
    return value


HANDLE = "__kata_handle__"
MAX_ANSWER = 1 << 30  # bytes: far more than any frame a check builds
PLAIN_DATA = str(Path(__file__).with_name("plain_data.py"))


# A script run for one of its variables (the child side of `script_variable`).
RUN_SCRIPT = r"""
import os, pickle, runpy, sys, traceback
script, name, target = sys.argv[1:]
sys.path.insert(0, os.getcwd())
try:
    outcome = {"value": runpy.run_path(script).get(name)}
except BaseException as error:
    here = os.getcwd() + os.sep
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith(here)]
    where = f"{frames[-1].filename[len(here):]}:{frames[-1].lineno}" if frames else ""
    outcome = {"error": f"{type(error).__name__}: {error}", "where": where}
try:
    data = pickle.dumps(outcome)
except Exception as error:
    data = pickle.dumps({"error": f"{name} could not be passed back ({error})"})
with open(target, "wb") as file:
    file.write(data)
"""

# The child: import the module, then answer requests until told to quit.
SERVER = r"""
import copy, importlib, importlib.util, os, pickle, socket, struct, sys, traceback

path, name, plain_data, HANDLE = sys.argv[1:]
sys.path[0] = "."
spec = importlib.util.spec_from_file_location("kata_plain_data", plain_data)
plain = importlib.util.module_from_spec(spec)
spec.loader.exec_module(plain)
connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
connection.connect(path)
objects = []


def send(kind, value):
    try:
        data = pickle.dumps((kind, value))
        plain.load_plain(data)
    except Exception:  # not plain data (or not picklable): it stays here, the check gets a handle
        objects.append(value)
        data = pickle.dumps(("handle", (len(objects) - 1, type(value).__name__)))
    connection.sendall(struct.pack("!Q", len(data)) + data)


def receive():
    def read(size):
        data = b""
        while len(data) < size:
            chunk = connection.recv(size - len(data))
            if not chunk:
                raise SystemExit(0)
            data += chunk
        return data

    return pickle.loads(read(struct.unpack("!Q", read(8))[0]))


def raised(error):
    lines = traceback.format_exception_only(type(error), error)
    return "raised", lines[-1].strip() if lines else type(error).__name__


def resolved(value):
    if isinstance(value, dict) and list(value) == [HANDLE]:
        return objects[value[HANDLE]]
    if isinstance(value, (list, tuple)):
        return type(value)(resolved(item) for item in value)
    if isinstance(value, dict):
        return {key: resolved(item) for key, item in value.items()}
    return value


def unchanged(before, after):
    pandas = sys.modules.get("pandas")
    try:
        if pandas is not None and isinstance(before, pandas.DataFrame):
            pandas.testing.assert_frame_equal(after, before)
        elif pandas is not None and isinstance(before, pandas.Series):
            pandas.testing.assert_series_equal(after, before)
    except AssertionError:
        return False
    return True


def answer(op, target, args, kwargs):
    if op == "has":
        return "value", hasattr(module, target)
    if op == "has-function":
        return "value", callable(getattr(module, target, None))
    if op == "get":
        value = module
        for part in target.split("."):
            value = getattr(value, part)
        return "value", value
    if op == "call":
        function = getattr(module, target)
    elif op == "method":
        function = getattr(resolved(target[0]), target[1])
    else:  # a probe, from a file of the check's
        spec = importlib.util.spec_from_file_location("kata_probes", target[0])
        probes = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(probes)
        function = getattr(probes, target[1])
    args, kwargs = resolved(tuple(args)), resolved(kwargs)
    before = [copy.deepcopy(arg) for arg in args]
    value = function(*args, **kwargs)
    changed = [n for n, (b, a) in enumerate(zip(before, args), 1) if not unchanged(b, a)]
    return ("changed", changed[0]) if changed and op != "probe" else ("value", value)


try:
    module = importlib.import_module(name)
except BaseException as error:
    where = getattr(error, "filename", None) or ""
    if where.startswith(os.getcwd() + os.sep):
        where = where[len(os.getcwd()) + 1:]
    send("import-failed", {
        "type": type(error).__name__, "text": str(error), "name": getattr(error, "name", None),
        "filename": where, "lineno": getattr(error, "lineno", None),
        "msg": getattr(error, "msg", None),
    })
    raise SystemExit(1)
send("ready", None)
while True:
    op, target, args, kwargs = receive()
    if op == "quit":
        break
    try:
        send(*answer(op, target, args, kwargs))
    except Exception as error:
        send(*raised(error))
"""
