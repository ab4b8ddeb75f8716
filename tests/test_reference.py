"""The API reference (docs/reference.md) lists every public function, each fully documented.

Public means: every name in ``convshare.__all__``, and the public functions of the modules
``convshare.kernels``, ``convshare.images`` and ``convshare.examples``. The page must have a
mkdocstrings directive for each (``::: convshare.NAME``), the built page must show each under
its own anchor, and each docstring must have what the reference promises readers: parameters
with their shapes, what it returns, the errors it raises, and an example.
"""

from __future__ import annotations

import importlib
import inspect
import re
from html.parser import HTMLParser
from pathlib import Path

import griffe
import pytest

import convshare

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "reference.md"
MODULES = ["convshare.kernels", "convshare.images", "convshare.examples"]
DIRECTIVE = re.compile(r"^:::[ \t]+(?P<path>[\w.]+)[ \t]*$", re.M)
# Parameters whose type line must give a shape: the arrays of the (C, H, W) conventions.
ARRAY_PARAMETERS = {"x", "w", "b", "grad_y"}
# A function whose docstring refers to another for its arguments (its body is embedded on a
# page, so its docstring stays short): same signature, and it names that function.
SAME_AS = {"convshare.conv2d_naive": "convshare.conv2d"}


def module_functions(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    return [
        f"{module_name}.{name}"
        for name, value in vars(module).items()
        if not name.startswith("_")
        and inspect.isfunction(value)
        and value.__module__ == module_name
    ]


def public_functions() -> dict[str, str]:
    """``{public path: canonical path}``, e.g. ``convshare.im2col: convshare.im2col.im2col``."""
    functions = {}
    for path in [f"convshare.{name}" for name in convshare.__all__] + [
        path for module_name in MODULES for path in module_functions(module_name)
    ]:
        module_name, _, name = path.rpartition(".")
        function = getattr(importlib.import_module(module_name), name)
        functions[path] = f"{function.__module__}.{function.__qualname__}"
    return functions


FUNCTIONS = public_functions()


def directives(text: str) -> list[str]:
    return [m.group("path") for m in DIRECTIVE.finditer(text)]


def test_the_page_has_a_directive_for_every_public_name_and_module(
    package: griffe.Module,
) -> None:
    listed = directives(PAGE.read_text(encoding="utf-8"))
    assert len(listed) == len(set(listed)), f"listed twice: {listed}"
    missing = [m for m in MODULES if m not in listed]
    for public, canonical in FUNCTIONS.items():
        if public in listed and public.startswith(tuple(MODULES)):
            continue  # a module's function, listed on its own
        if canonical in listed or any(public.startswith(f"{m}.") for m in listed):
            continue
        if public not in listed:
            missing.append(public)
        elif not package[public.removeprefix("convshare.")].is_function:
            # `convshare.im2col` is also a module: mkdocstrings would show the module.
            missing.append(f"{public} (a module has that name too: write ::: {canonical})")
    assert not missing, f"docs/reference.md has no `::: NAME` for: {missing}"


def test_every_directive_names_a_real_object() -> None:
    for path in directives(PAGE.read_text(encoding="utf-8")):
        module_name, _, attribute = path.rpartition(".")
        try:
            importlib.import_module(path)
        except ModuleNotFoundError:
            assert hasattr(importlib.import_module(module_name), attribute), path


def test_the_directive_parser_finds_directives() -> None:
    text = "# T\n\n::: convshare.conv2d\n\n::: convshare.kernels\n    options:\n      x: 1\n"
    assert directives(text) == ["convshare.conv2d", "convshare.kernels"]
    assert directives("text ::: convshare.conv2d\n```\n:::convshare.im2col\n```") == []


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)


@pytest.mark.build
def test_the_built_page_shows_every_public_function(site_dir: Path) -> None:
    parser = _Ids()
    parser.feed((site_dir / "reference" / "index.html").read_text(encoding="utf-8"))
    missing = [
        public
        for public, canonical in FUNCTIONS.items()
        if public not in parser.ids and canonical not in parser.ids
    ]
    assert not missing, f"the built reference page has no section (id) for: {missing}"


@pytest.fixture(scope="module")
def package() -> griffe.Module:
    return griffe.load("convshare", search_paths=[str(ROOT / "src")], docstring_parser="numpy")


ALL_SECTIONS = ("parameters", "returns", "raises", "examples")


def missing_sections(
    function: griffe.Object, required: tuple[str, ...] = ALL_SECTIONS
) -> list[str]:
    """What the numpydoc docstring of ``function`` lacks, in words (an empty list if nothing).

    Parameters and Raises are required only of a function that takes arguments.
    """
    if function.docstring is None:
        return ["a docstring"]
    sections = {section.kind.value: section for section in function.docstring.parsed}
    names = [p.name for p in function.parameters if p.name not in {"self", "cls"}]
    lacks = []
    if "parameters" in required and names:
        if "parameters" not in sections:
            lacks.append("a Parameters section")
        else:
            documented = {p.name.lstrip("*") for p in sections["parameters"].value}
            lacks += [f"parameter {n!r}" for n in names if n not in documented]
            for p in sections["parameters"].value:
                if p.name in ARRAY_PARAMETERS and "shape" not in str(p.annotation):
                    lacks.append(f"the shape of {p.name!r} in its type line")
    if "raises" in required and names and "raises" not in sections:
        lacks.append("a Raises section")
    if "returns" in required and "returns" not in sections:
        lacks.append("a Returns section")
    if "examples" in required and "examples" not in sections:
        lacks.append("an Examples section")
    return lacks


def test_every_public_function_has_parameters_shapes_returns_raises_examples(
    package: griffe.Module,
) -> None:
    problems = {}
    for public, canonical in FUNCTIONS.items():
        function = package[canonical.removeprefix("convshare.")]
        if public in SAME_AS:
            lacks = missing_sections(function, required=("examples",))
        else:
            lacks = missing_sections(function)
        if lacks:
            problems[public] = lacks
    assert not problems, "docstrings the reference shows incomplete:\n" + "\n".join(
        f"  {path}: lacks {', '.join(lacks)}" for path, lacks in problems.items()
    )


def test_the_docstring_check_can_fail() -> None:
    source = '''
def good(x, *, stride=1):
    """Do it.

    Parameters
    ----------
    x : ndarray, shape (C, H, W)
        Input.
    stride : int
        Step.

    Returns
    -------
    ndarray

    Raises
    ------
    ValueError
        Bad stride.

    Examples
    --------
    >>> 1
    1
    """


def bad(x, w):
    """Do it.

    Parameters
    ----------
    x : ndarray
        Input.
    """
'''
    module = griffe.visit("m", filepath=Path("m.py"), code=source, docstring_parser="numpy")
    assert missing_sections(module["good"]) == []
    assert missing_sections(module["bad"]) == [
        "parameter 'w'",
        "the shape of 'x' in its type line",
        "a Raises section",
        "a Returns section",
        "an Examples section",
    ]


def test_a_function_documented_by_another_says_so_and_has_its_signature() -> None:
    for public, other in SAME_AS.items():
        function, reference = (
            getattr(importlib.import_module(path.rpartition(".")[0]), path.rpartition(".")[2])
            for path in (public, other)
        )
        assert inspect.signature(function) == inspect.signature(reference), public
        first_line = inspect.getdoc(function).splitlines()[0]
        assert f"`{other.rpartition('.')[2]}`" in first_line, (public, first_line)
        assert other in FUNCTIONS, f"{other} is not public: nothing to refer to"
