"""Babel's extraction of kotacerdas's messages (babel.cfg names it): every `_()`, `ngettext()` and `N_()`
as Babel's Python extractor finds them, plus the help texts a user reads in `--help`, written in the
command modules as Typer wants them (a command's docstring, an option's `help="..."`) and translated at
run time by commands.language. Each text is yielded as Typer will hold it (`inspect.cleandoc`)."""

from __future__ import annotations

import ast
import inspect
import io
from collections.abc import Iterator
from typing import IO, Any

from babel.messages.extract import extract_python

_DECORATORS = ("command", "callback")  # @app.command(), @sheet.command("export"), @app.callback()


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple]:
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _is_command(node):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.body[0].lineno, None, doc, []
        elif isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "help" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                    yield kw.value.lineno, None, inspect.cleandoc(kw.value.value), []


def _is_command(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for deco in node.decorator_list:
        call = deco.func if isinstance(deco, ast.Call) else deco
        if isinstance(call, ast.Attribute) and call.attr in _DECORATORS:
            return True
    return False
