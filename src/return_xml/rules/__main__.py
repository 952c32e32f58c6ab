"""`python -m return_xml.rules docs/rules.md` rewrites the catalogue block of docs/rules.md in place."""

import sys
from pathlib import Path

from return_xml.rules.catalogue import update_document

if len(sys.argv) != 2:
    sys.exit("usage: python -m return_xml.rules docs/rules.md")
target = Path(sys.argv[1])
target.write_text(update_document(target.read_text(encoding="utf-8")), encoding="utf-8")
