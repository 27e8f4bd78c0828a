"""poster-gen list: the landmarks of a project and their titles."""
from __future__ import annotations

import argparse

from .common import project_arg

HELP = "list the landmarks found and their titles"


def add_arguments(p: argparse.ArgumentParser) -> None:
    project_arg(p)


def run(args: argparse.Namespace) -> int:
    from ..load.project import load_project

    project = load_project(args.project)
    width = max((len(lm.slug) for lm in project.landmarks), default=4)
    for i, lm in enumerate(project.landmarks, 1):
        print(f"{i:02d}  {lm.slug:<{width}}  {lm.name.zh}  {lm.name.en}")
    print(f"{len(project.landmarks)} landmark(s); theme per landmark in layouts/themes/")
    return 0
