"""The numbered class blocks of an FF301 section (``1. Class of shares``): their share class, counters and remarks."""

from __future__ import annotations

from return_xml.forms.ff301.cells import same_line
from return_xml.forms.ff301.structure import ABOVE_TOP, FormStructure
from return_xml.model import Counter, ShareClass, Text
from return_xml.pdf import values as v
from return_xml.pdf.document import Phrase
from return_xml.pdf.layout import Region, fold, phrases_on_line, region_between

# The labels of a class block's header rows; each stops the value of the others.
BLOCK_LABELS = ("block.class", "block.type", "listed", "stock_code", "multi_counter", "description")


def _stops(key: str) -> tuple[str, ...]:
    return tuple(k for k in BLOCK_LABELS if k != key)


class ClassBlocks(FormStructure):
    """The class blocks of a section and what their header rows print."""

    def blocks(self, key: str) -> list[Region]:
        """The class blocks of section ``key``; none when it is not printed or not applicable."""
        region = self.section(key)
        if region is None or not self.applicable(key):
            return []
        return region.split(self.find(region, "block.class"))

    def share_class(self, block: Region, path: str) -> ShareClass:
        """The share class a block's header rows describe."""
        found = {key: self.labelled(block, key, _stops(key)) for key in ("block.class", "block.type", "listed", "stock_code")}
        class_phrase, class_page = found["block.class"]
        share_type, type_page = found["block.type"]
        listed, listed_page = found["listed"]
        code, code_page = found["stock_code"]
        description = description_page = None
        if (description_label := self._description_label(block)) is not None:
            description, description_page = self.value_of(block, description_label, _stops("description")), description_label.page
        class_text = v.text(class_phrase, page=class_page)
        return ShareClass(
            category=self.labels.category(class_text.value or ""),
            class_name=class_text,
            share_type=v.text(share_type, page=type_page, absent_when_not_applicable=True) if type_page else None,
            listed=(
                v.flag(listed, yes=set(self.labels.yes), no=set(self.labels.no), field=f"{path}.listed", page=listed_page)
                if listed_page
                else None
            ),
            stock_code=v.text(code, page=code_page) if code_page else None,
            description=v.text(description, page=description_page) if description_page else None,
        )

    def _description_label(self, block: Region) -> Phrase | None:
        """The class's own ``Description`` label: the one beside its stock code, not a counter's."""
        labels = self.find(block, "description")
        code = block.first(self.labels["stock_code"]) if self.labels.has("stock_code") else None
        if code is not None:
            beside = [p for p in labels if same_line(p, code)]
            if beside:
                return beside[0]
        counters = self.find(block, "multi_counter")
        return next((p for p in labels if not any(same_line(p, c) for c in counters)), None)

    def counters(self, block: Region) -> tuple[Counter, ...]:
        """The further stock codes of a multi-counter class: one ``Multi-counter stock code`` row each."""
        out = []
        for label in self.find(block, "multi_counter"):
            page = block.page_of(label)
            code = self.value_of(block, label, _stops("multi_counter"))
            beside = [p for p in phrases_on_line(page, label) if p.x0 > label.x1 and self.labels["description"].search(p.text)]
            description = self.value_of(block, beside[0], _stops("description")) if beside else None
            out.append(
                Counter(
                    stock_code=v.text(code, page=label.page),
                    description=v.text(description, page=label.page) if beside else None,
                )
            )
        return tuple(out)

    def remarks(self, block: Region, stop_key: str | None = None) -> Text | None:
        """A block's "Remarks:" box: the text after the label, up to the label ``stop_key`` if printed."""
        label = block.first(self.labels["remarks"])
        if label is None:
            return None
        end = None
        stop = next(iter(self.find(block, stop_key)), None) if stop_key is not None else None
        if stop is not None and (stop.page, stop.top) > (label.page, label.top):
            end = (stop.page, stop.top - ABOVE_TOP)
        after = region_between(block, (label.page, label.top - ABOVE_TOP), end)
        phrases = [p for p in after.phrases() if p is not label and (p.page, p.cy) > (label.page, label.top)]
        if not phrases:
            return Text(None, printed="", source=v.source_of(label))
        printed = "\n".join(p.text for p in phrases)
        first, last = phrases[0], phrases[-1]
        box = (min(p.x0 for p in phrases), first.top, max(p.x1 for p in phrases), last.bottom) if first.page == last.page else first.box
        return Text(fold(printed), printed=printed, source=v.Source(first.page, box))
