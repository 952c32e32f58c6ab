"""Sections I (authorised share capital) and II (issued shares) of a legacy return (part of ``_Reading``)."""

from __future__ import annotations

from return_xml.forms.legacy.column_order import columns_by_order
from return_xml.forms.legacy.common import _carries_figure, _figure_like, _heading_stacks, _is_blank, _joined, stack_text
from return_xml.forms.legacy.part import ReadingPart
from return_xml.forms.legacy.rows import RowBand, row_bands
from return_xml.model import (
    AuthorisedBalance,
    AuthorisedClass,
    Category,
    Currency,
    FundsRaised,
    IssuedBalance,
    IssuedClass,
    ShareClass,
    Text,
)
from return_xml.pdf import values as v
from return_xml.pdf.document import Phrase
from return_xml.pdf.layout import TOL, Column, PhraseIndex, fold, lines_of, nearest_column


class CapitalReading(ReadingPart):
    """Sections I (authorised share capital) and II (issued shares) of a legacy return (part of ``_Reading``)."""

    # -- section I ---------------------------------------------------------------------------

    def authorised(self) -> tuple[tuple[AuthorisedClass, ...], dict[tuple[Category, int], Text]]:
        region = self.section("I")
        total = region.first_wrapped(self.labels["authorised_total"])
        labels = [p for p in region.find(self.labels["stock_code"])]
        headings = region.find(self.labels["class_heading"])
        blocks: list[AuthorisedClass] = []
        codes: dict[tuple[Category, int], Text] = {}
        seen: dict[Category, int] = {}
        for n, label in enumerate(labels):
            end = labels[n + 1] if n + 1 < len(labels) else total
            block = region.between(label, end)
            heading = [h for h in headings if (h.page, h.top) <= (label.page, label.top)]
            category = self.labels.category(heading[-1].text) if heading else Category.ORDINARY
            category = category or Category.OTHER
            index = seen.get(category, 0)
            seen[category] = index + 1
            item = self._authorised_block(block, label, category, f"authorised[{len(blocks)}]")
            if item.share_class.stock_code is not None:
                codes[(category, index)] = item.share_class.stock_code
            if _carries_figure(item):
                blocks.append(item)
        return tuple(blocks), codes

    def _authorised_block(self, block: PhraseIndex, label: Phrase, category: Category, path: str) -> AuthorisedClass:
        line = block.right_of(label)
        description_label = next((p for p in line if self.labels["description"].search(p.text)), None)
        code_parts = [p for p in line if description_label is None or p.x0 < description_label.x0]
        code = _joined(p for p in code_parts if not _is_blank(p.text))
        description = _joined(p for p in block.right_of(description_label) if not _is_blank(p.text)) if description_label else None
        if description is not None:
            description = self._wrapped_value(block, description)
        rows = self._row_bands([p for p in block.phrases if abs(p.cy - label.cy) > TOL.label_line])
        first_row = min((r.first for r in rows.values()), key=lambda p: (p.page, p.top), default=None)
        header = [p for p in block.between(label, first_row).phrases if abs(p.cy - label.cy) > TOL.label_line]
        columns = self._columns_from(header, {"shares": "col.shares", "par_value": "col.par_value", "capital": "col.capital"})
        currencies = self._currency_hints(header, columns)
        left = max((r.label_x1 for r in rows.values()), default=0.0)
        balances: dict[str, AuthorisedBalance] = {}
        for key, row in rows.items():
            cells = self._assign([p for p in block.phrases if row.holds(p) and p.x0 > left + 1 and not _is_blank(p.text)], columns)
            par_currency, par = self.money(cells.get("par_value"), f"{path}.{key}.par_value", currencies.get("par_value"))
            capital_currency, capital = self.money(cells.get("capital"), f"{path}.{key}.capital", currencies.get("capital"))
            balances[key] = AuthorisedBalance(
                shares=self.count(cells.get("shares"), f"{path}.{key}.shares", row.page),
                par_value_currency=par_currency if par.value is not None else Currency(None, printed=""),
                par_value=par,
                capital_currency=capital_currency if capital.value is not None else Currency(None, printed=""),
                capital=capital,
            )
        code_text = v.text(code, page=label.page, absent_when_not_applicable=True)
        return AuthorisedClass(
            share_class=ShareClass(
                category=category,
                stock_code=code_text,
                description=v.text(description, page=label.page, absent_when_not_applicable=True),
            ),
            preceding=balances.get("preceding"),
            movement=balances.get("movement"),
            close=balances.get("close"),
        )

    def _wrapped_value(self, block: PhraseIndex, value: Phrase) -> Phrase:
        """``value`` with the lines it wraps onto below it, at its left edge ("Ordinary shares of
        HK$0.10" / "each"), up to the table's column headings."""
        headings = [self.labels[k] for k in ("col.shares", "col.par_value", "col.capital")]
        parts, last = [value], value
        below = [p for p in block.phrases if (p.page, p.top) > (value.page, value.top + 1)]
        for line in lines_of(below)[: TOL.wrapped_lines - 1]:
            follow = next((q for q in line if abs(q.x0 - value.x0) <= 2.5), None)
            if follow is None or follow.page != last.page or follow.top - last.bottom > TOL.wrap_leading * (last.bottom - last.top):
                break
            if any(pattern.search(q.text) for q in line for pattern in headings) or _figure_like(follow.text, self.labels):
                break  # the table's headings, or a figure: the value ended above
            parts.append(follow)
            last = follow
        return _joined(parts) if len(parts) > 1 else value  # type: ignore[return-value]  # parts is not empty: never None

    def _row_bands(self, phrases: list[Phrase]) -> dict[str, RowBand]:
        """The preceding, movement and close rows of a section I or II table, in that order."""
        patterns = {key: self.labels[f"rowtext.{key}"] for key in ("preceding", "movement", "close")}
        return row_bands(phrases, patterns, lambda text: _figure_like(text, self.labels), by_order=self.labels.recognised)

    def _columns_from(self, header: list[Phrase], keys: dict[str, str]) -> list[Column]:
        columns: dict[str, Column] = {}
        for phrase in header:
            for name, key in keys.items():
                if self.labels[key].search(phrase.text) and name not in columns:
                    columns[name] = Column(name, phrase.x0, self._with_currency_beside(phrase, header))
        if len(columns) < len(keys):
            # A heading wrapped in its cell ("Authorised share" / "capital (RMB)"): read as its stack.
            for x0, x1, members in _heading_stacks(header):
                text = fold(stack_text(members))
                for name, key in keys.items():
                    if name not in columns and self.labels[key].search(text):
                        columns[name] = Column(name, x0, x1)
        if self.labels.recognised and len(columns) < len(keys):
            # A heading OCR misread: the unnamed heading in its place in the table (column_order.py).
            hint = self.labels["currency_hint"]
            return columns_by_order(header, list(columns.values()), tuple(keys), lambda text: hint.fullmatch(text.strip()) is not None)
        return list(columns.values())

    def _with_currency_beside(self, heading: Phrase, header: list[Phrase]) -> float:
        """The right edge of a column heading with the currency printed as a run of its own beside it
        ("面值" "(港元)"): the column is as wide as both."""
        height = heading.bottom - heading.top
        beside = [p for p in header if p.page == heading.page and abs(p.cy - heading.cy) <= 2.0
                  and 0 <= p.x0 - heading.x1 <= height and self.labels["currency_hint"].fullmatch(p.text.strip())]
        return max([heading.x1] + [p.x1 for p in beside])

    def _currency_hints(self, header: list[Phrase], columns: list[Column]) -> dict[str, str]:
        hints: dict[str, str] = {}
        for phrase in header:
            m = self.labels["currency_hint"].search(phrase.text)
            if not m:
                continue
            code = v.currency_code(m.group(0).strip("()（）"))
            column = nearest_column(phrase, columns)
            if code and column is not None:
                hints[column.name] = code
        return hints

    def _assign(self, phrases: list[Phrase], columns: list[Column]) -> dict[str, Phrase]:
        """Figures under their columns; several phrases under one column are joined."""
        grouped: dict[str, list[Phrase]] = {}
        for phrase in phrases:
            column = nearest_column(phrase, columns)
            if column is not None:
                grouped.setdefault(column.name, []).append(phrase)
        return {name: _joined(parts) for name, parts in grouped.items()}  # type: ignore[misc]  # no group is empty: never None

    def authorised_total(self) -> tuple[FundsRaised, ...]:
        region = self.section("I")
        label = region.first_wrapped(self.labels["authorised_total"])
        if label is None:
            return ()
        values = [p for p in region.right_of(label) if not _is_blank(p.text)]
        if not values:
            values = [p for p in region.on_line(label, 8.0) if p.x0 > label.x1 and not _is_blank(p.text)]
        hint = self.labels["currency_hint"].search(label.text) or self.labels["currency_hint"].search(region.wrapped_text(label))
        if hint is None:
            # The label's currency printed as a run of its own beside it, with or without its colon
            # ("本月底法定股本總額" "(港元)" ":", or "(人民幣 ) :" as OCR cuts the line): no figure.
            beside = [(p, m) for p in values if (m := self.labels["currency_hint"].fullmatch(p.text.strip().rstrip(" :：")))]
            if beside:
                hint = beside[0][1]
                hints = [p for p, _ in beside]
                values = [p for p in values if p not in hints and p.text.strip() not in (":", "：")]
        default = v.currency_code(hint.group(0).strip("()（）")) if hint else None
        joined = _joined(values)
        if joined is None:
            return ()
        currency, amount = self.money(joined, "authorised_total[0].amount", default)
        return (FundsRaised(currency=currency, amount=amount),)

    # -- section II --------------------------------------------------------------------------

    def issued(self, codes: dict[tuple[Category, int], Text]) -> tuple[IssuedClass, ...]:
        region = self.section("II")
        columns, header_bottom = self._issued_columns(region)
        if not columns:
            return ()
        left_edge = min(c.x0 for c in columns) - 40
        lines = [
            [p for p in line if p.x0 >= left_edge and _figure_like(p.text, self.labels)]
            for line in lines_of([p for p in region.phrases if p.top > header_bottom])
        ]
        value_lines = [line for line in lines if line]
        rows: dict[str, dict[str, Phrase]] = {}
        for key, line in zip(("preceding", "movement", "close"), value_lines[:3]):
            rows[key] = self._assign(line, columns)
        out: list[IssuedClass] = []
        kinds = {"ord1": (Category.ORDINARY, 0), "ord2": (Category.ORDINARY, 1), "preference": (Category.PREFERENCE, 0), "other": (Category.OTHER, 0)}
        for column in columns:
            path = f"issued[{len(out)}]"
            balances = {
                key: IssuedBalance(issued=self.count(cells.get(column.name), f"{path}.{key}.issued", region.phrases[0].page))
                for key, cells in rows.items()
            }
            if not any(b.issued is not None and b.issued.value is not None for b in balances.values()):
                continue
            category, index = kinds[column.name]
            out.append(
                IssuedClass(
                    share_class=ShareClass(category=category, stock_code=codes.get((category, index))),
                    preceding=balances.get("preceding"),
                    movement=balances.get("movement"),
                    close=balances.get("close"),
                )
            )
        return tuple(out)

    def _issued_columns(self, region: PhraseIndex) -> tuple[list[Column], float]:
        """Section II's class columns and the bottom of their headings.

        The headings are stacks of phrases ("No. of other" over "classes of shares"); the
        ordinary heading spans two sub-columns, each named by its marker "(1)" or "(2)".
        """
        anchor = region.phrases[0] if region.phrases else None
        below = [p for p in region.phrases if anchor is None or abs(p.cy - anchor.cy) > TOL.label_line]
        bands = self._row_bands(below)
        first_row = min((r.first for r in bands.values()), key=lambda p: (p.page, p.top), default=None)
        header = [p for p in region.between(None, first_row).phrases if p in below] if first_row is not None else below
        named: dict[str, tuple[float, float, float]] = {}
        for x0, x1, members in _heading_stacks(header):
            text = fold(stack_text(members))
            if any(self.labels["issued.ord1"].search(p.text) for p in members):
                name = "ord1"
            elif any(self.labels["issued.ord2"].search(p.text) for p in members):
                name = "ord2"
            elif self.labels["issued.preference"].search(text):
                name = "preference"
            elif self.labels["issued.other"].search(text) or self.labels["issued.other"].search(text.replace(" ", "")):
                name = "other"
            else:
                continue
            if name not in named:
                named[name] = (x0, x1, max(p.bottom for p in members))
        order = ("ord1", "ord2", "preference", "other")
        columns = [Column(name, named[name][0], named[name][1]) for name in order if name in named]
        return columns, max((b for _, _, b in named.values()), default=0.0)
