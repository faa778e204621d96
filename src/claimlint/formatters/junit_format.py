"""JUnit XML for CI test-report views: one testsuite, one testcase per linted file, a
``<failure>`` per finding. A file without findings is a passing testcase.

Counts follow JUnit's meaning: ``tests`` is the number of testcases (files) and ``failures`` the
number of failing testcases, so ``tests - failures`` files passed; the number of findings is in
the ``findings`` property."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text safe for XML 1.0: characters it cannot represent become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def render(report, **_kwargs) -> str:
    by_path: dict[str, list] = {path: [] for path in report.files}
    for f in report.findings:  # a bibliography found through the config is not in files
        by_path.setdefault(f.path, []).append(f)
    failing = sum(1 for findings in by_path.values() if findings)
    counts = {
        "tests": str(len(by_path)),
        "failures": str(failing),
        "errors": "0",
        "skipped": "0",
    }
    root = ET.Element("testsuites", {"name": "claimlint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "claimlint", **counts})
    props = ET.SubElement(suite, "properties")
    ET.SubElement(props, "property", {"name": "findings", "value": str(len(report.findings))})
    for path, findings in by_path.items():
        case = ET.SubElement(
            suite, "testcase", {"classname": xml_text(path), "name": xml_text(path)}
        )
        for f in findings:
            failure = ET.SubElement(
                case,
                "failure",
                {"message": xml_text(f"{f.code} {f.message}"), "type": f.code},
            )
            text = f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}"
            # a raw carriage return in element text would read back as a newline anyway
            failure.text = xml_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
