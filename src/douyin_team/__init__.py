"""douyin-team: plan, check, staff and draw Douyin e-commerce teams (抖音电商团队架构)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module

__version__ = "0.1.0"


def lazy(package: str, modules: dict[str, list[str]]) -> Callable[[str], object]:
    """A package's `__getattr__` (PEP 562) that imports a name's module the first time the name is asked for.

    `modules` maps each of the package's modules to the names it exports. `douyin-team plan` then loads
    only what planning needs; type checkers see the names through the package's `if TYPE_CHECKING:` imports.
    """
    home = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str) -> object:
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{home[name]}"), name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    return __getattr__
