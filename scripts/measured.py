"""What the benchmark scripts share: how a measured process is started (bench.py, bench_bulk.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def measured_env(keep_environment: bool = False) -> dict[str, str]:
    """The environment of the measured processes: with Python's bytecode cache on.

    An installed package has its modules compiled (pip writes the ``.pyc``
    files); with ``PYTHONDONTWRITEBYTECODE`` set, every process would compile
    our sources again and measure the compiler.  ``keep_environment``
    (``--no-bytecode-cache``) keeps the environment as it is.
    """
    env = dict(os.environ)
    if not keep_environment:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cli_command() -> list[str]:
    """The installed ``return-xml`` script beside this Python, else ``python -m return_xml``."""
    script = Path(sys.executable).with_name("return-xml")
    return [str(script)] if script.exists() else [sys.executable, "-m", "return_xml"]
