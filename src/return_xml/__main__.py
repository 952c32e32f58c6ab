"""The ``return-xml`` script's entry point: answers ``--version`` before loading anything.

``return-xml --version`` is what scripts and package managers call to see
what is installed; it needs neither the command framework (typer, click,
rich) nor the library, so it skips them.  A plain ``convert`` runs without
the command framework (``return_xml.plain_cli``).  Everything else goes to
``return_xml.cli.main``.  ``python -m return_xml`` works the same way.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line; ``--version`` (alone) is answered here, at once."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from return_xml import __version__

        sys.stdout.write(f"return-xml {__version__}\n")
        return
    from return_xml.plain_cli import plain_convert

    if plain_convert(sys.argv[1:]):
        return
    from return_xml.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
