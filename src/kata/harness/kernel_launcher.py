"""The `python3` kernel's command while a learner helper runs (see `kata.harness.helpers`).

Jupyter starts this script as if it were the kernel (`python -I kernel_launcher.py -f FILE`). It
asks the helper named by KATA_LEARNER_HELPER to fork `python -m ipykernel_launcher -f FILE` with
this process's folder and environment, passes on the signals Jupyter sends (an interrupt is
SIGINT), and ends with the kernel's exit code. If this script is killed, the helper sees its
session end and kills the kernel. Run with -I and the standard library only, so it starts in
milliseconds and nothing of the learner's or the harness's is imported here.
"""

import json
import os
import signal
import socket
import sys
import tempfile
from pathlib import Path


def main():
    address = os.environ["KATA_LEARNER_HELPER"]
    helper = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    helper.connect(address)
    stderr = Path(tempfile.mkdtemp(prefix="kata-kernel-")) / "stderr"

    def send(message):
        helper.sendall((json.dumps(message) + "\n").encode())

    send({"preload": [], "workers": 1})
    # parent_handle: the helper imported ipykernel before Jupyter set JPY_PARENT_PID, so say it
    # here (without it the kernel prints a "connect another client" banner a launched kernel does not)
    argv = ["-m", "ipykernel_launcher", *sys.argv[1:], f"--IPKernelApp.parent_handle={os.getpid()}"]
    # What ipykernel does as it starts, before matplotlib is imported (here it already is).
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    send({
        "id": 0, "argv": argv, "cwd": str(Path.cwd()), "env": dict(os.environ),
        "timeout": 10**9, "resident": True, "stdout": os.devnull, "stderr": str(stderr),
    })  # fmt: skip
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, lambda number, _: send({"signal": 0, "signum": number}))
    code = 1
    for line in helper.makefile("r", encoding="utf-8"):
        reply = json.loads(line) if line.startswith("{") else {}
        if "code" in reply:
            code = reply["code"]
            break
    if stderr.is_file():
        sys.stderr.write(stderr.read_text(errors="replace"))
        stderr.unlink()
    stderr.parent.rmdir()
    sys.exit(128 - code if code < 0 else code)


if __name__ == "__main__":
    main()
