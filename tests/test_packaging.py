"""The conda/Binder environment.yml must list what pyproject.toml lists (no conda here)."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REQ_RE = re.compile(r"^\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*(.*)$")


def parse(req: str) -> tuple[str, str]:
    m = REQ_RE.match(req)
    assert m, req
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def pyproject():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    project = data["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs.extend(extra)
    return dict(parse(r) for r in reqs), project["requires-python"]


def environment():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    deps = {}
    python = None
    for d in env["dependencies"]:
        if isinstance(d, dict):
            assert d == {"pip": ["-e ."]}
            continue
        name, spec = parse(d)
        if name == "python":
            python = spec
        elif name != "pip":
            deps[name] = spec
    return deps, python


def test_environment_matches_pyproject():
    py_deps, py_python = pyproject()
    env_deps, env_python = environment()
    assert env_python == py_python
    assert env_deps == py_deps


def test_makefile_installs_every_extra():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    extras = set(data["project"]["optional-dependencies"])
    makefile = (ROOT / "Makefile").read_text()
    m = re.search(r'-e "\.\[([^\]]+)\]"', makefile)
    assert m and set(m.group(1).split(",")) == extras


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
