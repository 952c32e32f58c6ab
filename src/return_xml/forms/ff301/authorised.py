"""Section I of an FF301 return: the authorised share capital of each class, and its total."""

from __future__ import annotations

from return_xml.forms.ff301.cells import money_pairs, split_money
from return_xml.forms.ff301.tables import BalanceRow, BlockTables
from return_xml.model import AuthorisedBalance, AuthorisedClass, FundsRaised
from return_xml.pdf import values as v
from return_xml.pdf.layout import value_right_of


class AuthorisedReading(BlockTables):
    """Section I (part of ``reader._Reading``)."""

    def authorised(self) -> tuple[AuthorisedClass, ...]:
        """One item per class block of section I: its balances preceding, movement and close."""
        return tuple(
            AuthorisedClass(
                share_class=self.share_class(block, path),
                preceding=balances.get("preceding"),
                movement=balances.get("movement"),
                close=balances.get("close"),
                # why the stop: the last block runs on to the section's end, over the total line below it
                remarks=self.remarks(block, stop_key="authorised_total"),
            )
            for block, path, balances in self.balanced_blocks("I", "authorised", _authorised_balance)
        )

    def authorised_total(self) -> tuple[FundsRaised, ...]:
        """The total authorised share capital, one item per currency printed."""
        region = self.section("I")
        if region is None:
            return ()
        label = region.first(self.labels["authorised_total"])
        if label is None:
            return ()
        phrase = value_right_of(region.page_of(label), label)
        return tuple(
            FundsRaised(
                currency=v.currency(phrase, token=code, field=f"authorised_total[{j}].currency", page=label.page),
                amount=v.amount(phrase, token=figure, field=f"authorised_total[{j}].amount", page=label.page),
            )
            for j, (code, figure) in enumerate(money_pairs(phrase))
        )


def _authorised_balance(row: BalanceRow, path: str) -> AuthorisedBalance:
    cells, page = row.cells, row.page
    par_currency, par_value = split_money(cells.get("par_value"))
    capital_currency, capital = split_money(cells.get("capital"))
    return AuthorisedBalance(
        shares=v.count(cells.get("shares"), field=f"{path}.shares", page=page),
        par_value_currency=v.currency(cells.get("par_value"), token=par_currency, field=f"{path}.par_value", page=page),
        par_value=v.amount(cells.get("par_value"), token=par_value, field=f"{path}.par_value", page=page),
        capital_currency=v.currency(cells.get("capital"), token=capital_currency, field=f"{path}.capital", page=page),
        capital=v.amount(cells.get("capital"), token=capital, field=f"{path}.capital", page=page),
    )
