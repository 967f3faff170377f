"""Step-by-step explanations of the equilibria of a game, written as a good student would.

An :class:`Explanation` holds the facts of the derivation as data (so that they can be
checked) and, alongside, the same reasoning as prose, rendered as plain text, Markdown,
LaTeX or HTML.  Every fact is taken from, and checked against, the exact engines of
:mod:`leverage.solve`: the explanation never finds an equilibrium the solver did not
report, nor misses one.

Mathematics
-----------
1. **Best responses.**  Strategy ``s`` of player ``i`` is a best response to the others'
   pure profile ``t`` when ``u_i(s, t) ≥ u_i(s', t)`` for every ``s'``
   (:func:`leverage.solve.bestresponse.best_responses`).
2. **Iterated elimination of strictly dominated strategies**
   (:func:`leverage.solve.dominance.iterated_elimination`): a strategy ``s`` is strictly
   dominated by a pure or mixed ``σ`` when ``Σ_k σ_k u_i(k, t) > u_i(s, t)`` against every
   remaining profile ``t`` of the others; each comparison is written out.
3. **Pure equilibria**: the profiles at which every player best-responds.
4. **Mixed equilibria** (two players).  Let ``(x, y)`` be an equilibrium reported by the
   exact solver.  Column's ``y`` makes Row indifferent among Row's best responses ``W``:
   ``u_1(r, y) = u_1(r', y)`` for ``r, r' ∈ W``, with ``Σ_k y_k = 1``.  In a nondegenerate
   game ``W`` is Row's support and the system is square; in a degenerate one the reported
   equilibria are vertices of the best-response polytopes, so the equations of some
   ``W' ⊆ W`` determine ``y`` uniquely (von Stengel 2007, §3.5): ``W'`` starts with Row's
   support and adds best responses outside it until the system has full rank.  The system
   is solved exactly with sympy and must give the solver's ``y``.  The support condition,
   ``u_1(r, y) ≤ v_1`` for every ``r`` outside Row's support, is then checked
   (Osborne 2004, Prop. 116.2), and likewise for Column.
5. **Comparison.**  Pareto dominance among the reported equilibria; for 2×2 games with two
   strict pure equilibria, risk dominance: ``(r, c)`` risk-dominates ``(r', c')`` when the
   product of the players' losses from deviating alone is larger at ``(r, c)``
   (Harsanyi & Selten 1988, §3.9).  Degenerate games have continua of equilibria: their
   maximal convex components (Millham 1974; Winkels 1979) are described.
6. **Symbolic explanations** (:func:`explain_model` with ``symbolic=True``).  The same
   derivation with the model's payoff expressions: every ordering used (best responses,
   dominance, the sign of each probability, the support conditions) is stated as an
   inequality between expressions of the parameters that holds at the given values;
   with a *focus* parameter (by default ``interdependence_cost`` when the model has it)
   each inequality is also solved for that parameter, the others held at their values,
   and the interval containing its value is reported.  Mixed-equilibrium probabilities
   and payoffs are the closed-form solutions of the same indifference systems, simplified,
   and checked equal, at the values, to the exact numeric solution.

References
----------
- M. J. Osborne, *An Introduction to Game Theory*, Oxford University Press (2004), ch. 2-4.
- R. Gibbons, *Game Theory for Applied Economists*, Princeton University Press (1992), §1.1-1.3.
- J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium Selection in Games*, MIT
  Press (1988), §3.9.
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in *Algorithmic Game Theory*, ch. 3, Cambridge University Press (2007).
"""

from __future__ import annotations

import html
import itertools
import json
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy
from sympy.printing.str import StrPrinter

from ..errors import ParameterError, UnsupportedError
from ..expr import symbol
from ..formats.strategic import (
    latex_document,
    strategic_html,
    strategic_latex,
    strategic_markdown,
    strategic_text,
)
from ..formats.text import decimal, latex_escape
from ..game import Game
from ..solve.bestresponse import best_responses

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Model
    from ..solve.result import Solution

__all__ = [
    "DETAIL_LIMIT",
    "BestResponse",
    "Comparison",
    "Condition",
    "DominanceStep",
    "EquilibriumSummary",
    "Explanation",
    "Indifference",
    "MixedEquilibrium",
    "PureEquilibrium",
    "SupportCheck",
    "explain",
    "explain_model",
]

Number = Fraction | float

DETAIL_LIMIT = 4
"""Games with more strategies than this for some player get a summary: best responses,
dominance comparisons and indifference algebra are not written out one by one."""

WIDTH = 80


# =========================================================================== document model
@dataclass(frozen=True)
class _Sum:
    """An unevaluated sum of products ``c₁·f₁ + c₂·f₂ + …`` (an expected payoff)."""

    terms: tuple[tuple[Any, Any], ...]


@dataclass(frozen=True)
class _Chain:
    """``a₀ r₁ a₁ r₂ a₂ …`` with relations ``=``, ``>``, ``>=``, ``=>``, ``<=>`` …"""

    items: tuple[Any, ...]
    relations: tuple[str, ...]


@dataclass(frozen=True)
class _Raw:
    """Mathematics already rendered: plain text and LaTeX."""

    text: str
    latex: str


@dataclass(frozen=True)
class _Math:
    """Inline mathematics inside a paragraph."""

    value: Any


@dataclass(frozen=True)
class _Para:
    parts: tuple[Any, ...]  # str (prose) or _Math


@dataclass(frozen=True)
class _Line:
    """One line of a derivation: an optional label, a lead (``"=>"``), the mathematics."""

    math: Any
    label: str = ""
    lead: str = ""


@dataclass(frozen=True)
class _Display:
    """Lines of mathematics (:class:`_Line`), each shown on its own line."""

    lines: tuple[_Line, ...]


@dataclass(frozen=True)
class _Items:
    """A bullet list; each item is a tuple of parts like a paragraph, and may have sub-items
    (``children[k]`` belongs to ``items[k]``)."""

    items: tuple[tuple[Any, ...], ...]
    children: tuple[tuple[tuple[Any, ...], ...], ...] = ()

    def sub(self, k: int) -> tuple[tuple[Any, ...], ...]:
        """The sub-items of item ``k``."""
        return self.children[k] if k < len(self.children) else ()


@dataclass(frozen=True)
class _Table:
    """The payoff table of the game, with best responses (and equilibria) marked."""

    symbolic: bool = False


@dataclass(frozen=True)
class _Section:
    title: str
    blocks: tuple[Any, ...]


def _para(*parts: Any) -> _Para:
    return _Para(tuple(parts))


def _m(value: Any) -> _Math:
    return _Math(value)


# =========================================================================== structured facts
@dataclass(frozen=True)
class Condition:
    """An ordering between two payoff expressions, true at the parameter values.

    Attributes
    ----------
    better, worse
        The two sides (sympy expressions of parameters and defined quantities).
    relation
        ``">"`` or ``"="``: how ``better`` compares with ``worse`` at the values.
    left, right
        The same condition rearranged, positive terms on each side:
        ``left relation right`` holds iff ``better relation worse`` does (given the sign
        of ``denominator``).
    denominator
        When ``better - worse`` is a fraction with a non-constant denominator: that
        denominator, signed so that it is positive at the values; else ``None``.
    values
        ``better`` and ``worse`` at the parameter values (exact).
    identical
        Whether ``better - worse`` is identically zero (equal whatever the parameters).
    focus
        The parameter the condition is solved for, when it depends on it.
    focus_condition, focus_latex
        The condition on ``focus`` with the other parameters held at their values, as text
        and LaTeX (``"interdependence_cost > 10923/12500"``), or a sentence when it holds
        on the whole range of ``focus`` (``focus_latex`` is then ``None``).
    """

    better: Any
    worse: Any
    relation: str
    left: Any
    right: Any
    denominator: Any
    values: tuple[Any, Any]
    identical: bool = False
    focus: str | None = None
    focus_condition: str | None = None
    focus_latex: str | None = None

    @property
    def difference(self) -> Any:
        """``better - worse`` at the values."""
        return self.values[0] - self.values[1]


@dataclass(frozen=True)
class BestResponse:
    """A player's best responses to one profile of the others' pure strategies.

    Attributes
    ----------
    player
        The player.
    against
        The full profile with ``None`` at ``player``'s position.
    best
        Indices of the best responses.
    payoffs
        The player's payoff from each of its strategies against ``against``.
    conditions
        Symbolic explanations only: for each best response ``b`` and each other strategy
        ``s``, the condition ``u(b) > u(s)`` (or ``=`` for ties) on the parameters.
    """

    player: int
    against: tuple[int | None, ...]
    best: tuple[int, ...]
    payoffs: tuple[Number, ...]
    conditions: tuple[tuple[int, int, Condition], ...] = ()


@dataclass(frozen=True)
class Comparison:
    """One payoff comparison of a dominance step: against one profile of the others.

    Attributes
    ----------
    against
        The others' profile, ``None`` at the player's position.
    dominator, dominated
        The (expected) payoff of the dominating strategy and of the dominated one.
    condition
        Symbolic explanations only: the same inequality on the parameters.
    """

    against: tuple[int | None, ...]
    dominator: Number
    dominated: Number
    condition: Condition | None = None


@dataclass(frozen=True)
class DominanceStep:
    """One eliminated strategy, with the comparisons that justify it.

    Attributes
    ----------
    round, player, strategy, dominated_by
        As in :class:`leverage.solve.dominance.Elimination` (``dominated_by`` holds
        ``(strategy, weight)`` pairs; one pair of weight 1 for a pure dominator).
    comparisons
        Against each remaining profile of the others at the start of the round
        (empty in summary mode).
    """

    round: int
    player: int
    strategy: int
    dominated_by: tuple[tuple[int, Fraction], ...]
    comparisons: tuple[Comparison, ...]


@dataclass(frozen=True)
class PureEquilibrium:
    """A pure equilibrium: a cell where every player best-responds.

    Attributes
    ----------
    index
        Its position in the solver's list of equilibria.
    profile
        The strategy of each player.
    payoffs
        The payoffs there.
    """

    index: int
    profile: tuple[int, ...]
    payoffs: tuple[Number, ...]


@dataclass(frozen=True)
class Indifference:
    """How one player's mixture is found: it makes the other player indifferent.

    Attributes
    ----------
    player
        The mixing player (whose probabilities are solved for).
    opponent
        The player made indifferent.
    support
        The mixing player's strategies played with positive probability.
    indifferent_among
        The opponent's strategies whose expected payoffs are equated (the system solved).
    also_equal
        The opponent's other strategies that earn the same at the solution (degenerate
        games only).
    variables
        The unknowns (sympy symbols): one fewer than ``support``; the last strategy gets
        one minus the others.
    expected
        For each opponent strategy in ``indifferent_among``: its expected payoff as a
        function of ``variables`` (sympy).
    solution
        The probabilities of ``support``, in order.
    value
        The opponent's payoff at the solution (its equilibrium payoff when it is the
        opponent's best).
    formulas, value_formula
        Symbolic explanations only: the probabilities and the value as closed forms in
        the parameters.
    """

    player: int
    opponent: int
    support: tuple[int, ...]
    indifferent_among: tuple[int, ...]
    also_equal: tuple[int, ...]
    variables: tuple[Any, ...]
    expected: tuple[Any, ...]
    solution: tuple[Number, ...]
    value: Number
    formulas: tuple[Any, ...] | None = None
    value_formula: Any = None


@dataclass(frozen=True)
class SupportCheck:
    """A strategy outside a player's support does no better than the equilibrium payoff.

    Attributes
    ----------
    player, strategy
        The player and its unused strategy.
    payoff
        That strategy's expected payoff against the other's equilibrium mixture.
    equilibrium_payoff
        The player's equilibrium payoff (at least ``payoff``).
    condition
        Symbolic explanations only.
    """

    player: int
    strategy: int
    payoff: Number
    equilibrium_payoff: Number
    condition: Condition | None = None


@dataclass(frozen=True)
class MixedEquilibrium:
    """A mixed equilibrium and its derivation.

    Attributes
    ----------
    index
        Its position in the solver's list of equilibria.
    strategies, payoffs
        As reported by the solver.
    derivations
        One :class:`Indifference` per player (empty in summary mode).
    checks
        The support conditions.
    positivity
        Symbolic explanations only: ``(player, strategy, Condition)`` stating that each
        probability in the support is positive.
    payoff_formulas
        Symbolic explanations only: each player's payoff as a closed form.
    """

    index: int
    strategies: tuple[tuple[Number, ...], ...]
    payoffs: tuple[Number, ...]
    derivations: tuple[Indifference, ...]
    checks: tuple[SupportCheck, ...]
    positivity: tuple[tuple[int, int, Condition], ...] = ()
    payoff_formulas: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class EquilibriumSummary:
    """Payoffs and selection properties of one reported equilibrium.

    Attributes
    ----------
    index, kind, strategies, payoffs
        As reported by the solver.
    pareto_dominated_by
        Indices of the reported equilibria that Pareto-dominate this one.
    risk_dominant
        The solver's flag (2×2 games with two strict pure equilibria), else ``None``.
    nash_product
        For those games: the product of the players' losses from deviating alone here.
    """

    index: int
    kind: str
    strategies: tuple[tuple[Number, ...], ...]
    payoffs: tuple[Number, ...]
    pareto_dominated_by: tuple[int, ...]
    risk_dominant: bool | None
    nash_product: Number | None = None
    nash_product_formula: Any = None


@dataclass(frozen=True)
class Explanation:
    """A worked explanation of a game's equilibria: structured facts plus the reasoning.

    Attributes
    ----------
    game
        The game explained.
    solution
        The solver's result the explanation derives (the authority).
    symbolic
        Whether the derivation is in terms of the model's parameters.
    detailed
        ``False`` for large games, which get a summary.
    best_responses
        Every (player, others' profile) with its best responses (empty in summary mode).
    dominance
        The eliminated strategies with their comparisons, in the engine's order.
    remaining
        The strategies surviving iterated strict dominance.
    pure_equilibria, mixed_equilibria
        The equilibria with their derivations.
    summaries
        One per reported equilibrium: payoffs, Pareto dominance, risk dominance.
    degenerate
        The solver's flag (``None`` for three or more players).
    components
        Degenerate two-player games: the maximal convex components.
    focus
        The parameter conditions are solved for (symbolic explanations).
    """

    game: Game
    solution: Solution
    symbolic: bool
    detailed: bool
    best_responses: tuple[BestResponse, ...]
    dominance: tuple[DominanceStep, ...]
    remaining: tuple[tuple[int, ...], ...]
    pure_equilibria: tuple[PureEquilibrium, ...]
    mixed_equilibria: tuple[MixedEquilibrium, ...]
    summaries: tuple[EquilibriumSummary, ...]
    degenerate: bool | None
    components: tuple[Any, ...] | None
    focus: str | None = None
    symbolic_payoffs: tuple[np.ndarray, ...] | None = None
    defines: dict[str, Any] = field(default_factory=dict)
    sections: tuple[_Section, ...] = ()

    # ------------------------------------------------------------------ convenience
    @property
    def title(self) -> str:
        """The game's title."""
        return self.game.title

    @property
    def eliminated(self) -> tuple[tuple[int, int], ...]:
        """``(player, strategy)`` of every eliminated strategy, in elimination order."""
        return tuple((s.player, s.strategy) for s in self.dominance)

    # ------------------------------------------------------------------ renderings
    def to_text(self, *, width: int = WIDTH) -> str:
        """The explanation as plain text for a terminal (``width`` columns)."""
        return _TextRenderer(self, width).render()

    def to_markdown(self) -> str:
        """The explanation as Markdown (derivations in fenced code blocks)."""
        return _MarkdownRenderer(self).render()

    def to_latex(self, *, standalone: bool = True, style: str = "sgame") -> str:
        """The explanation as LaTeX.

        Parameters
        ----------
        standalone
            A complete document (compiles on its own with ``pdflatex``) rather than a
            fragment to ``\\input``.
        style
            ``"sgame"`` (the ``sgame`` package's game tables) or ``"tabular"``.

        Raises
        ------
        ParameterError
            For an unknown ``style``.
        """
        if style not in ("sgame", "tabular"):
            raise ParameterError(f"unknown LaTeX style {style!r}; choose sgame or tabular")
        body = _LatexRenderer(self, style).render()
        if not standalone:
            return body
        doc = latex_document(body, title=f"Explaining: {self.title}" if self.title else None)
        layout = "\\setlength{\\parindent}{0pt}\\setlength{\\parskip}{0.6\\baselineskip}"
        if "amsmath" not in doc:
            layout = "\\usepackage{amsmath}\n" + layout
        return doc.replace("\\begin{document}", layout + "\n\\begin{document}", 1)

    def to_html(self) -> str:
        """The explanation as an HTML fragment (every text escaped) for a report page."""
        return _HtmlRenderer(self).render()

    def to_dict(self) -> dict[str, Any]:
        """The facts as a JSON-ready dictionary (exact numbers as rational strings)."""
        return _to_dict(self)


# =========================================================================== numbers and text
def _sym(v: Any) -> Any:
    """A number as a sympy number (Fractions exactly)."""
    if isinstance(v, Fraction):
        return sympy.Rational(v.numerator, v.denominator)
    if isinstance(v, (int, np.integer)):
        return sympy.Integer(int(v))
    if isinstance(v, (float, np.floating)):
        return sympy.Float(float(v))
    return v


def _frac(v: Any) -> Fraction:
    if isinstance(v, Fraction):
        return v
    if isinstance(v, sympy.Rational):
        return Fraction(int(v.p), int(v.q))
    return Fraction(v)


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _join(words: Sequence[str], conj: str = "and") -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    if len(words) == 2:
        return f"{words[0]} {conj} {words[1]}"
    return ", ".join(words[:-1]) + f", {conj} {words[-1]}"


class _TextPrinter(StrPrinter):
    """Plain-text mathematics: ``96·q/25 - 96/25``, model-language function names."""

    def _print_Rational(self, expr: Any) -> str:
        return f"{expr.p}/{expr.q}" if expr.q != 1 else str(expr.p)

    def _print_Float(self, expr: Any) -> str:
        text = f"{float(expr):.6g}"
        return "0" if text == "-0" else text

    def _print_Max(self, expr: Any) -> str:
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Min(self, expr: Any) -> str:
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Abs(self, expr: Any) -> str:
        return "abs(" + self._print(expr.args[0]) + ")"


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def _expr_text(e: Any) -> str:
    if isinstance(e, Fraction):
        return str(e)
    if isinstance(e, (float, np.floating)):
        return _TextPrinter()._print_Float(e)
    text = str(_TextPrinter().doprint(e))
    return text.replace("**", "^").replace("*", "·")


def _latex_symbol(name: str) -> str:
    if len(name) == 1:
        return name
    if name[1:].isdigit():  # p₁, q₂ … (subscript digits)
        return f"{name[0]}_{{{name[1:].translate(_DIGITS)}}}"
    return "\\mathit{" + name.replace("_", "\\_") + "}"


def _expr_latex(e: Any, inline: bool = False) -> str:
    """An expression in LaTeX; ``inline``: a fraction of expressions as ``(a)/(b)``."""
    if isinstance(e, Fraction):
        e = _sym(e)
    if isinstance(e, (float, np.floating, sympy.Float)):
        return _TextPrinter()._print_Float(e)
    names = {s: _latex_symbol(s.name) for s in getattr(e, "free_symbols", ())}
    e = e.xreplace({f: sympy.Symbol(_TextPrinter()._print_Float(f)) for f in e.atoms(sympy.Float)})
    if inline and e.free_symbols:
        num, den = sympy.fraction(e)
        if den.free_symbols:
            sign = "-" if num.could_extract_minus_sign() else ""
            num = -num if sign else num
            parts = [_expr_latex(num), _expr_latex(den)]
            parts = [f"({p})" if " " in p else p for p in parts]  # breakable, unlike \\left
            return f"{sign}{parts[0]} / {parts[1]}"
    return str(sympy.latex(e, symbol_names=names, mul_symbol="dot"))


def _is_compound(e: Any) -> bool:
    """Whether ``e`` needs parentheses as a factor."""
    if isinstance(e, _Raw):
        return " " in e.text
    if isinstance(e, Fraction):
        return e < 0 or e.denominator != 1
    if isinstance(e, (float, np.floating)):
        return bool(e < 0)
    if isinstance(e, sympy.Basic):
        if e.is_Number:
            return bool(e < 0) or not e.is_Integer
        return bool(e.is_Add) or e.could_extract_minus_sign()
    return False


_REL_TEXT = {">=": "≥", "<=": "≤", "=>": "⇒", "<=>": "⇔", "!=": "≠"}
_REL_LATEX = {
    ">=": "\\ge",
    "<=": "\\le",
    "=>": "\\;\\Rightarrow\\;",
    "<=>": "\\;\\Leftrightarrow\\;",
    "!=": "\\neq",
}


def _math_text(x: Any) -> str:
    if isinstance(x, _Sum):
        out = []
        for c, f in x.terms:
            ct, ft = _math_text(c), _math_text(f)
            out.append(
                ("(" + ct + ")" if _is_compound(c) else ct)
                + "·"
                + ("(" + ft + ")" if _is_compound(f) else ft)
            )
        return " + ".join(out) if out else "0"
    if isinstance(x, _Chain):
        parts = [_math_text(x.items[0])]
        for rel, item in zip(x.relations, x.items[1:], strict=True):
            parts.append(_REL_TEXT.get(rel, rel))
            parts.append(_math_text(item))
        return " ".join(parts)
    if isinstance(x, _Raw):
        return x.text
    if isinstance(x, str):
        return x
    if isinstance(x, tuple):
        return "(" + ", ".join(_math_text(v) for v in x) + ")"
    return _expr_text(x)


def _math_latex(x: Any, inline: bool = False) -> str:
    if isinstance(x, _Sum):
        out = []
        for c, f in x.terms:
            ct, ft = _math_latex(c, inline), _math_latex(f, inline)
            left, right = ("(", ")") if inline else ("\\left(", "\\right)")
            if _is_compound(c):
                ct = left + ct + right
            if _is_compound(f):
                ft = left + ft + right
            out.append(ct + " \\cdot " + ft)
        return " + ".join(out) if out else "0"
    if isinstance(x, _Chain):
        parts = [_math_latex(x.items[0], inline)]
        for rel, item in zip(x.relations, x.items[1:], strict=True):
            parts.append(_REL_LATEX.get(rel, rel))
            parts.append(_math_latex(item, inline))
        return " ".join(parts)
    if isinstance(x, _Raw):
        return x.latex
    if isinstance(x, str):
        return "\\text{" + latex_escape(x) + "}"
    if isinstance(x, tuple):
        return "(" + ", ".join(_math_latex(v, inline) for v in x) + ")"
    return _expr_latex(x, inline)


# =========================================================================== the builder
class _Builder:
    """Derives every fact and writes the narrative; one instance per explanation."""

    def __init__(
        self,
        game: Game,
        model: Model | None,
        values: Mapping[str, Fraction] | None,
        symbolic: bool,
        focus: str | None,
    ) -> None:
        self.game = game
        self.exact = game.exact
        self.u = game.exact_payoffs()
        self.n = game.n_players
        if self.n < 2:
            raise UnsupportedError("an explanation needs a game with at least two players")
        self.names = game.players
        self.labels = game.strategies
        self.detailed = max(game.shape) <= DETAIL_LIMIT and int(np.prod(game.shape)) <= 64
        if self.n == 2:
            self.solution = game.equilibria(components=True)
        else:
            self.solution = game.equilibria(method="pure")
        if game.exact:
            self.exact_solution = self.solution
        else:
            self.exact_solution = game.as_exact().equilibria(
                method="auto" if self.n == 2 else "pure"
            )
        self.symbolic = symbolic and model is not None
        self.model = model
        self.focus = focus if self.symbolic else None
        if self.symbolic and model is not None:
            self.sym_u = model.symbolic_payoffs()
            self.define_subs: dict[Any, Any] = {}
            for name, expr in model.defines.items():
                self.define_subs[symbol(name)] = expr.xreplace(self.define_subs)
            vals = dict(values or {})
            self.value_subs = {symbol(k): _sym(v) for k, v in vals.items()}
            self.values = vals

    # ------------------------------------------------------------------ helpers
    def num(self, v: Any) -> Number:
        """An exact value as the game reports it (float for float games)."""
        v = _frac(v)
        return v if self.exact else float(v)

    def show(self, v: Any) -> Any:
        """A value for display (a sympy number; a Float for float games)."""
        if isinstance(v, sympy.Basic) and not v.is_Number:
            return (
                v
                if self.exact
                else v.xreplace({r: sympy.Float(float(r)) for r in v.atoms(sympy.Rational)})
            )
        f = _frac(v)
        return _sym(f) if self.exact else sympy.Float(float(f))

    def value_parts(self, v: Any) -> list[Any]:
        """A value for prose: exact in math, with its decimal when the fraction is long
        (``17500/18173 (≈ 0.963)``)."""
        f = _frac(v)
        parts: list[Any] = [_m(self.show(f))]
        if self.exact and f.denominator > 10:
            short = decimal(f)
            parts.append(f" (= {short})" if "/" not in short else f" (≈ {float(f):.4g})")
        return parts

    def mixture_parts(self, player: int, probs: Sequence[Any]) -> list[Any]:
        """``Calibrate 1/4, Overreach 3/4``; a pure strategy is just its label."""
        used = [(k, p) for k, p in enumerate(probs) if p]
        if len(used) == 1:
            return [self.labels[player][used[0][0]]]
        parts: list[Any] = []
        for n, (k, p) in enumerate(used):
            parts += [("" if n == 0 else ", ") + f"{self.labels[player][k]} ", *self.value_parts(p)]
        return parts

    def profile_parts(self, strategies: Sequence[Sequence[Any]]) -> list[Any]:
        """Each player's mixture, ``China Calibrate; US Hold 1/2, Escalate 1/2``."""
        parts: list[Any] = []
        for i, probs in enumerate(strategies):
            parts += [("" if i == 0 else "; ") + f"{self.names[i]} "]
            parts += self.mixture_parts(i, probs)
        return parts

    def payoffs_math(self, values: Sequence[Any]) -> _Math:
        """Payoffs as a vector ``(a, b)``."""
        return _m(tuple(self.show(v) for v in values))

    def at_values(self, expr: Any) -> Any:
        """A symbolic expression evaluated exactly at the parameter values."""
        e = sympy.sympify(expr).xreplace(self.define_subs).xreplace(self.value_subs)
        return e if e.is_Rational else sympy.simplify(e)

    def strategy(self, player: int, k: int) -> str:
        return self.labels[player][k]

    def against_text(self, player: int, profile: Sequence[int | None]) -> str:
        others = [self.labels[j][k] for j, k in enumerate(profile) if j != player and k is not None]
        if len(others) == 1:
            return others[0]
        return "(" + ", ".join(others) + ")"

    def profile_text(self, profile: Sequence[int]) -> str:
        return "(" + ", ".join(self.labels[j][k] for j, k in enumerate(profile)) + ")"

    @staticmethod
    def full(player: int, own: int, against: Sequence[int | None]) -> tuple[int, ...]:
        prof = list(against)
        prof[player] = own
        return tuple(int(k) for k in prof)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ symbolic conditions
    def condition(self, better: Any, worse: Any) -> Condition:
        """The condition ``better > worse`` (or ``=``) that holds at the values."""
        better, worse = sympy.sympify(better), sympy.sympify(worse)
        values = (self.at_values(better), self.at_values(worse))
        diff = values[0] - values[1]
        relation = "=" if diff == 0 else ">" if bool(diff > 0) else "<"
        if relation == "<":  # pragma: no cover - callers pass the better side first
            raise RuntimeError(f"condition {better} > {worse} fails at the values")
        fraction = sympy.cancel(sympy.together(better - worse))
        num, den = sympy.fraction(fraction)
        denominator = None
        if den.free_symbols:
            if bool(self.at_values(den) < 0):
                num, den = -num, -den
            denominator = sympy.expand(den)
        elif den != 1:
            num = num / den
        pos: list[Any] = []
        neg: list[Any] = []
        for term in sympy.Add.make_args(sympy.expand(num)):
            (neg if term.could_extract_minus_sign() else pos).append(term)
        identical = sympy.expand(num) == 0
        focus_text, focus_latex = (None, None) if identical else self.solve_focus(num, relation)
        return Condition(
            better=better,
            worse=worse,
            relation=relation,
            left=sympy.Add(*pos),
            right=-sympy.Add(*neg),
            denominator=denominator,
            values=values,
            identical=identical,
            focus=self.focus if focus_text else None,
            focus_condition=focus_text,
            focus_latex=focus_latex,
        )

    def solve_focus(self, diff: Any, relation: str) -> tuple[str | None, str | None]:
        """The condition ``diff relation 0`` on the focus parameter, the others held."""
        if not self.focus or relation not in (">", "=") or self.model is None:
            return None, None
        t = symbol(self.focus)
        others = {k: v for k, v in self.value_subs.items() if k != t}
        expr = sympy.sympify(diff).xreplace(self.define_subs).xreplace(others)
        if t not in expr.free_symbols:
            return None, None
        p = self.model.parameters[self.focus]
        low, high = _sym(p.low), _sym(p.high)
        t0 = self.value_subs[t]
        name_t, name_l = self.focus, _latex_symbol(self.focus)
        try:
            expr = sympy.cancel(sympy.together(expr))
            num, den = sympy.fraction(expr)
            if sympy.Poly(num, t).degree() > 4 or sympy.Poly(den, t).degree() > 4:
                return None, None
            if relation == "=":
                return (f"{name_t} = {_expr_text(t0)}", f"{name_l} = {_expr_latex(t0)}")
            solved = sympy.solve_univariate_inequality(expr > 0, t, relational=False)
        except (NotImplementedError, ValueError, TypeError, sympy.PolynomialError):
            return None, None
        pieces = solved.args if isinstance(solved, sympy.Union) else (solved,)
        for piece in pieces:
            if not isinstance(piece, sympy.Interval) or not piece.contains(t0):
                continue
            if piece.start <= low and piece.end >= high:
                if (piece.start < low or not piece.left_open) and (
                    piece.end > high or not piece.right_open
                ):
                    return (
                        f"for every {name_t} in its range [{decimal(_frac(low))}, "
                        f"{decimal(_frac(high))}]",
                        None,
                    )
            rels_t, rels_l = [], []
            if piece.start > -sympy.oo and piece.start > low:
                op = ">" if piece.left_open else ">="
                rels_t.append(f"{name_t} {_REL_TEXT.get(op, op)} {_expr_text(piece.start)}")
                rels_l.append(f"{name_l} {_REL_LATEX.get(op, op)} {_expr_latex(piece.start)}")
            if piece.end < sympy.oo and piece.end < high:
                op = "<" if piece.right_open else "<="
                rels_t.append(f"{name_t} {_REL_TEXT.get(op, op)} {_expr_text(piece.end)}")
                rels_l.append(f"{name_l} {_REL_LATEX.get(op, op)} {_expr_latex(piece.end)}")
            if not rels_t:  # pragma: no cover - handled above
                return None, None
            return " and ".join(rels_t), " \\text{ and } ".join(rels_l)
        return None, None

    def condition_parts(self, cond: Condition) -> list[Any]:
        """Prose and math stating a condition, its rearranged form and where it holds."""
        rel = cond.relation
        parts: list[Any] = [_m(_Chain((cond.better, cond.worse), (rel,)))]
        if cond.identical:
            return [*parts, " (equal whatever the parameters)"]
        rearranged = (cond.left, cond.right)
        shorter = len(_math_text(_Chain(rearranged, (rel,)))) < len(
            _math_text(_Chain((cond.better, cond.worse), (rel,)))
        )
        if shorter or (cond.right == 0 and cond.worse != 0):
            parts += [", i.e. ", _m(_Chain(rearranged, (rel,)))]
            if cond.denominator is not None:
                parts += [" (the denominator ", _m(cond.denominator), " being positive)"]
        if rel == "=":
            parts.append(", which holds at these values only")
        if (cond.better, cond.worse) != cond.values:
            parts += ["; at these values ", _m(_Chain(cond.values, (rel,)))]
        if cond.focus_condition and cond.focus:
            if cond.focus_latex is None:
                parts.append(f"; it holds {cond.focus_condition}, the others held")
            else:
                parts += [
                    "; with the other parameters held this means ",
                    _m(_Raw(cond.focus_condition, cond.focus_latex)),
                    f" (it is {decimal(self.values[cond.focus])})",
                ]
        return parts

    # ------------------------------------------------------------------ payoffs
    def payoff_expr(self, player: int, profile: tuple[int, ...]) -> Any:
        if self.symbolic:
            return sympy.sympify(self.sym_u[player][profile])
        return self.show(self.u[player][profile])

    def others(self, player: int) -> list[tuple[int | None, ...]]:
        """Every profile of the others' strategies, ``None`` at ``player``."""
        ranges = [range(k) if j != player else [None] for j, k in enumerate(self.game.shape)]
        return [tuple(p) for p in itertools.product(*ranges)]

    # ------------------------------------------------------------------ 1. table
    def section_table(self) -> tuple[_Section, tuple[BestResponse, ...]]:
        game = self.game
        marks = best_responses(game)
        blocks: list[Any] = []
        if self.symbolic:
            blocks.append(self.symbolic_payoff_blocks())
        blocks.append(
            _para(
                "The payoff table at "
                + ("these parameter values" if game.parameters else "a glance")
                + ", each player's best responses marked:"
            )
        )
        blocks.append(_Table())
        if self.detailed:
            blocks.append(_para("Read off the table, the best responses are:"))
        facts: list[BestResponse] = []
        items: list[tuple[Any, ...]] = []
        children: list[tuple[tuple[Any, ...], ...]] = []
        for i in range(self.n):
            for against in self.others(i):
                profiles = [self.full(i, k, against) for k in range(game.shape[i])]
                payoffs = tuple(self.num(self.u[i][p]) for p in profiles)
                best = tuple(k for k, p in enumerate(profiles) if marks[i][p])
                conds: list[tuple[int, int, Condition]] = []
                if self.symbolic and self.detailed:
                    for b in best:
                        for s in range(game.shape[i]):
                            if s != b and not (s in best and s < b):
                                cond = self.condition(
                                    self.payoff_expr(i, profiles[b]),
                                    self.payoff_expr(i, profiles[s]),
                                )
                                conds.append((b, s, cond))
                facts.append(BestResponse(i, against, best, payoffs, tuple(conds)))
                if not self.detailed:
                    continue
                names = _join([self.strategy(i, b) for b in best])
                verb = "is" if len(best) == 1 else "are (a tie)"
                noun = "best response" if len(best) == 1 else "best responses"
                item: list[Any] = [
                    f"Against {self.against_text(i, against)}, "
                    f"{_possessive(self.names[i])} {noun} {verb} {names}: payoffs "
                ]
                for k, v in enumerate(payoffs):
                    item += [("" if k == 0 else ", ") + f"{self.strategy(i, k)} ", _m(self.show(v))]
                items.append((*item, "."))
                sub = []
                for b, s, cond in conds:
                    word = "beats" if cond.relation == ">" else "ties with"
                    sub.append(
                        (
                            f"{self.strategy(i, b)} {word} {self.strategy(i, s)}: ",
                            *self.condition_parts(cond),
                            ".",
                        )
                    )
                children.append(tuple(sub))
        if self.detailed:
            blocks.append(_Items(tuple(items), tuple(children)))
        else:
            blocks.append(
                _para(
                    "The game is too large to list every best response; they are marked in "
                    "the table."
                )
            )
        return _Section("Payoffs and best responses", tuple(blocks)), tuple(facts)

    def symbolic_payoff_blocks(self) -> _Items:
        assert self.model is not None
        items: list[tuple[Any, ...]] = []
        for prof in self.game.profiles():
            parts: list[Any] = [self.profile_text(prof) + ": "]
            for i in range(self.n):
                parts += [f"{self.names[i]} ", _m(sympy.sympify(self.sym_u[i][prof]))]
                parts.append("; " if i < self.n - 1 else "")
            items.append(tuple(parts))
        for name, expr in self.model.defines.items():
            items.append(("where ", _m(_Chain((symbol(name), expr), ("=",)))))
        return _Items(tuple(items))

    # ------------------------------------------------------------------ 2. dominance
    def section_dominance(self) -> tuple[_Section, tuple[DominanceStep, ...], Any]:
        game = self.game
        result = game.iterated_elimination()
        remaining = [list(range(k)) for k in game.shape]
        steps: list[DominanceStep] = []
        blocks: list[Any] = [
            _para(
                "A strategy is strictly dominated when another strategy, pure or a mixture, "
                "earns strictly more against every remaining choice of the others. No rational "
                "player uses it, so it can be deleted; we repeat until nothing more goes."
            )
        ]
        rounds = sorted({s.round for s in result.steps})
        for r in rounds:
            items: list[tuple[Any, ...]] = []
            children: list[tuple[tuple[Any, ...], ...]] = []
            in_round = [s for s in result.steps if s.round == r]
            for step in in_round:
                i = step.player
                profiles = [
                    p
                    for p in self.others(i)
                    if all(k in remaining[j] for j, k in enumerate(p) if k is not None)
                ]
                comps: list[Comparison] = []
                texts: list[Any] = []
                sub: list[tuple[Any, ...]] = []
                for t in profiles:
                    dom = sum(
                        (w * self.u[i][self.full(i, k, t)] for k, w in step.dominated_by),
                        Fraction(0),
                    )
                    worse = self.u[i][self.full(i, step.strategy, t)]
                    cond = None
                    if self.symbolic and self.detailed:
                        better_expr = sympy.Add(
                            *(
                                _sym(w) * self.payoff_expr(i, self.full(i, k, t))
                                for k, w in step.dominated_by
                            )
                        )
                        cond = self.condition(
                            better_expr, self.payoff_expr(i, self.full(i, step.strategy, t))
                        )
                    comps.append(Comparison(t, self.num(dom), self.num(worse), cond))
                    if not self.detailed:
                        continue
                    texts.append(f"against {self.against_text(i, t)} ")
                    if len(step.dominated_by) == 1:
                        texts.append(_m(_Chain((self.show(dom), self.show(worse)), (">",))))
                    else:
                        terms = tuple(
                            (self.show(w), self.show(self.u[i][self.full(i, k, t)]))
                            for k, w in step.dominated_by
                        )
                        texts.append(
                            _m(_Chain((_Sum(terms), self.show(dom), self.show(worse)), ("=", ">")))
                        )
                    if cond is not None:
                        sub.append(
                            (
                                f"against {self.against_text(i, t)}: ",
                                *self.condition_parts(cond),
                                ".",
                            )
                        )
                    texts.append(", ")
                if texts:
                    texts[-1] = "."
                steps.append(
                    DominanceStep(step.round, i, step.strategy, step.dominated_by, tuple(comps))
                )
                lead: list[Any] = [f"{self.strategy(i, step.strategy)} is strictly dominated by "]
                if len(step.dominated_by) == 1:
                    lead.append(self.strategy(i, step.dominated_by[0][0]))
                else:
                    lead.append("the mixture of ")
                    for n, (k, w) in enumerate(step.dominated_by):
                        lead += [
                            ("" if n == 0 else ", ") + f"{self.strategy(i, k)} with probability ",
                            _m(self.show(w)),
                        ]
                lead.append(f" for {self.names[i]}" + (": " if texts else "."))
                items.append((*lead, *texts))
                children.append(tuple(sub))
            if r > 1:
                gone = [self.strategy(s.player, s.strategy) for s in result.steps if s.round < r]
                blocks.append(_para(f"Round {r} (with {_join(gone)} deleted):"))
            else:
                blocks.append(_para("Round 1:"))
            blocks.append(_Items(tuple(items), tuple(children)))
            for step in in_round:
                remaining[step.player].remove(step.strategy)
        if not result.steps:
            blocks.append(
                _para(
                    "No strategy is strictly dominated, not even by a mixture of the others: "
                    "elimination does not narrow the game down."
                )
            )
        else:
            left = "; ".join(
                f"{self.names[i]}: " + _join([self.strategy(i, k) for k in result.remaining[i]])
                for i in range(self.n)
            )
            text = f"Nothing more is dominated. What survives — {left}."
            if result.solved:
                prof = tuple(r[0] for r in result.remaining)
                text += (
                    f" The game is dominance solvable: {self.profile_text(prof)} is its only "
                    "equilibrium."
                )
            else:
                text += " Every equilibrium uses only these strategies."
            blocks.append(_para(text))
        section = _Section("Iterated elimination of strictly dominated strategies", tuple(blocks))
        return section, tuple(steps), result

    # ------------------------------------------------------------------ 3. pure equilibria
    def section_pure(self) -> tuple[_Section, tuple[PureEquilibrium, ...]]:
        marks = best_responses(self.game)
        everyone = np.logical_and.reduce(marks)
        cells = sorted(tuple(int(k) for k in idx) for idx in np.argwhere(everyone))
        reported = {
            e.profile: k for k, e in enumerate(self.solution.equilibria) if e.kind == "pure"
        }
        if set(cells) != set(reported):
            raise RuntimeError(  # pragma: no cover - would be a bug in a solver
                f"best-response cells {cells} differ from the solver's pure equilibria"
            )
        facts = []
        blocks: list[Any] = [
            _para(
                "A pure-strategy profile is a Nash equilibrium when every player's strategy is a "
                "best response to the others' — a cell in which every payoff is marked."
            )
        ]
        items = []
        for prof in cells:
            idx = reported[prof]
            e = self.solution.equilibria[idx]
            facts.append(PureEquilibrium(idx, prof, tuple(e.payoffs)))
            reasons = [
                f"{self.strategy(i, prof[i])} is {_possessive(self.names[i])} best response to "
                f"{self.against_text(i, prof)}"
                for i in range(self.n)
            ]
            items.append(
                (
                    f"{self.profile_text(prof)}: {_join(reasons)}; payoffs ",
                    self.payoffs_math(e.payoffs),
                    ".",
                )
            )
        if items:
            blocks.append(_Items(tuple(items)))
        else:
            blocks.append(
                _para("No cell has every payoff marked: the game has no pure equilibrium.")
            )
        return _Section("Pure equilibria", tuple(blocks)), tuple(facts)

    # ------------------------------------------------------------------ 4. mixed equilibria
    def variables(
        self, player: int, support: tuple[int, ...]
    ) -> tuple[tuple[Any, ...], dict[int, Any]]:
        """The unknown probabilities of ``support``: ``q`` and ``1 - q``, or ``p₁, p₂, …``."""
        k = len(support)
        if k == 1:
            return (), {support[0]: sympy.Integer(1)}
        taken = set(self.model.parameters) | set(self.model.defines) if self.model else set()
        letter = next(c for c in ("pq"[player], "xy"[player], "στ"[player]) if c not in taken)
        if k == 2:
            v = sympy.Symbol(letter, positive=True)
            return (v,), {support[0]: v, support[1]: 1 - v}
        vs = tuple(
            sympy.Symbol(letter + str(m + 1).translate(_SUBSCRIPTS), positive=True)
            for m in range(k - 1)
        )
        probs = {s: vs[m] for m, s in enumerate(support[:-1])}
        probs[support[-1]] = 1 - sympy.Add(*vs)
        return vs, probs

    @staticmethod
    def shown_probability(value: Any) -> Any:
        """``1 - p₁ - p₂`` written in that order (sympy would print ``-p₁ - p₂ + 1``)."""
        if value.is_Add and 1 in value.args:
            rest = [a for a in value.args if a != 1]
            text = "1 - " + " - ".join(_expr_text(-a) for a in rest)
            latex = "1 - " + " - ".join(_expr_latex(-a) for a in rest)
            return _Raw(text, latex)
        return value

    def derive(self, e_exact: Any, i: int) -> tuple[Indifference, list[Any], dict[str, Any]]:
        """Player ``i``'s mixture from the other's indifference; returns the facts, the
        narrative blocks and the other player's expected payoff (formula) per strategy."""
        j = 1 - i
        x = e_exact.strategies[i]
        support = tuple(k for k, p in enumerate(x) if p)
        vs, probs = self.variables(i, support)

        def prof(s: int, w: int) -> tuple[int, int]:
            return (s, w) if i == 0 else (w, s)

        m_j = self.game.shape[j]
        exp_num = [
            sum((x[s] * self.u[j][prof(s, w)] for s in support), Fraction(0)) for w in range(m_j)
        ]
        best = max(exp_num)
        tight = [w for w in range(m_j) if exp_num[w] == best]
        supp_j = tuple(k for k, p in enumerate(e_exact.strategies[j]) if p)

        def expected(w: int, numeric: bool) -> Any:
            return sympy.Add(
                *(
                    (_sym(self.u[j][prof(s, w)]) if numeric else self.payoff_expr(j, prof(s, w)))
                    * probs[s]
                    for s in support
                )
            )

        chosen = [supp_j[0]]
        if vs:
            rows: list[list[Any]] = []
            for w in list(supp_j[1:]) + [w for w in tight if w not in supp_j]:
                if len(rows) == len(vs):
                    break
                d = sympy.expand(expected(chosen[0], True) - expected(w, True))
                row = [d.coeff(v) for v in vs]
                if sympy.Matrix([*rows, row]).rank() > len(rows):
                    rows.append(row)
                    chosen.append(w)
            if len(rows) < len(vs):  # pragma: no cover - extreme equilibria are vertices
                raise RuntimeError("the indifference equations do not determine the mixture")
        else:
            chosen = list(supp_j)
        also = tuple(w for w in tight if w not in chosen)
        eqs = [sympy.expand(expected(chosen[0], False) - expected(w, False)) for w in chosen[1:]]
        formulas: dict[Any, Any] = {}
        if vs:
            (sol,) = sympy.linsolve(eqs, list(vs))
            formulas = {v: _nice(val) for v, val in zip(vs, sol, strict=True)}
        prob_formulas = {s: _nice(probs[s].xreplace(formulas)) for s in support}
        # the derivation must give the solver's mixture
        for s in support:
            got = self.at_values(prob_formulas[s]) if self.symbolic else prob_formulas[s]
            if got != _sym(x[s]):
                raise RuntimeError(  # pragma: no cover - would be a bug
                    f"derived probability {got} of {self.strategy(i, s)} differs from {x[s]}"
                )
        value_formula = _nice(expected(chosen[0], False).xreplace(formulas))
        exp_formulas = (
            {w: _nice(expected(w, False).xreplace(formulas)) for w in range(m_j)}
            if self.symbolic
            else {w: self.show(exp_num[w]) for w in range(m_j)}
        )

        # ---- narrative
        mixer, opp = self.names[i], self.names[j]
        blocks: list[Any] = []
        if not vs:
            blocks.append(
                _para(
                    f"{mixer} plays {self.strategy(i, support[0])} for sure. "
                    f"{_possessive(opp)} payoffs against it:"
                )
            )
        else:
            if len(vs) == 1:
                intro = [
                    f"{mixer} plays {self.strategy(i, support[0])} with probability ",
                    _m(vs[0]),
                    f" and {self.strategy(i, support[1])} with probability ",
                    _m(1 - vs[0]),
                    ". ",
                ]
            else:
                intro = [
                    f"{mixer} plays {_join([self.strategy(i, s) for s in support])} "
                    "with probabilities "
                ]
                for m, s in enumerate(support):
                    intro.append(_m(self.shown_probability(probs[s])))
                    intro.append(
                        ", " if m < len(support) - 2 else " and " if m == len(support) - 2 else ". "
                    )
            intro.append(f"{_possessive(opp)} expected payoffs are then:")
            blocks.append(_para(*intro))
        lines = []
        for w in chosen:
            terms = tuple(
                (self.payoff_expr(j, prof(s, w)), self.shown_probability(probs[s])) for s in support
            )
            collected = sympy.collect(sympy.expand(expected(w, False)), list(vs)) if vs else None
            if vs:
                lines.append(
                    _Line(_Chain((_Sum(terms), collected), ("=",)), f"{self.strategy(j, w)}:")
                )
            else:
                value = self.payoff_expr(j, prof(support[0], w))
                lines.append(_Line(value, f"{self.strategy(j, w)}:"))
        blocks.append(_Display(tuple(lines)))
        if vs:
            used = _join([self.strategy(j, w) for w in chosen])
            text = (
                f"{opp} is willing to mix only if these are equal"
                if set(chosen) <= set(supp_j)
                else f"At this extreme equilibrium {opp} is indifferent "
                f"{'between' if len(chosen) == 2 else 'among'} {used}, so these are equal"
            )
            blocks.append(_para(text + ":"))
            lines = []
            collected_eqs = []
            for w in chosen[1:]:
                left = sympy.collect(sympy.expand(expected(chosen[0], False)), list(vs))
                right = sympy.collect(sympy.expand(expected(w, False)), list(vs))
                lines.append(_Line(_Chain((left, right), ("=",))))
                d = sympy.expand(expected(chosen[0], False) - expected(w, False))
                lead_coeff = next((d.coeff(v) for v in vs if d.coeff(v) != 0), sympy.Integer(1))
                if lead_coeff.could_extract_minus_sign():
                    d = -d
                lhs = sympy.Add(*(_nice(d.coeff(v)) * v for v in vs))
                rhs = _nice(-d.xreplace({v: 0 for v in vs}))
                collected_eqs.append(_Chain((lhs, rhs), ("=",)))
            shown = {_math_text(line.math) for line in lines}
            lines += [_Line(c, lead="=>") for c in collected_eqs if _math_text(c) not in shown]
            for v in vs:
                items: tuple[Any, ...] = (v, formulas[v])
                rels: tuple[str, ...] = ("=",)
                if self.symbolic:
                    items += (self.at_values(formulas[v]),)
                    rels += ("=",)
                lines.append(_Line(_Chain(items, rels), lead="=>"))
            blocks.append(_Display(tuple(lines)))
            tail = [f"So {mixer} plays ", *self.mixture_parts(i, x)]
            if self.symbolic and len(support) > 1:
                tail.append(" (in the parameters: ")
                for m, s in enumerate(support):
                    tail += [f"{self.strategy(i, s)} ", _m(prob_formulas[s])]
                    tail.append("; " if m < len(support) - 1 else ")")
            tail += [f", and {opp} earns ", *self.value_parts(best), f" from {used}"]
            if also:
                tail.append(
                    f" — and as much from {_join([self.strategy(j, w) for w in also])}, "
                    "which the equations did not use: a sign of degeneracy"
                )
            tail.append(".")
            blocks.append(_para(*tail))
        elif also:
            blocks.append(
                _para(
                    f"{opp} is indifferent among {_join([self.strategy(j, w) for w in tight])}, "
                    "so any mixture of them is a best response."
                )
            )
        fact = Indifference(
            player=i,
            opponent=j,
            support=support,
            indifferent_among=tuple(chosen),
            also_equal=also,
            variables=vs,
            expected=tuple(expected(w, False) for w in chosen),
            solution=tuple(self.num(x[s]) for s in support),
            value=self.num(best),
            formulas=tuple(prob_formulas[s] for s in support) if self.symbolic else None,
            value_formula=value_formula if self.symbolic else None,
        )
        return fact, blocks, {"expected": exp_num, "formulas": exp_formulas, "value": value_formula}

    def section_mixed(self) -> tuple[_Section, tuple[MixedEquilibrium, ...]]:
        title = "Mixed equilibria"
        if self.n > 2:
            return (
                _Section(
                    title,
                    (
                        _para(
                            "Mixed equilibria of games with three or more players are not "
                            "supported "
                            "yet: only the pure equilibria above were computed."
                        ),
                    ),
                ),
                (),
            )
        blocks: list[Any] = []
        facts: list[MixedEquilibrium] = []
        mixed = [(k, e) for k, e in enumerate(self.solution.equilibria) if e.kind == "mixed"]
        if not mixed:
            blocks.append(
                _para(
                    "The exact solver finds no equilibrium in which a player mixes: the pure "
                    "equilibria above are all there is."
                )
            )
        else:
            blocks.append(
                _para(
                    "In a mixed equilibrium a player mixes only between strategies that are "
                    "equally good against the other's mixture, so each player's probabilities "
                    "are found by making the other player indifferent. Then no strategy outside "
                    "the mixture may do better."
                )
            )
        if self.solution.degenerate:
            blocks.extend(self.degenerate_blocks())
        for k, e in mixed:
            e_exact = self.exact_solution.equilibria[k]
            desc = self.profile_parts(e_exact.strategies)
            blocks.append(_para(f"Equilibrium {k + 1}: ", *desc, "."))
            derivations: list[Indifference] = []
            checks: list[SupportCheck] = []
            positivity: list[tuple[int, int, Condition]] = []
            payoff_formulas: list[Any] = [None, None]
            for i in range(2):
                j = 1 - i
                info: dict[str, Any]
                if self.detailed:
                    fact, sub, info = self.derive(e_exact, i)
                    derivations.append(fact)
                    blocks.extend(sub)
                    exp_num = info["expected"]
                    payoff_formulas[j] = info["value"]
                    if self.symbolic and len(fact.support) > 1:
                        for s, f in zip(fact.support, fact.formulas or (), strict=True):
                            positivity.append((i, s, self.condition(f, sympy.Integer(0))))
                else:
                    x = e_exact.strategies[i]
                    exp_num = [
                        sum(
                            (x[s] * self.u[j][(s, w) if i == 0 else (w, s)] for s in range(len(x))),
                            Fraction(0),
                        )
                        for w in range(self.game.shape[j])
                    ]
                    info = {}
                value = max(exp_num)
                if value != e_exact.payoffs[j]:
                    raise RuntimeError(
                        "derived payoff differs from the solver's"
                    )  # pragma: no cover
                out = [w for w in range(self.game.shape[j]) if not e_exact.strategies[j][w]]
                items: list[tuple[Any, ...]] = []
                for w in out:
                    cond = None
                    if self.symbolic and self.detailed:
                        cond = self.condition(info["value"], info["formulas"][w])
                    checks.append(SupportCheck(j, w, self.num(exp_num[w]), self.num(value), cond))
                    rel = "<" if exp_num[w] < value else "="
                    item: list[Any] = [
                        f"{self.strategy(j, w)} would give {self.names[j]} ",
                        _m(_Chain((self.show(exp_num[w]), self.show(value)), (rel,))),
                    ]
                    if rel == "=":
                        item.append(" (no more: indifferent but unused)")
                    if cond is not None:
                        item += ["; in the parameters ", *self.condition_parts(cond)]
                    item.append(".")
                    items.append(tuple(item))
                if self.detailed or items:
                    if items:
                        blocks.append(
                            _para(
                                f"Check: no strategy outside {_possessive(self.names[j])} mixture "
                                "does better than its equilibrium payoff ",
                                *self.value_parts(value),
                                ":",
                            )
                        )
                        blocks.append(_Items(tuple(items)))
            if positivity:
                items = []
                for i, s, cond in positivity:
                    items.append(
                        (
                            f"{self.strategy(i, s)} ({self.names[i]}): probability ",
                            *self.condition_parts(cond),
                            ".",
                        )
                    )
                blocks.append(
                    _para("Every probability in the mixtures is positive at these values:")
                )
                blocks.append(_Items(tuple(items)))
            tail: list[Any] = [f"Payoffs of equilibrium {k + 1}: "]
            for i in range(2):
                tail += [f"{self.names[i]} ", *self.value_parts(e_exact.payoffs[i])]
                tail.append("; " if i == 0 else ".")
            if self.symbolic and all(f is not None for f in payoff_formulas):
                tail.append(" In the parameters: ")
                for i in range(2):
                    tail += [f"{self.names[i]} ", _m(payoff_formulas[i])]
                    tail.append(", " if i == 0 else ".")
            blocks.append(_para(*tail))
            facts.append(
                MixedEquilibrium(
                    index=k,
                    strategies=e.strategies,
                    payoffs=e.payoffs,
                    derivations=tuple(derivations),
                    checks=tuple(checks),
                    positivity=tuple(positivity),
                    payoff_formulas=tuple(payoff_formulas)
                    if self.symbolic and self.detailed
                    else None,
                )
            )
        return _Section(title, tuple(blocks)), tuple(facts)

    # ------------------------------------------------------------------ 5. comparison
    def section_compare(self) -> tuple[_Section, tuple[EquilibriumSummary, ...]]:
        eqs = self.exact_solution.equilibria
        reported = self.solution.equilibria
        blocks: list[Any] = []
        items = []
        for k, e in enumerate(eqs):
            items.append(
                (
                    f"Equilibrium {k + 1} ({e.kind}): ",
                    *self.profile_parts(e.strategies),
                    " — payoffs ",
                    self.payoffs_math(e.payoffs),
                    ".",
                )
            )
        if items:
            blocks.append(_Items(tuple(items)))
        dominators: list[tuple[int, ...]] = []
        for k, e in enumerate(eqs):
            by = tuple(
                m
                for m, f in enumerate(eqs)
                if m != k
                and all(b >= a for a, b in zip(e.payoffs, f.payoffs, strict=True))
                and any(b > a for a, b in zip(e.payoffs, f.payoffs, strict=True))
            )
            if bool(by) != bool(reported[k].pareto_dominated):
                raise RuntimeError(
                    "Pareto comparison differs from the solver's"
                )  # pragma: no cover
            dominators.append(by)
        if len(eqs) == 1:
            blocks.append(_para("There is only one equilibrium: nothing to select."))
        elif len(eqs) > 1:
            dominated = [k for k in range(len(eqs)) if dominators[k]]
            for k in dominated:
                by = dominators[k]
                blocks.append(
                    _para(
                        f"Equilibrium {k + 1} is Pareto-dominated by equilibrium"
                        f"{'s' if len(by) > 1 else ''} {_join([str(m + 1) for m in by])}: "
                        "every player gets at least as much there and someone strictly more."
                    )
                )
            if not dominated:
                blocks.append(
                    _para(
                        "No equilibrium is Pareto-dominated by another (none gives every player "
                        "at least as much as another does, and someone more)."
                    )
                )
        products: dict[int, Any] = {}
        formulas: dict[int, Any] = {}
        risk = [e.risk_dominant for e in reported]
        if any(r is not None for r in risk):
            pure = [k for k, r in enumerate(risk) if r is not None]
            lines = []
            for k in pure:
                r, c = eqs[k].profile or (0, 0)
                a_loss = self.u[0][r, c] - self.u[0][1 - r, c]
                b_loss = self.u[1][r, c] - self.u[1][r, 1 - c]
                products[k] = a_loss * b_loss
                items_c: tuple[Any, ...]
                if self.symbolic:
                    fa = _nice(self.payoff_expr(0, (r, c)) - self.payoff_expr(0, (1 - r, c)))
                    fb = _nice(self.payoff_expr(1, (r, c)) - self.payoff_expr(1, (r, 1 - c)))
                    formulas[k] = _nice(fa * fb)
                    items_c = (_Sum(((fa, fb),)), self.show(products[k]))
                else:
                    diffs = _Sum(
                        (
                            (
                                _minus(self.show(self.u[0][r, c]), self.show(self.u[0][1 - r, c])),
                                _minus(self.show(self.u[1][r, c]), self.show(self.u[1][r, 1 - c])),
                            ),
                        )
                    )
                    factors = _Sum(((self.show(a_loss), self.show(b_loss)),))
                    items_c = (diffs, factors, self.show(products[k]))
                lines.append(
                    _Line(
                        _Chain(items_c, ("=",) * (len(items_c) - 1)),
                        f"at {self.profile_text((r, c))}:",
                    )
                )
            k1, k2 = pure
            if (products[k1] > products[k2]) != bool(risk[k1]) or (
                products[k2] > products[k1]
            ) != bool(risk[k2]):
                raise RuntimeError("risk dominance differs from the solver's")  # pragma: no cover
            blocks.append(
                _para(
                    "Risk dominance (Harsanyi and Selten 1988) compares the two strict pure "
                    "equilibria by the product of the players' losses from deviating alone "
                    "(the Nash product):"
                )
            )
            blocks.append(_Display(tuple(lines)))
            if products[k1] == products[k2]:
                blocks.append(_para("The products are equal: neither equilibrium risk-dominates."))
            else:
                win, lose = (k1, k2) if products[k1] > products[k2] else (k2, k1)
                text: list[Any] = [
                    f"{self.profile_text(eqs[win].profile or ())} risk-dominates "
                    f"{self.profile_text(eqs[lose].profile or ())}: deviating from it costs "
                    "the players more, so it is the safer prediction when each is unsure what "
                    "the other will do."
                ]
                if self.symbolic:
                    cond = self.condition(formulas[win], formulas[lose])
                    text += [" In the parameters: ", *self.condition_parts(cond), "."]
                blocks.append(_para(*text))
        summaries = tuple(
            EquilibriumSummary(
                index=k,
                kind=reported[k].kind,
                strategies=reported[k].strategies,
                payoffs=reported[k].payoffs,
                pareto_dominated_by=dominators[k],
                risk_dominant=risk[k],
                nash_product=self.num(products[k]) if k in products else None,
                nash_product_formula=formulas.get(k),
            )
            for k in range(len(eqs))
        )
        return _Section("Payoffs and comparison of the equilibria", tuple(blocks)), summaries

    def degenerate_blocks(self) -> list[Any]:
        comps = self.solution.components or ()
        blocks: list[Any] = [
            _para(
                "The game is degenerate: some mixed strategy has more pure best responses than "
                "it uses. The equilibria listed are the extreme points of the set of equilibria, "
                "which may contain whole segments; it is the union of these maximal convex "
                "components (every pair of mixtures drawn from a component is an equilibrium):"
            )
        ]
        items = []
        for c, comp in enumerate(comps, start=1):
            members = _join([str(k + 1) for k in comp.equilibria])
            if len(comp.equilibria) == 1:
                items.append((f"Component {c}: equilibrium {members} alone (isolated).",))
                continue
            parts: list[Any] = [f"Component {c} (spanned by equilibria {members}): "]
            for i in range(self.n):
                many = len(comp.extremes[i]) > 1
                parts.append(("" if i == 0 else "; ") + f"{self.names[i]} plays ")
                parts.append("any mixture of [" if many else "")
                for n, ext in enumerate(comp.extremes[i]):
                    parts += ["" if n == 0 else "; ", *self.mixture_parts(i, ext)]
                parts.append("]" if many else "")
            items.append((*parts, "."))
        blocks.append(_Items(tuple(items)))
        return blocks

    # ------------------------------------------------------------------ assembly
    def build(self) -> Explanation:
        table, brs = self.section_table()
        dom, steps, result = self.section_dominance()
        pure, pure_facts = self.section_pure()
        mixed, mixed_facts = self.section_mixed()
        compare, summaries = self.section_compare()
        return Explanation(
            game=self.game,
            solution=self.solution,
            symbolic=self.symbolic,
            detailed=self.detailed,
            best_responses=brs,
            dominance=steps,
            remaining=result.remaining,
            pure_equilibria=pure_facts,
            mixed_equilibria=mixed_facts,
            summaries=summaries,
            degenerate=self.solution.degenerate,
            components=self.solution.components,
            focus=self.focus,
            symbolic_payoffs=self.sym_u if self.symbolic else None,
            defines=dict(self.model.defines) if self.symbolic and self.model else {},
            sections=(table, dom, pure, mixed, compare),
        )


def _minus(a: Any, b: Any) -> _Raw:
    """``a - b`` unevaluated, ``b`` in parentheses when negative."""
    tb, lb = _expr_text(b), _expr_latex(b)
    if _is_compound(b):
        tb, lb = f"({tb})", f"\\left({lb}\\right)"
    return _Raw(f"{_expr_text(a)} - {tb}", f"{_expr_latex(a)} - {lb}")


def _nice(expr: Any) -> Any:
    """Of an expression's cancelled and factored forms (and the cancelled form with numerator
    and denominator negated), the one with the fewest minus signs, then the shortest."""
    expr = sympy.sympify(expr)
    if expr.is_Number or not expr.free_symbols:
        return sympy.nsimplify(expr) if expr.is_Float else expr
    try:
        cancelled = sympy.cancel(expr)
    except sympy.PolynomialError:  # pragma: no cover - max/min/abs
        return expr
    forms = [cancelled]
    num, den = sympy.fraction(cancelled)
    if den != 1:
        forms.append(sympy.expand(-num) / sympy.expand(-den))
    try:
        forms.append(sympy.factor(cancelled))
    except sympy.PolynomialError:  # pragma: no cover
        pass
    return min(forms, key=lambda f: (_expr_text(f).count("-"), len(_expr_text(f))))


# =========================================================================== public functions
def explain(game: Game) -> Explanation:
    """Explain a game's equilibria step by step, with exact numbers.

    Parameters
    ----------
    game
        A game with at least two players (exact or float payoffs).

    Returns
    -------
    Explanation
        Best responses, iterated dominance, pure and mixed equilibria with their
        derivation, payoffs and comparison; renderable as text, Markdown, LaTeX, HTML.

    Raises
    ------
    UnsupportedError
        For a one-player game.
    TooLargeError
        When the game is too large for complete enumeration.

    Examples
    --------
    Battle of the Sexes (Osborne 2004, §4.3): the mixed equilibrium is (2/3, 1/3), (1/3, 2/3).

    >>> bos = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> ex = explain(bos)
    >>> [p.profile for p in ex.pure_equilibria]
    [(0, 0), (1, 1)]
    >>> ex.mixed_equilibria[0].strategies
    ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))
    """
    return _Builder(game, None, None, False, None).build()


def explain_model(
    model: Model,
    values: Mapping[str, Any] | None = None,
    *,
    symbolic: bool = False,
    focus: str | None = None,
) -> Explanation:
    """Explain a model's equilibria at given parameter values, numerically or symbolically.

    Parameters
    ----------
    model
        The model.
    values
        Parameter overrides (defaults elsewhere), checked against their ranges.
    symbolic
        Derive in terms of the parameters: every ordering stated as a condition on the
        parameters that holds at the values, mixed probabilities and payoffs as closed
        forms (checked equal to the exact numbers at the values).
    focus
        With ``symbolic``: also solve each condition for this parameter, the others
        held at their values.  Default: ``interdependence_cost`` when the model has it.

    Returns
    -------
    Explanation

    Raises
    ------
    ParameterError
        Unknown parameter or value out of range; unknown ``focus``.
    UnsupportedError
        ``symbolic`` when some payoff is irrational at the values.

    Examples
    --------
    Chicken: Row swerves with probability (c - loss)/(c - loss + win).

    >>> import leverage
    >>> m = leverage.load("models/chicken.toml")
    >>> ex = explain_model(m, {"interdependence_cost": 3}, symbolic=True)
    >>> swerve, straight = ex.mixed_equilibria[0].derivations[0].formulas
    >>> swerve
    (interdependence_cost - loss_value)/(interdependence_cost - loss_value + win_value)
    >>> ex.mixed_equilibria[0].strategies[0]
    (Fraction(2, 3), Fraction(1, 3))
    """
    checked = model.values(values)
    game = model.game(values)
    if not symbolic:
        return explain(game)
    if focus is not None and focus not in model.parameters:
        model.values({focus: 0})  # the usual unknown-parameter error
    if focus is None and "interdependence_cost" in model.parameters:
        focus = "interdependence_cost"
    if not game.exact:
        raise UnsupportedError(
            "symbolic explanations need rational payoffs at the chosen values; "
            "drop --symbolic or choose values at which every payoff is rational"
        )
    return _Builder(game, model, checked, True, focus).build()


# =========================================================================== renderers
def _parameters_line(ex: Explanation) -> str:
    if not ex.game.parameters:
        return ""
    return "Parameters: " + ", ".join(f"{k} = {decimal(v)}" for k, v in ex.game.parameters.items())


def _pure_profiles(ex: Explanation) -> list[tuple[int, ...]]:
    return [p.profile for p in ex.pure_equilibria]


class _TextRenderer:
    def __init__(self, ex: Explanation, width: int) -> None:
        self.ex = ex
        self.width = width

    def inline(self, parts: Sequence[Any]) -> str:
        out = []
        for part in parts:
            if isinstance(part, _Math):
                text = _math_text(part.value)
                out.append(text.replace(" ", "\xa0") if len(text) <= self.width // 2 else text)
            else:
                out.append(str(part))
        return "".join(out)

    def wrap(self, text: str, first: str = "", rest: str = "") -> list[str]:
        lines = textwrap.wrap(
            text,
            self.width,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        return [line.replace("\xa0", " ") for line in lines] or [first.rstrip()]

    def block(self, block: Any) -> list[str]:
        if isinstance(block, _Para):
            return self.wrap(self.inline(block.parts))
        if isinstance(block, _Items):
            out = []
            for k, item in enumerate(block.items):
                out += self.wrap(self.inline(item), "  - ", "    ")
                for child in block.sub(k):
                    out += self.wrap(self.inline(child), "      · ", "        ")
            return out
        if isinstance(block, _Display):
            label_w = max((len(line.label) for line in block.lines), default=0)
            out = []
            for line in block.lines:
                head = "    " + (f"{line.label:<{label_w}}  " if label_w else "")
                lead = _REL_TEXT.get(line.lead, line.lead)
                text = (lead + " " if lead else "") + _math_text(line.math)
                out += self.wrap(text, head, " " * (len(head) + 4))
            return out
        if isinstance(block, _Table):
            return strategic_text(self.ex.game).splitlines()
        raise TypeError(block)  # pragma: no cover

    def render(self) -> str:
        ex = self.ex
        lines: list[str] = []
        title = f"Explaining: {ex.title}" if ex.title else "Explaining the game"
        lines += self.wrap(title)
        lines.append("=" * min(self.width, max(len(line) for line in lines)))
        if ex.game.parameters:
            lines += self.wrap(_parameters_line(ex), "", "  ")
        for n, section in enumerate(ex.sections, start=1):
            heading = f"{n}. {section.title}"
            lines += ["", heading, "-" * len(heading)]
            previous: Any = None
            for block in section.blocks:
                follows = isinstance(previous, _Para) and _plain(previous).endswith(":")
                if previous is not None and not (isinstance(block, (_Items, _Display)) and follows):
                    lines.append("")
                lines += self.block(block)
                previous = block
        return "\n".join(lines) + "\n"


def _plain(para: _Para) -> str:
    return "".join(_math_text(p.value) if isinstance(p, _Math) else str(p) for p in para.parts)


def _md_prose(text: str) -> str:
    from ..formats.strategic import markdown_escape

    return markdown_escape(text)


class _MarkdownRenderer:
    def __init__(self, ex: Explanation) -> None:
        self.ex = ex

    @staticmethod
    def inline(parts: Sequence[Any]) -> str:
        out = []
        for part in parts:
            if isinstance(part, _Math):
                out.append("`" + _math_text(part.value).replace("`", "'") + "`")
            else:
                out.append(_md_prose(str(part)))
        return "".join(out)

    def block(self, block: Any) -> str:
        if isinstance(block, _Para):
            return self.inline(block.parts)
        if isinstance(block, _Items):
            rows = []
            for k, item in enumerate(block.items):
                rows.append("- " + self.inline(item))
                rows += ["  - " + self.inline(child) for child in block.sub(k)]
            return "\n".join(rows)
        if isinstance(block, _Display):
            label_w = max((len(line.label) for line in block.lines), default=0)
            rows = []
            for line in block.lines:
                head = f"{line.label:<{label_w}}  " if label_w else ""
                lead = _REL_TEXT.get(line.lead, line.lead)
                rows.append(head + (lead + " " if lead else "") + _math_text(line.math))
            return "```text\n" + "\n".join(rows) + "\n```"
        if isinstance(block, _Table):
            return strategic_markdown(self.ex.game, equilibria=_pure_profiles(self.ex))
        raise TypeError(block)  # pragma: no cover

    def render(self) -> str:
        ex = self.ex
        title = f"Explaining: {ex.title}" if ex.title else "Explaining the game"
        out = [f"# {_md_prose(title)}"]
        if ex.game.parameters:
            out.append(_md_prose(_parameters_line(ex)))
        for n, section in enumerate(ex.sections, start=1):
            out.append(f"## {n}. {_md_prose(section.title)}")
            out += [self.block(b) for b in section.blocks]
        return "\n\n".join(out) + "\n"


_LATEX_UNICODE = {
    "—": "---",
    "–": "--",
    "≈": "$\\approx$",
    "·": "$\\cdot$",
    "⇒": "$\\Rightarrow$",
    "⇔": "$\\Leftrightarrow$",
    "≥": "$\\ge$",
    "≤": "$\\le$",
    "→": "$\\to$",
    "×": "$\\times$",
    "−": "$-$",
}


def _latex_prose(text: str) -> str:
    """Plain text as LaTeX: special characters escaped, typographic symbols as commands."""
    return "".join(_LATEX_UNICODE.get(ch, ch) for ch in latex_escape(text))


class _LatexRenderer:
    def __init__(self, ex: Explanation, style: str) -> None:
        self.ex = ex
        self.style = style

    @staticmethod
    def inline(parts: Sequence[Any]) -> str:
        out = []
        for part in parts:
            if isinstance(part, _Math):
                out.append("$" + _math_latex(part.value, inline=True) + "$")
            else:
                out.append(_latex_prose(str(part)))
        return "".join(out)

    def table(self) -> str:
        game = self.ex.game
        if game.n_players in (2, 3):
            return strategic_latex(game, style=self.style, equilibria=_pure_profiles(self.ex))
        rows = []
        for idx in game.profiles():
            label = ", ".join(game.strategies[p][k] for p, k in enumerate(idx))
            pays = ", ".join(_expr_latex(_sym(arr[idx])) for arr in game.payoffs)
            rows.append(f"\\item {latex_escape(label)}: ${pays}$")
        return "\\begin{itemize}\n" + "\n".join(rows) + "\n\\end{itemize}"

    def block(self, block: Any) -> str:
        if isinstance(block, _Para):
            return self.inline(block.parts)
        if isinstance(block, _Items):
            rows = []
            for k, item in enumerate(block.items):
                rows.append("\\item " + self.inline(item))
                if block.sub(k):
                    rows.append("\\begin{itemize}")
                    rows += ["\\item " + self.inline(child) for child in block.sub(k)]
                    rows.append("\\end{itemize}")
            return "\\begin{itemize}\n" + "\n".join(rows) + "\n\\end{itemize}\n"
        if isinstance(block, _Display):
            rows = []
            for line in block.lines:
                label = f"\\text{{{_latex_prose(line.label)}}}" if line.label else ""
                lead = _REL_LATEX.get(line.lead, line.lead)
                math = line.math
                if isinstance(math, _Chain) and len(_math_text(math)) > 60:
                    # a long chain: one relation per row, aligned under the first item
                    k = 2 if len(_math_text(math.items[0])) <= 20 else 1
                    head = _math_latex(_Chain(math.items[:k], math.relations[: k - 1]))
                    rows.append(f"{label} &\\; {lead} {head}")
                    for rel, item in zip(math.relations[k - 1 :], math.items[k:], strict=True):
                        rel_l = _REL_LATEX.get(rel, rel)
                        rows.append(f" &\\; {rel_l} {_math_latex(item)}")
                else:
                    rows.append(f"{label} &\\; {lead} {_math_latex(math)}")
            return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"
        if isinstance(block, _Table):
            return self.table()
        raise TypeError(block)  # pragma: no cover

    def render(self) -> str:
        ex = self.ex
        out = ["\\begin{sloppypar}"]
        if ex.game.parameters:
            out.append(_latex_prose(_parameters_line(ex)) + "\n")
        for n, section in enumerate(ex.sections, start=1):
            out.append(f"\\subsection*{{{n}. {_latex_prose(section.title)}}}\n")
            previous: Any = None
            for block in section.blocks:
                # a derivation continues the paragraph that introduces it (no blank line)
                glue = "\n" if isinstance(block, _Display) and previous is not None else "\n\n"
                out.append((glue if previous is not None else "") + self.block(block))
                previous = block
            out.append("\n")
        out.append("\\end{sloppypar}")
        return "".join(out)


class _HtmlRenderer:
    def __init__(self, ex: Explanation) -> None:
        self.ex = ex

    @staticmethod
    def inline(parts: Sequence[Any]) -> str:
        out = []
        for part in parts:
            if isinstance(part, _Math):
                out.append('<span class="math">' + html.escape(_math_text(part.value)) + "</span>")
            else:
                out.append(html.escape(str(part)))
        return "".join(out)

    def block(self, block: Any) -> str:
        if isinstance(block, _Para):
            return "<p>" + self.inline(block.parts) + "</p>"
        if isinstance(block, _Items):
            rows = []
            for k, item in enumerate(block.items):
                sub = "".join("<li>" + self.inline(c) + "</li>" for c in block.sub(k))
                rows.append(
                    "<li>" + self.inline(item) + (f"<ul>{sub}</ul>" if sub else "") + "</li>"
                )
            return "<ul>\n" + "\n".join(rows) + "\n</ul>"
        if isinstance(block, _Display):
            rows = []
            for line in block.lines:
                lead = _REL_TEXT.get(line.lead, line.lead)
                text = (line.label + "  " if line.label else "") + (lead + " " if lead else "")
                rows.append(html.escape(text + _math_text(line.math)))
            return '<pre class="derivation">' + "\n".join(rows) + "</pre>"
        if isinstance(block, _Table):
            return strategic_html(self.ex.game, equilibria=_pure_profiles(self.ex))
        raise TypeError(block)  # pragma: no cover

    def render(self) -> str:
        ex = self.ex
        out = ['<section class="leverage-explanation">']
        if ex.title:
            out.append(f"<h2>{html.escape('Explaining: ' + ex.title)}</h2>")
        if ex.game.parameters:
            out.append(f"<p>{html.escape(_parameters_line(ex))}</p>")
        for n, section in enumerate(ex.sections, start=1):
            out.append(f"<h3>{n}. {html.escape(section.title)}</h3>")
            out += [self.block(b) for b in section.blocks]
        out.append("</section>")
        return "\n".join(out) + "\n"


# =========================================================================== dictionary
def _jnum(v: Any) -> Any:
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, sympy.Basic):
        return _expr_text(v)
    return float(v)


def _to_dict(ex: Explanation) -> dict[str, Any]:
    g = ex.game
    labels = g.strategies

    def against(player: int, prof: Sequence[int | None]) -> list[str | None]:
        return [labels[j][k] if k is not None else None for j, k in enumerate(prof)]

    def cond(c: Condition | None) -> dict[str, Any] | None:
        if c is None:
            return None
        return {
            "condition": f"{_expr_text(c.better)} {c.relation} {_expr_text(c.worse)}",
            "difference": _jnum(c.difference),
            "focus": c.focus_condition,
        }

    data: dict[str, Any] = {
        "title": g.title,
        "players": list(g.players),
        "strategies": [list(s) for s in labels],
        "parameters": {k: _jnum(v) for k, v in g.parameters.items()},
        "symbolic": ex.symbolic,
        "focus": ex.focus,
        "detailed": ex.detailed,
        "best_responses": [
            {
                "player": g.players[b.player],
                "against": against(b.player, b.against),
                "best": [labels[b.player][k] for k in b.best],
                "payoffs": [_jnum(v) for v in b.payoffs],
                "conditions": [
                    {"best": labels[b.player][x], "other": labels[b.player][y], **(cond(c) or {})}
                    for x, y, c in b.conditions
                ],
            }
            for b in ex.best_responses
        ],
        "dominance": {
            "steps": [
                {
                    "round": s.round,
                    "player": g.players[s.player],
                    "strategy": labels[s.player][s.strategy],
                    "dominated_by": {labels[s.player][k]: str(w) for k, w in s.dominated_by},
                    "comparisons": [
                        {
                            "against": against(s.player, c.against),
                            "dominator": _jnum(c.dominator),
                            "dominated": _jnum(c.dominated),
                            "condition": cond(c.condition),
                        }
                        for c in s.comparisons
                    ],
                }
                for s in ex.dominance
            ],
            "remaining": [[labels[i][k] for k in r] for i, r in enumerate(ex.remaining)],
            "solved": all(len(r) == 1 for r in ex.remaining),
        },
        "pure_equilibria": [
            {
                "equilibrium": p.index + 1,
                "profile": [labels[i][k] for i, k in enumerate(p.profile)],
                "payoffs": [_jnum(v) for v in p.payoffs],
            }
            for p in ex.pure_equilibria
        ],
        "mixed_equilibria": [
            {
                "equilibrium": m.index + 1,
                "strategies": [[_jnum(p) for p in s] for s in m.strategies],
                "payoffs": [_jnum(v) for v in m.payoffs],
                "derivations": [
                    {
                        "player": g.players[d.player],
                        "makes_indifferent": g.players[d.opponent],
                        "support": [labels[d.player][k] for k in d.support],
                        "indifferent_among": [labels[d.opponent][k] for k in d.indifferent_among],
                        "also_equal": [labels[d.opponent][k] for k in d.also_equal],
                        "equations": [
                            f"{_expr_text(d.expected[0])} = {_expr_text(e)}" for e in d.expected[1:]
                        ],
                        "probabilities": [_jnum(p) for p in d.solution],
                        "value": _jnum(d.value),
                        **(
                            {
                                "formulas": [_expr_text(f) for f in d.formulas],
                                "value_formula": _expr_text(d.value_formula),
                            }
                            if d.formulas is not None
                            else {}
                        ),
                    }
                    for d in m.derivations
                ],
                "support_checks": [
                    {
                        "player": g.players[c.player],
                        "strategy": labels[c.player][c.strategy],
                        "payoff": _jnum(c.payoff),
                        "equilibrium_payoff": _jnum(c.equilibrium_payoff),
                        "condition": cond(c.condition),
                    }
                    for c in m.checks
                ],
                **(
                    {"payoff_formulas": [_expr_text(f) for f in m.payoff_formulas]}
                    if m.payoff_formulas is not None
                    else {}
                ),
            }
            for m in ex.mixed_equilibria
        ],
        "equilibria": [
            {
                "equilibrium": s.index + 1,
                "kind": s.kind,
                "strategies": [[_jnum(p) for p in st] for st in s.strategies],
                "payoffs": [_jnum(v) for v in s.payoffs],
                "pareto_dominated_by": [k + 1 for k in s.pareto_dominated_by],
                "risk_dominant": s.risk_dominant,
                "nash_product": None if s.nash_product is None else _jnum(s.nash_product),
            }
            for s in ex.summaries
        ],
        "degenerate": ex.degenerate,
        "components": None
        if ex.components is None
        else [
            {
                "equilibria": [k + 1 for k in c.equilibria],
                "extremes": [[[_jnum(p) for p in s] for s in side] for side in c.extremes],
            }
            for c in ex.components
        ],
        "text": ex.to_text(),
    }
    json.dumps(data)  # the contract: JSON-ready
    return data
