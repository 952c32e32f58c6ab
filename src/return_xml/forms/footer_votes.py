"""The form version printed in the footers of pages recognised by OCR, read on every page and voted.

Why a vote: every FF301 page prints its version in the footer (``v1.1.1``), and
OCR reads one of them wrong now and then (``v1.4.4``, ``v1.14``, ``Ve``).  One
page's footer decides on a text layer; on recognised pages a version is
vouched for when at least two pages read it and no page reads another known
version.  Anything else is a doubt, said in words for the reading note.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from return_xml.pdf.document import PdfDocument

# The footer is the bottom 15% of the page.
FOOTER_SHARE = 0.15
# Why two: one page's footer may be misread; two pages misread to one and the same version are not.
AGREEING_PAGES = 2


@dataclass(frozen=True)
class FooterVote:
    """The version most footers read (``None`` if none or a tie), and the doubt, if any, in words.

    With a doubt the version is not vouched for: a reader may take its edition's labels, but not
    give it as the form's version."""

    version: str | None
    doubt: str | None


def footer_vote(document: PdfDocument, pattern: re.Pattern[str], known: Callable[[str], bool]) -> FooterVote:
    """The version printed in the footers of ``document`` (group 1 of ``pattern``), voted over its pages."""
    reads: list[tuple[int, str]] = []
    for page in document.pages:
        footer = page.text_in((0, page.height * (1 - FOOTER_SHARE), page.width, page.height))
        text = footer.text.replace("\n", " ") if footer else ""
        if (m := pattern.search(text)) is not None:
            reads.append((page.number, m.group(1)))
        elif text:
            reads.append((page.number, ""))
    votes = Counter(version for _, version in reads if version and known(version))
    if not votes:
        if not reads:
            return FooterVote(None, None)
        return FooterVote(None, f"no page's footer reads a known version ({_said(reads)})")
    (version, count), *others = votes.most_common()
    if count >= AGREEING_PAGES and not others:
        return FooterVote(version, None)
    leading = version if not others or count > others[0][1] else None
    if others:
        return FooterVote(leading, f"the footers read different versions ({_said(reads)})")
    return FooterVote(leading, f"only one page's footer reads a known version ({_said(reads)})")


def _said(reads: list[tuple[int, str]]) -> str:
    return ", ".join(f"page {number}: {version or 'no version'}" for number, version in reads)
