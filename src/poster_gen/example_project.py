"""The example project that ships with poster-gen (the Nanjing campaign), used by
``poster-gen init``. In a wheel it lives in ``poster_gen/_project``; in a source
checkout it is the repository's own data/, layouts/ and assets/.
"""
from __future__ import annotations

from pathlib import Path

PARTS = ("data", "layouts", "assets")


def example_root() -> Path:
    here = Path(__file__).resolve().parent
    bundled = here / "_project"
    if (bundled / "layouts").is_dir():
        return bundled
    checkout = here.parents[1]
    if (checkout / "layouts").is_dir() and (checkout / "data").is_dir():
        return checkout
    raise FileNotFoundError("the example project is not installed with this copy of poster-gen")
