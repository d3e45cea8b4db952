"""The warm parent behind `kata.harness.processes`: a Python that imports the kata's libraries once
and forks every learner program from itself.

Run as a script (never imported by the checks). The first line on stdin is the set-up: the modules
to import and how many children may run at once. Every later line is a job, a list of jobs, or
{"cancel": id}; each finished job is reported as one JSON line on stdout (a job cancelled before
it started is not). A job runs `-m module args...` or
`-c code args...` in a child with its own folder, environment, output files and session, so a
timeout can end it and whatever it started. At most `workers` jobs run at once, not counting
"resident" ones (a learner's module waiting for calls, which uses no processor while it waits).
"""

import atexit
import builtins
import contextlib
import importlib
import importlib.util
import json
import os
import random
import runpy
import select
import signal
import sys
import threading
import time
import traceback
import types
import warnings

protocol = os.fdopen(os.dup(1), "w", buffering=1)
quiet = os.open(os.devnull, os.O_RDWR)
os.dup2(quiet, 1)  # a library that prints while it is imported must not break the protocol
waiting, closed = b"", False


def requests(block):
    """The messages that have arrived; with `block`, wait for at least one (or the end of input)."""
    global waiting, closed
    found = []
    while True:
        while b"\n" in waiting:
            line, waiting = waiting.split(b"\n", 1)
            found.append(json.loads(line))
        if closed or ((found or not block) and not select.select([0], [], [], 0)[0]):
            return found
        chunk = os.read(0, 1 << 16)
        closed = not chunk
        waiting += chunk


def preload(names):
    for name in names:
        try:
            importlib.import_module(name)
        except BaseException as error:  # the learner's run imports it (and says why it fails)
            print(f"preload {name}: {type(error).__name__}: {error}", file=sys.stderr)


def run_python(argv):
    """What `python ARGV` would do, in this process."""
    if argv[0] == "-m":
        sys.argv = argv[1:]
        sys.path[0] = os.getcwd()  # noqa: PTH109 (a str, as python -m gives)
        try:  # what python -m says, in one line, when there is nothing to run
            spec = importlib.util.find_spec(argv[1])
            if spec is None:
                raise ImportError(f"No module named {argv[1]}")
            if spec.submodule_search_locations is not None and (
                importlib.util.find_spec(argv[1] + ".__main__") is None
            ):
                raise ImportError(
                    f"No module named {argv[1]}.__main__; '{argv[1]}' is a package and "
                    "cannot be directly executed"
                )
        except ImportError as error:
            print(f"{sys.executable}: {error}", file=sys.stderr)
            raise SystemExit(1) from None
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = ["-c", *argv[2:]]
        sys.path[0] = ""
        main = types.ModuleType("__main__")  # a fresh __main__, as a new Python has
        main.__builtins__ = builtins
        sys.modules["__main__"] = main
        exec(compile(argv[1], "<string>", "exec"), main.__dict__)


def fresh_randomness():
    """New seeds for the generators a new Python seeds from the system (not shared with siblings)."""
    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()


def exit_code(stop):
    if stop.code is None:
        return 0
    if isinstance(stop.code, int):
        return stop.code
    print(stop.code, file=sys.stderr)
    return 1


def child(job, filters, pycache):
    """Become the job's program; whatever happens, end with its exit code and never return."""
    code = 1
    try:
        os.setsid()
        protocol.close()
        os.dup2(quiet, 0)
        for descriptor, path in ((1, job["stdout"]), (2, job["stderr"])):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), descriptor)
        sys.stdin = open(os.devnull)  # noqa: PTH123, SIM115 (for the rest of this process)
        sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", closefd=False, errors="backslashreplace", buffering=1)  # noqa: SIM115
        os.chdir(job["cwd"])
        os.environ.clear()
        os.environ.update(job["env"])
        warnings.filters[:] = filters
        warnings._filters_mutated()  # forget what the helper's warnings registries remember
        # Bytecode (pytest's rewritten test modules too) goes to a cache outside the learner's
        # folder, so a run leaves no __pycache__ behind and later runs skip the compiling.
        sys.pycache_prefix, sys.dont_write_bytecode = pycache, False
        importlib.invalidate_caches()
        fresh_randomness()
        code = run_job(job)
        threading._shutdown()  # what a normal exit does: join threads, then run atexit handlers
        atexit._run_exitfuncs()
    except SystemExit as stop:
        code = exit_code(stop)
    except BaseException:
        traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code & 0xFF)


def run_job(job):
    try:
        if os.environ.get("KATA_MUTANT"):  # what the activation sitecustomize does in a new Python
            from kata.harness.mutants import activate_from_environment

            activate_from_environment()
        run_python(job["argv"])
    except SystemExit as stop:
        return exit_code(stop)
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


def kill(pid):
    """End the job's session (it leads one from its first instruction on), or at least the job."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def cancel(number, pending, running):
    """Forget a job that has not started; end one that has (it is reported as timed out)."""
    pending[:] = [job for job in pending if job["id"] != number]
    for pid, (job, began, killed) in list(running.items()):
        if job["id"] == number and not killed:
            kill(pid)
            running[pid] = (job, began, True)


def serve():
    setup = requests(block=True)
    if not setup:
        return
    config, pending = setup[0], setup[1:]
    preload(config["preload"])
    filters = warnings.filters[:]  # as a new Python has them once it has imported the same
    protocol.write("ready\n")
    running = {}
    try:
        loop(config, pending, running, filters)
    finally:  # the service closed (or this helper is ending): nothing it started outlives it
        for pid in running:
            kill(pid)


def loop(config, pending, running, filters):
    while not closed or running:
        if closed:
            pending.clear()  # the service has gone: start nothing more
            for pid, (job, began, killed) in list(running.items()):
                if not killed:
                    kill(pid)
                    running[pid] = (job, began, True)
        for message in requests(block=not pending and not running):
            if isinstance(message, dict) and "cancel" in message:
                cancel(message["cancel"], pending, running)
            else:
                pending.extend(message if isinstance(message, list) else [message])
        busy = sum(1 for job, _, _ in running.values() if not job.get("resident"))
        while pending and (busy < config["workers"] or pending[0].get("resident")):
            job = pending.pop(0)
            pid = os.fork()
            if pid == 0:
                child(job, filters, config["pycache"])
            running[pid] = (job, time.monotonic(), False)
            busy += not job.get("resident")
        if not running:
            continue
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            for other, (job, began, killed) in list(running.items()):
                if not killed and now - began > job["timeout"]:
                    kill(other)
                    running[other] = (job, began, True)
            time.sleep(0.005)
            continue
        job, began, killed = running.pop(pid)
        reply = {"id": job["id"], "code": os.waitstatus_to_exitcode(status),
                 "seconds": time.monotonic() - began, "timed_out": killed}  # fmt: skip
        protocol.write(json.dumps(reply) + "\n")


if __name__ == "__main__":
    serve()
