"""The business rules of the taxonomy: XBRL Formula 1.0 value assertions and XBRL 2.1 calculations (docs/xbrl.md).

Each assertion is one rule of the catalogue (``return_xml.rules.catalogue``): its
``id`` is the rule's code (``RX-I-001``), its generic label is the code and the
rule's meaning, and its unsatisfied message starts with the code, so that
Arelle's verdict (message code ``message:RX-I-001``) and ``return-xml validate``
speak the same language.  Concepts are named through the facts-view path
patterns of ``concepts.CONCEPTS`` (``BY_PATTERN``): a rule on a concept the
table does not have fails when the taxonomy is generated.

Calculations are used only where XBRL 2.1 summation fits: items summed within one
context (one row of one class).  Their extended link role is named after the
rule (``.../role/RX-II-004``), which Arelle's ``calcInconsistency`` message
quotes.  Every other rule compares facts of different periods or dimensions and
is a value assertion:

- ``dimensional`` aspect model with implicit filtering: the facts of one
  evaluation share every aspect their filters do not cover, so a roll-forward
  is checked per class-of-shares member (``ShareClassAxis``) or per item
  (``ItemAxis``), and money only within one currency (unit);
- the balance at close and the one of the preceding month are found from the
  movement's duration (``pf:instantDuration``, end and start);
- money passes within the rule's tolerance or half a unit of the last digit
  the compared figure prints (its ``decimals``), as ``money_differs`` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from return_xml.rules.catalogue import RULES
from return_xml.rules.document import SECTIONS as DOCUMENT_SECTIONS
from return_xml.rules.findings import Severity
from return_xml.xbrl.concepts import BY_PATTERN, MONETARY, SHARES

# The taxonomy's namespace and prefix (taxonomy.py imports this module, so they are repeated here, and
# tests/test_xbrl_formula.py checks they agree).
_NAMESPACE, _PREFIX = "http://return-xml.invalid/taxonomy/mr/1", "mr"

# Assertion Severity 1.0: an assertion linked to the published sev:warning (severities.xml, which Arelle has
# offline; the spec allows no other target) logs its unsatisfied message as a warning. No link: an error.
_SEVERITY_ARCROLE = "http://xbrl.org/arcrole/2016/assertion-unsatisfied-severity"
_WARNING = "http://www.xbrl.org/2016/severities.xml#WARNING"

# Namespaces of the Formula 1.0 and generic-link vocabularies, with the schema of each (Arelle has them offline).
_SPECS = (
    ("generic", "http://xbrl.org/2008/generic", "http://www.xbrl.org/2008/generic-link.xsd"),
    ("variable", "http://xbrl.org/2008/variable", "http://www.xbrl.org/2008/variable.xsd"),
    ("va", "http://xbrl.org/2008/assertion/value", "http://www.xbrl.org/2008/value-assertion.xsd"),
    ("cf", "http://xbrl.org/2008/filter/concept", "http://www.xbrl.org/2008/concept-filter.xsd"),
    ("pf", "http://xbrl.org/2008/filter/period", "http://www.xbrl.org/2008/period-filter.xsd"),
    ("acf", "http://xbrl.org/2010/filter/aspect-cover", "http://www.xbrl.org/2010/aspect-cover-filter.xsd"),
    ("label", "http://xbrl.org/2008/label", "http://www.xbrl.org/2008/generic-label.xsd"),
    ("msg", "http://xbrl.org/2010/message", "http://www.xbrl.org/2010/generic-message.xsd"),
)
_ARCROLES = (
    ("http://xbrl.org/arcrole/2008/variable-set", "http://www.xbrl.org/2008/variable.xsd#variable-set"),
    ("http://xbrl.org/arcrole/2008/variable-filter", "http://www.xbrl.org/2008/variable.xsd#variable-filter"),
    ("http://xbrl.org/arcrole/2008/variable-set-precondition", "http://www.xbrl.org/2008/variable.xsd#variable-set-precondition"),
    ("http://xbrl.org/arcrole/2008/element-label", "http://www.xbrl.org/2008/generic-label.xsd#element-label"),
    ("http://xbrl.org/arcrole/2010/assertion-unsatisfied-message",
     "http://www.xbrl.org/2010/validation-message.xsd#assertion-unsatisfied-message"),
    (_SEVERITY_ARCROLE, "http://www.xbrl.org/2016/assertion-severity.xsd#assertion-unsatisfied-severity"),
)
_ROLES = (("http://www.xbrl.org/2008/role/label", "http://www.xbrl.org/2008/generic-label.xsd#standard-label"),
          ("http://www.xbrl.org/2010/role/message", "http://www.xbrl.org/2010/generic-message.xsd#standard-message"))


@dataclass(frozen=True)
class Variable:
    """A fact variable: the concepts it binds (facts-view patterns) and the aspects it covers beyond the concept.

    ``at`` places an instant variable at the ``start`` or ``end`` of another
    (duration) variable's period; ``cover`` names aspects (Formula aspect-cover
    names: ``unit``, ``dimensions``, ``all``) left out of the implicit matching;
    ``fallback`` is the XPath value when no fact binds.  A variable with
    ``select`` and no patterns is a general variable (an XPath over the others).
    """

    name: str
    patterns: tuple[str, ...]
    at: tuple[str, str] | None = None
    cover: tuple[str, ...] = ()
    sequence: bool = False
    fallback: str | None = None
    select: str | None = None


@dataclass(frozen=True)
class Assertion:
    """A value assertion of one rule: ``test`` and ``message`` are XPath 2.0 over the variables."""

    code: str
    variables: tuple[Variable, ...]
    test: str
    message: str
    precondition: str | None = None
    part: str | None = None  # set when a rule has more than one assertion: its id is ``<code>.<part>``

    @property
    def id(self) -> str:
        """The assertion's id (and xlink label): the rule's code, with the part when the rule has several."""
        return f"{self.code}.{self.part}" if self.part else self.code


def _tolerance(code: str, variable: str) -> str:
    """XPath: the money tolerance of rule ``code`` for the figure ``$variable``.

    ``max(tolerance, half a unit of the last printed digit)``, the digit read from
    the fact's ``decimals`` (the instance writes the decimals the figure prints, 0
    or more): XPath 2.0 has no power function, so the half unit is spelled out.
    """
    tolerance = RULES[code].tolerance
    assert tolerance is not None, f"{code} compares money and needs a tolerance in the catalogue"
    halves = " ".join(f"if (xfi:decimals(${variable}) eq {d}) then {max(tolerance, Decimal(5).scaleb(-d - 1))} else"
                      for d in (0, 1))
    return f"({halves} {tolerance})"


def _equal(code: str, expected: str, actual: str, kind: str) -> str:
    """XPath: ``$actual`` equals ``expected``: counts exactly, money within the rule's tolerance."""
    if kind == SHARES:
        return f"${actual} eq {expected}"
    return f"abs(${actual} - ({expected})) le {_tolerance(code, actual)}"


def _kind(pattern: str) -> str:
    return BY_PATTERN[pattern].kind


# Rules "close = preceding + movement": (code, list of the facts view, column).
ROLL_FORWARDS = (
    ("RX-I-001", "authorised[]", "shares"),
    ("RX-I-002", "authorised[]", "capital"),
    ("RX-II-001", "issued[]", "issued"),
    ("RX-II-002", "issued[]", "treasury"),
    ("RX-II-003", "issued[]", "total"),
)


def _roll_forward(code: str, prefix: str, column: str) -> Assertion:
    movement, preceding, close = (f"{prefix}.{row}.{column}" for row in ("movement", "preceding", "close"))
    return Assertion(
        code,
        (Variable("movement", (movement,)), Variable("preceding", (preceding,), ("movement", "start")),
         Variable("close", (close,), ("movement", "end"))),
        _equal(code, "$preceding + $movement", "close", _kind(close)),
        f"{code}: {BY_PATTERN[close].en} {{$close}} must equal preceding {{$preceding}} + movement {{$movement}}"
        " = {$preceding + $movement} (context {xfi:context($close)/@id})")


def _options_outstanding() -> Assertion:
    code = "RX-III-004"
    moves = ("granted", "exercised", "cancelled", "lapsed")
    variables = [Variable(m, (f"options[].movement.{m}",)) for m in moves]
    variables += [Variable("preceding", ("options[].outstanding.preceding",), ("granted", "start")),
                  Variable("close", ("options[].outstanding.close",), ("granted", "end"))]
    # Exercised, cancelled and lapsed take options away whatever their printed sign (the catalogue's note).
    expected = "$preceding + $granted - abs($exercised) - abs($cancelled) - abs($lapsed)"
    return Assertion(code, tuple(variables), _equal(code, expected, "close", SHARES),
                     f"{code}: options outstanding at close {{$close}} must equal {{$preceding}} + granted {{$granted}}"
                     " - exercised {$exercised} - cancelled {$cancelled} - lapsed {$lapsed}"
                     f" = {{{expected}}} (context {{xfi:context($close)/@id}})")


def _par_value() -> Assertion:
    code = "RX-I-003"
    rows = ("preceding", "close")
    # Shares, par value and capital of one row share an instant: one variable per column, binding either row.
    variables = tuple(Variable(name, tuple(f"authorised[].{row}.{column}" for row in rows), cover=("unit",))
                      for name, column in (("shares", "shares"), ("par", "par_value"), ("capital", "capital")))
    same_currency = ("xfi:measure-name(xfi:unit-numerator(xfi:unit($par))[1])"
                     " eq xfi:measure-name(xfi:unit-numerator(xfi:unit($capital))[1])")
    return Assertion(code, variables, _equal(code, "$shares * $par", "capital", MONETARY),
                     f"{code}: capital {{$capital}} must equal shares {{$shares}} x par value {{$par}} = {{$shares * $par}}"
                     " (context {xfi:context($capital)/@id})", precondition=same_currency)


def _authorised_total() -> Assertion:
    code = "RX-I-004"
    variables = (Variable("total", ("authorised_total[].amount",)),
                 Variable("capitals", ("authorised[].close.capital",), cover=("dimensions",), sequence=True))
    return Assertion(code, variables, _equal(code, "sum($capitals)", "total", MONETARY),
                     f"{code}: total authorised capital {{$total}} must equal the sum of the classes' capital at close"
                     " {sum($capitals)} (unit {xfi:unit($total)/@id})")


def _grand_total_is_movement(code: str, column: str) -> Assertion:
    variables = (Variable("total", (f"total_increase[].{column}",)), Variable("movement", (f"issued[].movement.{column}",)))
    return Assertion(code, variables, "$total eq $movement",
                     f"{code}: grand total {{$total}} must equal the section II movement {{$movement}} of the class"
                     " (context {xfi:context($total)/@id})")


def _section_totals(code: str, column: str) -> list[Assertion]:
    """One assertion per section of III: the section total of a class = the sum of its items of that class.

    An item is of the total's class unless both print a category and the categories
    differ (``same_class``: items print no class text).  Items carry the item
    dimension and totals the class one, so the items and their categories are
    bound whole (every aspect covered) and matched on their item number.
    """
    item_axis = f"QName('{_NAMESPACE}', '{_PREFIX}:ItemAxis')"
    number = f"string(xfi:fact-typed-dimension-value(., {item_axis}))"
    matching = ("for $i in $items return if (empty($category) or (every $c in $categories"
                f"[{number} eq string(xfi:fact-typed-dimension-value($i, {item_axis}))] satisfies string($c) eq string($category)))"
                " then $i else ()")
    assertions = []
    for items, totals, issued_field, treasury_field in DOCUMENT_SECTIONS:
        field = issued_field if column == "issued" else treasury_field
        if f"{items}[].{field}" not in BY_PATTERN:
            continue
        variables = (Variable("total", (f"{totals}[].{column}",)),
                     Variable("category", (f"{totals}[].category",), cover=("unit",), fallback="()"),
                     Variable("items", (f"{items}[].{field}",), cover=("all",), sequence=True),
                     Variable("categories", (f"{items}[].category",), cover=("all",), sequence=True, fallback="()"),
                     Variable("matching", (), sequence=True, select=matching))
        assertions.append(Assertion(
            code, variables, "$total eq sum($matching)",
            f"{code}: section total {{$total}} ({BY_PATTERN[f'{totals}[].{column}'].en}) must equal the sum of its items"
            " {sum($matching)} (context {xfi:context($total)/@id})", precondition="exists($matching)", part=items))
    return assertions


def _header() -> list[Assertion]:
    """RX-H-001 (the month ended is the last day of its month) and RX-H-002 (submitted after it): header dates."""
    end, submitted = Variable("end", ("period.end",)), Variable("submitted", ("submission.date",))
    # The last day of the month of $end: the 1st of that month, plus a month, less a day.
    last = ("(xs:date(concat(substring(string($end), 1, 7), '-01')) + xs:yearMonthDuration('P1M')"
            " - xs:dayTimeDuration('P1D'))")
    return [Assertion("RX-H-001", (end,), f"$end eq {last}",
                      f"RX-H-001: month ended {{$end}} must be the last day of its month ({{{last}}})"),
            Assertion("RX-H-002", (end, submitted), "$submitted gt $end",
                      "RX-H-002: date submitted {$submitted} must be after the month ended {$end}")]


def _options_delivered() -> Assertion:
    """RX-III-006 (a warning): per scheme, new shares issued (+ treasury shares transferred) = options exercised."""
    code = "RX-III-006"
    variables = (Variable("exercised", ("options[].movement.exercised",)), Variable("issued", ("options[].shares_issued",)),
                 Variable("treasury", ("options[].treasury_transferred",), fallback="0"))
    # An exercise may be printed signed (-450,000), as document.py reads it.
    return Assertion(code, variables, "$issued + $treasury eq abs($exercised)",
                     f"{code}: new shares issued {{$issued + $treasury}} differ from options exercised {{$exercised}}"
                     " (one share per option) (context {xfi:context($issued)/@id})")


ASSERTIONS: tuple[Assertion, ...] = (
    *_header(),
    *(_roll_forward(*rule) for rule in ROLL_FORWARDS[:2]),
    _par_value(),
    _authorised_total(),
    *(_roll_forward(*rule) for rule in ROLL_FORWARDS[2:]),
    _grand_total_is_movement("RX-II-005", "issued"),
    _grand_total_is_movement("RX-II-006", "treasury"),
    *_section_totals("RX-III-001", "issued"),
    *_section_totals("RX-III-002", "treasury"),
    _options_outstanding(),
    _options_delivered(),
)

# Calculations (XBRL 2.1 summation-item, weight 1, within one context): (code, [(total, [items])]).
CALCULATIONS: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    ("RX-II-004", tuple((f"issued[].{row}.total", (f"issued[].{row}.issued", f"issued[].{row}.treasury"))
                        for row in ("preceding", "movement", "close"))),
    ("RX-III-003", (("total_increase[].issued", tuple(f"{section}_total[].issued" for section in (
        "options", "warrants", "convertibles", "arrangements", "other_movements"))),)),
)


def calculation_roles() -> list[tuple[str, str]]:
    """(code, definition) of each calculation's extended link role, for the schema's roleTypes."""
    return [(code, f"{code}: {RULES[code].meaning}") for code, _ in CALCULATIONS]


def _loc(schema: str, prefix: str, pattern: str, label: str) -> str:
    return f'    <link:loc xlink:type="locator" xlink:href="{schema}#{prefix}_{BY_PATTERN[pattern].name}" xlink:label="{label}"/>'


def calculation(base: str, schema: str, prefix: str) -> str:
    """The calculation linkbase: one extended link per rule, role ``{base}role/<code>``."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<link:linkbase xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink">']
    lines += [f'  <link:roleRef roleURI="{base}role/{code}" xlink:type="simple" xlink:href="{schema}#{code}"/>' for code, _ in CALCULATIONS]
    for code, sums in CALCULATIONS:
        lines.append(f'  <link:calculationLink xlink:type="extended" xlink:role="{base}role/{code}">')
        patterns = dict.fromkeys(p for total, items in sums for p in (total, *items))
        lines += [_loc(schema, prefix, p, BY_PATTERN[p].name) for p in patterns]
        for total, items in sums:
            lines += [f'    <link:calculationArc xlink:type="arc" xlink:arcrole="http://www.xbrl.org/2003/arcrole/summation-item"'
                      f' xlink:from="{BY_PATTERN[total].name}" xlink:to="{BY_PATTERN[item].name}" weight="1" order="{n}"/>'
                      for n, item in enumerate(items, 1)]
        lines.append("  </link:calculationLink>")
    return "\n".join(lines + ["</link:linkbase>"]) + "\n"


def formula(namespace: str, prefix: str) -> str:
    """The formula linkbase: every assertion of ``ASSERTIONS`` with its variables, filters, label and message."""
    declarations = " ".join(f'xmlns:{p}="{ns}"' for p, ns, _ in _SPECS)
    locations = " ".join(f"{ns} {xsd}" for _, ns, xsd in _SPECS)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<link:linkbase xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"',
        f'  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" {declarations}',
        f'  xmlns:xfi="http://www.xbrl.org/2008/function/instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:{prefix}="{namespace}"',
        f'  xsi:schemaLocation="{locations}">',
        *(f'  <link:roleRef roleURI="{uri}" xlink:type="simple" xlink:href="{href}"/>' for uri, href in _ROLES),
        *(f'  <link:arcroleRef arcroleURI="{uri}" xlink:type="simple" xlink:href="{href}"/>' for uri, href in _ARCROLES),
        '  <generic:link xlink:type="extended" xlink:role="http://www.xbrl.org/2003/role/link">',
    ]
    for assertion in ASSERTIONS:
        lines += _assertion(assertion, prefix)
    return "\n".join(lines + ["  </generic:link>", "</link:linkbase>"]) + "\n"


def _arc(arcrole: str, source: str, target: str, extra: str = "", element: str = "generic:arc") -> str:
    return f'    <{element} xlink:type="arc" xlink:arcrole="{arcrole}" xlink:from="{source}" xlink:to="{target}"{extra}/>'


def _assertion(assertion: Assertion, prefix: str) -> list[str]:
    code, key = assertion.code, assertion.id
    lines = [f"    <!-- {escape(key)}: {escape(RULES[code].meaning)} -->",
             (f'    <va:valueAssertion xlink:type="resource" xlink:label="{key}" id="{key}" aspectModel="dimensional"'
             f' implicitFiltering="true" test={quoteattr(assertion.test)}/>'),
             (f'    <label:label xlink:type="resource" xlink:label="{key}_label" xlink:role="http://www.xbrl.org/2008/role/label"'
              f' xml:lang="en">{escape(code)}: {escape(RULES[code].meaning)}</label:label>'),
             _arc("http://xbrl.org/arcrole/2008/element-label", key, f"{key}_label"),
             (f'    <msg:message xlink:type="resource" xlink:label="{key}_message" xlink:role="http://www.xbrl.org/2010/role/message"'
              f' xml:lang="en">{escape(assertion.message)}</msg:message>'),
             _arc("http://xbrl.org/arcrole/2010/assertion-unsatisfied-message", key, f"{key}_message")]
    if RULES[code].severity is Severity.WARNING:
        lines += [f'    <link:loc xlink:type="locator" xlink:href="{_WARNING}" xlink:label="{key}_severity"/>',
                  _arc(_SEVERITY_ARCROLE, key, f"{key}_severity")]
    if assertion.precondition:
        lines += [(f'    <variable:precondition xlink:type="resource" xlink:label="{key}_precondition"'
                  f" test={quoteattr(assertion.precondition)}/>"),
                  _arc("http://xbrl.org/arcrole/2008/variable-set-precondition", key, f"{key}_precondition")]
    for variable in assertion.variables:
        label = f"{key}_{variable.name}"
        arc = _arc("http://xbrl.org/arcrole/2008/variable-set", key, label, f' name="{variable.name}"', "variable:variableArc")
        sequence = f' bindAsSequence="{str(variable.sequence).lower()}"'
        if variable.select:
            lines += [(f'    <variable:generalVariable xlink:type="resource" xlink:label="{label}"{sequence}'
                      f" select={quoteattr(variable.select)}/>"), arc]
            continue
        fallback = f" fallbackValue={quoteattr(variable.fallback)}" if variable.fallback else ""
        lines += [f'    <variable:factVariable xlink:type="resource" xlink:label="{label}"{sequence}{fallback}/>', arc,
                  f'    <cf:conceptName xlink:type="resource" xlink:label="{label}_concept">',
                  *(f"      <cf:concept><cf:qname>{prefix}:{BY_PATTERN[p].name}</cf:qname></cf:concept>" for p in variable.patterns),
                  "    </cf:conceptName>",
                  _filter_arc(label, f"{label}_concept")]
        if variable.at:
            other, boundary = variable.at
            lines += [f'    <pf:instantDuration xlink:type="resource" xlink:label="{label}_period" variable="{other}" boundary="{boundary}"/>',
                      _filter_arc(label, f"{label}_period")]
        if variable.cover:
            lines += [f'    <acf:aspectCover xlink:type="resource" xlink:label="{label}_cover">',
                      *(f"      <acf:aspect>{aspect}</acf:aspect>" for aspect in variable.cover),
                      "    </acf:aspectCover>",
                      _filter_arc(label, f"{label}_cover")]
    return lines


def _filter_arc(variable: str, target: str) -> str:
    return _arc("http://xbrl.org/arcrole/2008/variable-filter", variable, target, ' complement="false" cover="true"',
                "variable:variableFilterArc")
