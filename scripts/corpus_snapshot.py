"""Snapshot of what the converter makes of every corpus filing, to show a change keeps behaviour.

    python scripts/corpus_snapshot.py OUT_DIR [--corpus ../shared/corpus]
    python scripts/corpus_snapshot.py OUT_DIR --compare BASELINE_DIR

For every PDF of the corpus (labelled and ``unlabelled/``; ``--scanned`` adds
``scanned/``), ``api.convert`` writes the XML and the facts JSON into OUT_DIR,
and ``_verdicts.txt`` lists each file's verdict (or its error code).  With
``--compare`` the new snapshot is compared byte for byte with an earlier one:
the differing files are listed and the exit code is 1 when there is any.

Why a script and not a test: the golden tests pin a handful of files; a
refactoring (issues 18 and 19) must keep all of them identical, and this is
the quick check to run before and after.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
from pathlib import Path

from return_xml import api
from return_xml.errors import ReturnXmlError


def snapshot(corpus: Path, out: Path, *, scanned: bool = False) -> int:
    """Convert every corpus PDF into ``out``; the number of files converted or refused."""
    out.mkdir(parents=True, exist_ok=True)
    folders = [corpus, corpus / "unlabelled"] + ([corpus / "scanned"] if scanned else [])
    verdicts = []
    pdfs = sorted(p for folder in folders for p in folder.glob("*.pdf"))
    for pdf in pdfs:
        stem = f"{pdf.parent.name}__{pdf.stem}"
        try:
            conversion = api.convert(pdf, out / f"{stem}.xml")
            api.convert(pdf, out / f"{stem}.json")
            audit = conversion.monthly_return.audit
            verdicts.append(f"{stem}\t{audit.verdict.value if audit else '-'}")
        except ReturnXmlError as error:
            verdicts.append(f"{stem}\t{getattr(error, 'code', type(error).__name__)}")
    (out / "_verdicts.txt").write_text("\n".join(verdicts) + "\n", encoding="utf-8")
    return len(pdfs)


def compare(new: Path, old: Path) -> list[str]:
    """Names of the files that differ between two snapshots (or exist in only one)."""
    names = {p.name for p in new.iterdir()} | {p.name for p in old.iterdir()}
    return sorted(
        n for n in names
        if not (new / n).exists() or not (old / n).exists() or not filecmp.cmp(new / n, old / n, shallow=False)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus")
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to compare with")
    parser.add_argument("--scanned", action="store_true", help="also the scanned renditions (slow: OCR)")
    args = parser.parse_args(argv)
    count = snapshot(args.corpus, args.out, scanned=args.scanned)
    print(f"{count} filings -> {args.out}")
    if args.compare:
        differing = compare(args.out, args.compare)
        for name in differing:
            print(f"differs: {name}")
        print(f"{len(differing)} files differ from {args.compare}")
        return 1 if differing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
