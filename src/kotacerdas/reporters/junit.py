"""`--format junit`: JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps).

One testcase per finding (classname = file, name = `CODE file:line:col`). Findings at or above the
run's failure threshold (`--fail-on`, in report.extra["fail_on"], default error) are `<failure>`; those
below it are `<skipped>` with the message, so they show without failing the report. A clean run has one
passing testcase. Built with xml.etree, so the output is always well-formed XML; every text passes through
`safetext.visible`, so characters XML 1.0 forbids (ESC, BEL, U+FFFE, lone surrogates) appear as escapes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..diagnostics import Severity
from ..safetext import visible
from . import Report
from ._finding import full_text


def render(report: Report) -> str:
    fail_on = Severity(report.extra.get("fail_on", "error"))
    suite_name = f"kotacerdas {report.command} {report.prefix or '.'}"
    suites = ET.Element("testsuites", name=f"kotacerdas {report.command}")
    suite = ET.SubElement(suites, "testsuite", name=suite_name)
    failures = skipped = 0
    for d in report.diagnostics:
        where = f"{report.display_path(d.path)}:{d.line}:{d.column}"
        case = ET.SubElement(suite, "testcase", classname=report.display_path(d.path), name=f"{d.code} {where}",
                             file=report.display_path(d.path), line=str(d.line))
        text = f"{where}: {d.severity.value} {d.code} {full_text(d)}"
        if d.severity.rank >= fail_on.rank:
            failures += 1
            failure = ET.SubElement(case, "failure", type=d.severity.value, message=d.message)
            failure.text = text
        else:
            skipped += 1
            ET.SubElement(case, "skipped", message=f"{d.severity.value}: {d.message}").text = text
    if not report.diagnostics:
        where = report.prefix or "."
        ET.SubElement(suite, "testcase", classname=where, name=f"{report.command} {where}")
    tests = max(len(report.diagnostics), 1)
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", "0")
    suite.set("skipped", str(skipped))
    for element in suites.iter():  # XML 1.0 forbids most control characters: every text made visible
        element.text = visible(element.text) if element.text else element.text
        for key, value in element.attrib.items():
            element.set(key, visible(value))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
