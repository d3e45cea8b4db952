"""`kata doctor`: is this machine ready for the katas?"""

from __future__ import annotations

import importlib.util
import shutil
import socket
import sys
from dataclasses import dataclass

from kata import display
from kata.context import Context
from kata.errors import CHECK_FAILED
from kata.harness.notebooks import notebook_pair_in_sync

PACKAGES = (
    "pytest",
    "nbclient",
    "ipykernel",
    "jupytext",
    "pandas",
    "sklearn",
    "matplotlib",
    "mlflow",
)
SETUP = "run `make setup` in the repository"


@dataclass
class Finding:
    ok: bool
    what: str
    fix: str = ""


def add_parser(subparsers) -> None:
    subparsers.add_parser(
        "doctor",
        help="check the environment (Python, packages, Jupyter kernel, pairing)",
        description="Check that Python, the packages, a Jupyter kernel and notebook pairing are ready.",
    )


def main(args, context: Context) -> int:
    findings = examine(context)
    print(render(findings))
    return 0 if all(finding.ok for finding in findings) else CHECK_FAILED


def examine(context: Context) -> list[Finding]:
    version = ".".join(map(str, sys.version_info[:3]))
    findings = [
        Finding(sys.version_info >= (3, 11), f"Python {version} (3.11 or newer needed)", SETUP)
    ]
    for package in PACKAGES:
        found = importlib.util.find_spec(package) is not None
        findings.append(Finding(found, f"package {package}", SETUP))
    findings.append(_kernel())
    findings.append(_loopback())
    findings.append(Finding(shutil.which("git") is not None, "git on the PATH", "install git"))
    config = context.repo.root / "jupytext.toml"
    findings.append(
        Finding(
            config.is_file(),
            "jupytext.toml pairs notebooks with py:percent scripts",
            "restore jupytext.toml from git",
        )
    )
    for kata in context.katas:
        for notebook in sorted(kata.workspace.glob("*.ipynb")):
            reason = (
                notebook_pair_in_sync(notebook) if notebook.with_suffix(".py").exists() else None
            )
            where = context.repo.relative(notebook)
            findings.append(Finding(reason is None, f"{where} pairing", reason or ""))
    return findings


def _kernel() -> Finding:
    try:
        from jupyter_client.kernelspec import KernelSpecManager

        KernelSpecManager().get_kernel_spec("python3")
    except Exception:  # no kernel or a broken spec: either way notebooks cannot run
        return Finding(False, "Jupyter kernel python3", "python -m ipykernel install --sys-prefix")
    return Finding(True, "Jupyter kernel python3")


def _loopback() -> Finding:
    """Notebook kernels and the tracking server talk over 127.0.0.1; without it every run hangs."""
    what = "the loopback network (127.0.0.1), which kernels and the tracking server use"
    try:
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            with socket.create_connection(server.getsockname(), timeout=2):
                pass
    except OSError as error:
        return Finding(False, what, f"bring the lo interface up (ip link set lo up): {error}")
    return Finding(True, what)


def render(findings: list[Finding]) -> str:
    lines = []
    for finding in findings:
        lines.append(f"  {display.mark(finding.ok)} {finding.what}")
        if not finding.ok and finding.fix:
            lines.append(display.indent(f"fix: {finding.fix}", prefix="      "))
    bad = sum(not finding.ok for finding in findings)
    lines.append("")
    lines.append("All good: `kata` shows where to start." if not bad else f"{bad} thing(s) to fix.")
    return "\n".join(lines)
