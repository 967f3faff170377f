"""What one explanation works from: the game, the solver's equilibria, the symbolic model,
and the small helpers that turn numbers and profiles into words and mathematics.

Every section of the derivation (:mod:`.responses`, :mod:`.dominance`,
:mod:`.indifference`, :mod:`.mixed`, :mod:`.compare`) reads a :class:`Context`.

Mathematics
-----------
- The solver is the authority: two-player games are solved exactly with their convex
  components (:meth:`leverage.Game.equilibria` with ``components=True``), games of
  three or more players for their pure equilibria; a float game is re-solved exactly
  (its payoffs are binary fractions) so that the derivation is exact.
- In a symbolic explanation each payoff is the model's expression ``u_i(s; θ)`` of the
  parameters ``θ`` and the defined quantities (expanded in order of definition);
  :meth:`Context.at_values` evaluates an expression exactly at the given ``θ₀``.

References
----------
- B. von Stengel, "Equilibrium computation for two-player games in strategic and extensive
  form", in *Algorithmic Game Theory*, ch. 3, Cambridge University Press (2007).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy

from ...errors import UnsupportedError
from ...expr import symbol
from ...formats.document import Math
from ...formats.text import decimal
from ...games.strategic import Game, Number
from ...numbers import rational
from .notation import as_expr, sym

if TYPE_CHECKING:  # pragma: no cover
    from ...games.model import Model

DETAIL_LIMIT = 4
"""Games with more strategies than this for some player get a summary: best responses,
dominance comparisons and indifference algebra are not written out one by one."""


class Context:
    """The game, its solution and the symbolic model of one explanation.

    Parameters
    ----------
    game
        The game explained (at least two players).
    model, values
        The model and the (checked) parameter values, for a symbolic explanation.
    symbolic
        Whether to derive in terms of the parameters (needs ``model``).
    focus
        The parameter conditions are solved for (symbolic explanations).

    Raises
    ------
    UnsupportedError
        For a one-player game.
    """

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
            self.value_subs = {symbol(k): sym(v) for k, v in vals.items()}
            self.values = vals

    # ------------------------------------------------------------------ helpers
    def num(self, v: Any) -> Number:
        """An exact value as the game reports it (float for float games)."""
        v = rational(v)
        return v if self.exact else float(v)

    def show(self, v: Any) -> Any:
        """A value for display (a sympy number; a Float for float games)."""
        if isinstance(v, sympy.Basic) and not v.is_Number:
            return (
                v
                if self.exact
                else v.xreplace({r: sympy.Float(float(r)) for r in v.atoms(sympy.Rational)})
            )
        f = rational(v)
        return sym(f) if self.exact else sympy.Float(float(f))

    def display(self, expr: Any) -> Any:
        """An expression for display in a derivation: unchanged for exact games; for
        float games its non-integer rationals (the payoffs' decimal forms and what the
        algebra makes of them) as floats."""
        if self.exact or not isinstance(expr, sympy.Basic):
            return expr
        rationals = {r for r in expr.atoms(sympy.Rational) if not r.is_Integer}
        return expr.xreplace({r: sympy.Float(float(r)) for r in rationals})

    def value_parts(self, v: Any) -> list[Any]:
        """A value for prose: exact in math, with its decimal when the fraction is long
        (``17500/18173 (≈ 0.963)``)."""
        f = rational(v)
        parts: list[Any] = [Math(self.show(f))]
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

    def payoffs_math(self, values: Sequence[Any]) -> Math:
        """Payoffs as a vector ``(a, b)``."""
        return Math(tuple(self.show(v) for v in values))

    def same(self, derived: Any, solver: Any) -> bool:
        """Whether a derived number equals the solver's: exactly for exact games; for
        float games the derivation runs on the payoffs' decimal forms, so up to 1e-9
        relative to the number's size."""
        if self.exact:
            return bool(derived == sym(solver))
        a, b = float(derived), float(solver)
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))

    def at_values(self, expr: Any) -> Any:
        """A symbolic expression evaluated exactly at the parameter values."""
        e = as_expr(expr).xreplace(self.define_subs).xreplace(self.value_subs)
        return e if e.is_Rational else sympy.simplify(e)

    def strategy(self, player: int, k: int) -> str:
        """The label of ``player``'s strategy ``k``."""
        return self.labels[player][k]

    def against_text(self, player: int, profile: Sequence[int | None]) -> str:
        """The others' strategies in ``profile``: ``Hold`` or ``(Hold, Wait)``."""
        others = [self.labels[j][k] for j, k in enumerate(profile) if j != player and k is not None]
        if len(others) == 1:
            return others[0]
        return "(" + ", ".join(others) + ")"

    def profile_text(self, profile: Sequence[int]) -> str:
        """A pure profile: ``(Calibrate, Hold)``."""
        return "(" + ", ".join(self.labels[j][k] for j, k in enumerate(profile)) + ")"

    @staticmethod
    def full(player: int, own: int, against: Sequence[int | None]) -> tuple[int, ...]:
        """The profile ``against`` with ``player`` playing ``own``."""
        prof = list(against)
        prof[player] = own
        return tuple(int(k) for k in prof)  # type: ignore[arg-type]

    def payoff_expr(self, player: int, profile: tuple[int, ...]) -> Any:
        """``player``'s payoff at ``profile``: the model's expression in a symbolic
        explanation, else the number (for display)."""
        if self.symbolic:
            return as_expr(self.sym_u[player][profile])
        return self.show(self.u[player][profile])

    def others(self, player: int) -> list[tuple[int | None, ...]]:
        """Every profile of the others' strategies, ``None`` at ``player``."""
        ranges = [range(k) if j != player else [None] for j, k in enumerate(self.game.shape)]
        return [tuple(p) for p in itertools.product(*ranges)]
