"""A time bound for template loops that write nothing (issue 19).

The render's time bound (`environment._BoundedEnvironment.MAX_SECONDS`) is checked as a template writes
output; `{% for i in range(10**5) %}{% for j in range(10**5) %}{% endfor %}{% endfor %}` writes nothing for
10^10 iterations, so it was bounded only by Ctrl-C. Jinja has no per-iteration hook, so the compiler adds
one: every `{% for %}` iterates `environment.kc_loop_guard(iterable)`, which checks the same deadline
every 1,024 items. A template cannot reach or replace it (it is an attribute of the environment, not a
name of the template's context)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import SecurityError

CHECK_EVERY = 1024


class GuardedCodeGenerator(CodeGenerator):
    """Jinja's compiler, with every for loop's iterable passed through `environment.kc_loop_guard`."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        guarded = nodes.Call(nodes.EnvironmentAttribute("kc_loop_guard"), [node.iter], [], None, None)
        guarded.set_lineno(node.lineno)
        copy = nodes.For(node.target, guarded, node.body, node.else_, node.test, node.recursive,
                         lineno=node.lineno)
        copy.environment = node.environment
        super().visit_For(copy, frame)


def guarded(iterable: Iterable[Any], deadline: float, seconds: float) -> Iterator[Any]:
    for n, item in enumerate(iterable):
        if not n % CHECK_EVERY and time.monotonic() > deadline:
            raise SecurityError(f"the template ran longer than {seconds:g} seconds (in a loop)")
        yield item
