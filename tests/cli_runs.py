"""Run the command line in-process, through its real entry point, as the tests' one way to do it."""

from __future__ import annotations

import sys

import pytest

from return_xml import cli


def run_cli(*args: str) -> int:
    """Run ``return-xml ARGS...`` in this process (``cli.main``) and return its exit code."""
    with pytest.raises(SystemExit) as exit_info:
        saved, sys.argv = sys.argv, ["return-xml", *args]
        try:
            cli.main()
        finally:
            sys.argv = saved
    return exit_info.value.code or 0
