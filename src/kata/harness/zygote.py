"""The warm parent behind `kata.harness.processes`: a Python that imports the kata's libraries once
and forks every learner program from itself.

Run as a script (never imported by the checks), it serves one client on stdin and stdout; run with
`--socket PATH MODULE...`, it imports the modules, then serves any number of clients, one session
per connection to the Unix socket at PATH, until it is ended (a test suite or `kata watch` keeps
one for all its check runs, so that none of them pays for the imports again).

A session speaks in JSON lines. The first line is the set-up: the modules to import (imported once,
kept for later sessions) and how many children may run at once. Every later line is a job, a list
of jobs, {"cancel": id} or {"signal": id, "signum": n}; each job is reported as {"id", "pid"} when
it starts and {"id", "code", "seconds", "timed_out", "cpu_seconds"} when it ends (a job cancelled
before it started is not). A job runs `-m module args...` or `-c code args...` in a child with its
own folder, environment, output files and session, so a timeout can end it and whatever it started.
A job's "cpu_limit" (seconds of the processor) ends it by SIGXCPU, reported as timed out. At
most `workers` jobs of a session run at once, not counting "resident" ones (a learner's module
waiting for calls, or a notebook kernel, which use no processor while they wait). When a session's
client goes, whatever it started is ended.
"""

import atexit
import builtins
import contextlib
import importlib
import importlib.util
import json
import math
import os
import random
import resource
import runpy
import select
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
import types
import warnings

quiet = os.open(os.devnull, os.O_RDWR)
channels = []  # every descriptor a client can reach this helper by; closed in each child


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


def child(job, filters):
    """Become the job's program; whatever happens, end with its exit code and never return."""
    code = 1
    try:
        os.setsid()
        for descriptor in channels:
            with contextlib.suppress(OSError):
                os.close(descriptor)
        os.dup2(quiet, 0)
        for descriptor, path in ((1, job["stdout"]), (2, job["stderr"])):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), descriptor)
        sys.stdin = open(os.devnull)  # noqa: PTH123, SIM115 (for the rest of this process)
        sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", closefd=False, errors="backslashreplace", buffering=1)  # noqa: SIM115
        if job.get("cpu_limit"):  # seconds of processor; SIGXCPU ends the program when it is spent
            seconds = math.ceil(job["cpu_limit"])
            resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # and leaves no core file behind
        os.chdir(job["cwd"])
        os.environ.clear()
        os.environ.update(job["env"])
        tempfile.tempdir = None  # found again from TMPDIR, as a new Python would
        matplotlib = sys.modules.get("matplotlib")
        if matplotlib is not None and os.environ.get("MPLBACKEND"):  # read when it is imported
            matplotlib.rcParams["backend"] = os.environ["MPLBACKEND"]
        warnings.filters[:] = filters
        warnings._filters_mutated()  # forget what the helper's warnings registries remember
        # No bytecode is written: a run leaves no __pycache__ in the learner's folder, and a file
        # saved twice in one second is never run from the bytecode of its first version.
        sys.dont_write_bytecode = True
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
    """End the job's session (it leads one from its first instruction on) and everything below the
    job, also what started sessions of its own (a notebook kernel's launcher does)."""
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGSTOP)  # so that nothing starts between listing and killing
    for process in [*descendants(pid), pid]:
        with contextlib.suppress(OSError):
            os.kill(process, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def descendants(pid):
    """The processes below `pid`, read from /proc (none where there is no /proc)."""
    children = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:  # noqa: PTH112, PTH208
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stat:  # noqa: PTH123
                    parent = int(stat.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, frontier = [], [pid]
    while frontier:
        below = children.get(frontier.pop(), [])
        found += below
        frontier += below
    return found


class Session:
    """One client: its set-up (workers, bytecode folder), its jobs, and the channel to it."""

    def __init__(self, read_fd, write, connection=None):
        self.read_fd, self.write, self.connection = read_fd, write, connection
        self.waiting, self.closed = b"", False
        self.config, self.pending, self.running = None, [], {}

    def messages(self):
        """The complete messages that have arrived (call when the channel is readable)."""
        try:
            chunk = os.read(self.read_fd, 1 << 16)
        except OSError:
            chunk = b""
        self.closed = self.closed or not chunk
        self.waiting += chunk
        found = []
        while b"\n" in self.waiting:
            line, self.waiting = self.waiting.split(b"\n", 1)
            found.append(json.loads(line))
        return found

    def say(self, message):
        if self.closed:
            return
        try:
            line = (json.dumps(message) if isinstance(message, dict) else message) + "\n"
            self.write(line.encode() if self.connection else line)
        except OSError:  # the client has gone; its jobs are ended below
            self.closed = True

    def busy(self):
        return sum(1 for job, _, _ in self.running.values() if not job.get("resident"))

    def take(self, message, filters):
        """Act on one message from the client."""
        if self.config is None:
            self.config = message
            preload(message.get("preload", []))
            filters[:] = warnings.filters[
                :
            ]  # as a new Python has them once it has imported the same
            self.say("ready")
        elif isinstance(message, dict) and "cancel" in message:
            self.pending[:] = [job for job in self.pending if job["id"] != message["cancel"]]
            for pid, (job, began, killed) in list(self.running.items()):
                if job["id"] == message["cancel"] and not killed:
                    kill(pid)
                    self.running[pid] = (job, began, True)
        elif isinstance(message, dict) and "signal" in message:
            for pid, (job, _, _) in self.running.items():
                if job["id"] == message["signal"]:
                    with contextlib.suppress(OSError):
                        os.kill(pid, message["signum"])
        else:
            self.pending.extend(message if isinstance(message, list) else [message])

    def end(self):
        """The client has gone: start nothing more and end what runs."""
        self.pending.clear()
        for pid, (job, began, killed) in list(self.running.items()):
            if not killed:
                kill(pid)
                self.running[pid] = (job, began, True)

    def start_jobs(self, filters, owners):
        while self.pending and (
            self.busy() < self.config["workers"] or self.pending[0].get("resident")
        ):
            job = self.pending.pop(0)
            pid = os.fork()
            if pid == 0:
                child(job, filters)
            self.running[pid] = (job, time.monotonic(), False)
            owners[pid] = self
            self.say({"id": job["id"], "pid": pid})

    def time_out(self, now):
        for pid, (job, began, killed) in list(self.running.items()):
            if not killed and now - began > job["timeout"]:
                kill(pid)
                self.running[pid] = (job, began, True)


def serve(sessions, listener=None):
    """Serve until every session has gone (or, with a listener, until this helper is ended)."""
    filters = warnings.filters[:]
    owners = {}  # child pid -> its session
    try:
        while sessions or listener is not None:
            waiting_on = [session.read_fd for session in sessions if not session.closed]
            if listener is not None:
                waiting_on += [listener.fileno(), 0]  # stdin ends when the owner has gone
            startable = any(s.pending and s.config for s in sessions)
            timeout = 0 if startable else 0.005 if owners else None
            if not waiting_on and timeout is None:
                timeout = 0  # nothing to wait for: the closed session is removed below
            readable = select.select(waiting_on, [], [], timeout)[0]
            for session in list(sessions):
                if session.read_fd in readable:
                    for message in session.messages():
                        session.take(message, filters)
            if listener is not None and 0 in readable and not os.read(0, 1 << 16):
                break  # the owner has gone, even if it was killed: end everything
            if listener is not None and listener.fileno() in readable:
                connection, _ = listener.accept()
                channels.append(connection.fileno())
                sessions.append(Session(connection.fileno(), connection.sendall, connection))
            for session in sessions:
                if session.closed:
                    session.end()
                elif session.config is not None:
                    session.start_jobs(filters, owners)
            reap(owners)
            now = time.monotonic()
            for session in list(sessions):
                session.time_out(now)
                if session.closed and not session.running:
                    sessions.remove(session)
                    if session.connection is not None:
                        channels.remove(session.read_fd)
                        session.connection.close()
    finally:  # nothing this helper started outlives it
        for pid in owners:
            kill(pid)


def reap(owners):
    while owners:
        try:
            pid, status, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        session = owners.pop(pid, None)
        if session is None:
            continue
        job, began, killed = session.running.pop(pid)
        spent = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU
        session.say({"id": job["id"], "code": os.waitstatus_to_exitcode(status),
                     "seconds": time.monotonic() - began, "timed_out": killed or spent,
                     "cpu_seconds": usage.ru_utime + usage.ru_stime})  # fmt: skip


def serve_stdin():
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(quiet, 1)  # a library that prints while it is imported must not break the protocol
    channels.extend([0, protocol.fileno()])
    serve([Session(0, protocol.write)])


def serve_socket(path, modules):
    """Serve every client of the socket at `path` until this helper's owner closes its stdin."""
    os.dup2(quiet, 1)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)  # before the imports: a client that connects meanwhile waits for them
    listener.listen(64)
    channels.append(listener.fileno())
    preload(modules)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so that `finally` ends the children
    channels.append(0)
    serve([], listener)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--socket"]:
        serve_socket(sys.argv[2], sys.argv[3:])
    else:
        serve_stdin()
