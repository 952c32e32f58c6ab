"""Header, remarks and signatory of a legacy return (part of ``_Reading``)."""

from __future__ import annotations

import re

from return_xml.forms.legacy.common import MAX_LABEL_WRAP, _is_blank, _joined, _strip_template, _with_text
from return_xml.forms.legacy.part import ReadingPart
from return_xml.model import Day, Header, Signatory, Text
from return_xml.pdf import values as v
from return_xml.pdf.document import Phrase
from return_xml.pdf.layout import TOL, PhraseIndex, fold, lines_of

# What facts.md cuts from the issuer's name: a defined-term tag ('(the "Company")', '（「本公司」）') and an
# "(Incorporated in ...)" line; a parenthesis that is part of the name ("(H&H)", "(Holdings)") stays.
_NAME_TAG = re.compile(r"\s*[(（]\s*(?:the\s+)?[\"“”'‘’「『]\s*[^\"“”'‘’「」『』()（）]{1,40}?\s*[\"“”'‘’」』]\s*[)）]", re.IGNORECASE)
_INCORPORATED = re.compile(r"\s*[(（]\s*(?:incorporated|continued)\s+(?:in|into)\b[^()（）]*[)）]|\s*[(（]\s*於[^()（）]*成立[^()（）]*[)）]",
                           re.IGNORECASE)
# Why a share of the page: a tab-stop layout wraps a long value back to the margin, under its label,
# only when the line above it ran out of room at the right.
WRAPPED_TO_MARGIN = 0.8


class HeaderReading(ReadingPart):
    """Header, remarks and signatory of a legacy return (part of ``_Reading``)."""

    # -- header, remarks, signatory -------------------------------------------------------

    def _value_right(self, region: PhraseIndex, key: str, label: Phrase | None = None) -> Phrase | None:
        label = label or region.first(self.labels[key])
        if label is None:
            return None
        parts = [p for p in region.right_of(label) if not _is_blank(p.text)]
        if not parts:
            parts = self._right_of_wrapped(region, label)
        joined = _joined(parts)
        if joined is None:
            return None
        return _with_text(joined, _strip_template(joined.text))

    def _right_of_wrapped(self, region: PhraseIndex, label: Phrase) -> list[Phrase]:
        """The value beside a label wrapped over the next lines ("For the month ended" /
        "(dd/mm/yyyy) :"), typed beside any of its lines or centred between them."""
        labels = [self.labels[k] for k in ("issuer_name", "period_end", "submission_date", "title")]
        height = label.bottom - label.top
        right = label.x1
        last = label
        below = [p for p in region.phrases if (p.page, p.top) > (label.page, label.top + 1) and p.x0 < label.x1]
        for line in lines_of(below):
            first = line[0]
            if first.page != label.page or first.top > label.bottom + MAX_LABEL_WRAP * height:
                break
            if abs(first.x0 - label.x0) > 3 or any(pattern.search(first.text) for pattern in labels):
                break  # not a continuation of the label: another label or a value of its own
            right = max(right, first.x1)
            last = first
            values = [
                p
                for p in region.phrases
                if p.page == label.page and p.x0 > right + 1 and label.cy - TOL.label_line <= p.cy <= last.cy + TOL.label_line and not _is_blank(p.text)
            ]
            if values:
                return values
        return []

    def header(self) -> Header:
        region = self.whole.between(None, self.anchors["I"])
        issuer = self._issuer_name(region)
        period = self._value_right(region, "period_end", self._period_label(region))
        submitted = self._value_right(region, "submission_date")
        return Header(
            issuer_name=v.text(issuer, page=self.first_page),
            period_end=v.day(period, field="period.end", page=self.first_page),
            submission_date=v.day(submitted, field="submission.date", page=self.first_page) if submitted else Day(None, printed=""),
        )

    def _issuer_name(self, region: PhraseIndex) -> Phrase | None:
        """The issuer's name: every line of it beside its label, up to the next label (a long name wraps,
        and a cell may centre its label between the lines), without a defined-term tag or an
        "(Incorporated in ...)" line."""
        label = region.first(self.labels["issuer_name"])
        first = self._value_right(region, "issuer_name", label)
        if label is None:
            return first
        height = label.bottom - label.top
        on_page = [p for p in region.phrases if p.page == label.page]
        labels = [self.labels[k] for k in ("issuer_name", "period_end", "submission_date", "title")]
        left_column = [p for p in on_page if p.x0 < label.x1 and p is not label]
        above = [p.bottom for p in left_column if p.bottom <= label.top + 1]
        below = [p.top for p in left_column if p.top >= label.bottom - 1 and any(x.search(p.text) for x in labels)]
        low = max(above + [label.top - MAX_LABEL_WRAP * height])
        high = min(below + [label.bottom + MAX_LABEL_WRAP * height])
        lines = lines_of([p for p in on_page if p.x0 >= label.x1 - 1 and low < p.cy < high and not _is_blank(p.text)])
        if not lines:
            return first
        values = [p for line in lines for p in line]
        last = lines[-1]
        page_width = self.document.pages[label.page - 1].width
        if max(p.x1 for p in last) > WRAPPED_TO_MARGIN * page_width:
            values += next((line for line in lines_of([p for p in left_column if label.bottom - 1 <= p.top < high])
                            if 0 <= line[0].top - max(p.bottom for p in last) <= 0.8 * height
                            and not any(x.search(q.text) for q in line for x in labels)), [])
        joined = _joined(values)
        if joined is None:
            return first
        text = _INCORPORATED.sub("", _NAME_TAG.sub("", _strip_template(joined.text))).strip()
        return _with_text(joined, text)

    def _period_label(self, region: PhraseIndex) -> Phrase | None:
        """The period's label; on a scan whose label words OCR lost ("BEAR (日 / 月 / 年 ) :"), the
        line above the issuer's name that ends in the label's date format."""
        label = region.first(self.labels["period_end"])
        if label is not None or not self.labels.recognised:
            return label
        issuer = region.first(self.labels["issuer_name"])
        if issuer is None:
            return None
        above = region.between(None, issuer)
        return next((p for p in above.phrases if self.document.pages[p.page - 1].recognised and self.labels["period_end.format"].search(p.text)), None)

    def remarks(self) -> Text | None:
        region = self.section("remarks")
        label = region.first(self.labels["remarks"])
        if label is None:
            return None
        end = region.first(self.labels["signatory.name"])
        phrases = [p for line in lines_of([p for p in region.between(label, end).phrases if p is not label]) for p in line]
        head = self.labels["remarks"].sub("", label.text).strip()
        texts = ([head] if head else []) + [p.text for p in phrases if not _is_blank(p.text)]
        if not texts:
            return Text(None, printed="", source=v.source_of(label))
        printed = "\n".join(texts)
        # The box of the whole text: a figure in it (a date, a section number) is part of the remarks.
        return Text(fold(printed), printed=printed, source=v.source_of(_joined(phrases) if phrases else label))

    def signatory(self) -> Signatory | None:
        region = self.section("signatory")
        if not region.phrases:
            return None
        name = self._labelled_line(region, "signatory.name")
        title = self._labelled_line(region, "signatory.title")
        return Signatory(name=v.text(name, page=self.first_page), title=v.text(title, page=self.first_page))

    def _labelled_line(self, region: PhraseIndex, key: str) -> Phrase | None:
        label = region.first(self.labels[key])
        if label is None:
            return None
        rest = self.labels[key].sub("", label.text).strip()
        parts = ([_with_text(label, rest)] if rest else []) + region.right_of(label)
        joined = _joined(p for p in parts if p is not None and not _is_blank(p.text))
        return _with_text(joined, _strip_template(joined.text)) if joined else None
