"""libFuzzer entry for one target: ``python fuzz/atheris_main.py TARGET [CORPUS] [libFuzzer flags]``."""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["return_xml"]):
    import return_xml.api  # noqa: F401  (instrumented for coverage)
    import return_xml.pdf.values  # noqa: F401
    import return_xml.xmlio.reader  # noqa: F401

from targets import TARGETS, seeds  # noqa: E402


def main() -> None:
    target = sys.argv.pop(1)
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else None
    if corpus is not None:
        for index, seed in enumerate(seeds(target)):
            (corpus / f"seed-{index}").write_bytes(seed)
    function = TARGETS[target]
    atheris.Setup(sys.argv, function)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
