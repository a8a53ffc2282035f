"""Reads an XLSX back with nothing but Python's standard library (zipfile and
xml.etree), independently of the library that wrote it, and prints one JSON
document: each sheet in order, by name, with its column widths (by letter)
and each non-empty cell's type ("n" number, "s" text, "b" boolean, "e"
error), value, formula, number format code and whether its text wraps. Numbers are printed as written in the file (the text of <v>),
so that the test compares them exactly. Usage: python3 read-xlsx.py FILE"""

import json
import posixpath
import sys
import zipfile
import xml.etree.ElementTree as ET

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# ECMA-376 part 1, 18.8.30: the number formats every reader knows by id.
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
    11: "0.00E+00", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 22: "m/d/yy h:mm",
    49: "@",
}


def text_of(element):
    """The text of a shared or inline string: plain <t>, or the runs' <t>s."""
    return "".join(t.text or "" for t in element.iter(MAIN + "t"))


def column_letter(n):
    """1 → A, 27 → AA."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def main(path):
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = [text_of(si) for si in root.findall(MAIN + "si")]

        styles = ET.fromstring(z.read("xl/styles.xml"))
        custom = {}
        num_fmts = styles.find(MAIN + "numFmts")
        if num_fmts is not None:
            for f in num_fmts.findall(MAIN + "numFmt"):
                custom[int(f.get("numFmtId"))] = f.get("formatCode")
        xfs = styles.find(MAIN + "cellXfs").findall(MAIN + "xf")
        cell_formats = []
        cell_wraps = []
        for xf in xfs:
            fid = int(xf.get("numFmtId", "0"))
            cell_formats.append(custom.get(fid, BUILTIN_FORMATS.get(fid, "id:%d" % fid)))
            alignment = xf.find(MAIN + "alignment")
            cell_wraps.append(
                alignment is not None and alignment.get("wrapText") in ("1", "true")
            )

        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.findall(PKG_REL + "Relationship")}
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
        sheets = []
        for sheet in workbook.find(MAIN + "sheets").findall(MAIN + "sheet"):
            target = targets[sheet.get(REL + "id")]
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            root = ET.fromstring(z.read(part))
            cells = {}
            for c in root.iter(MAIN + "c"):
                kind = c.get("t", "n")
                v = c.find(MAIN + "v")
                f = c.find(MAIN + "f")
                if kind == "inlineStr":
                    value, kind = text_of(c.find(MAIN + "is")), "s"
                elif v is None:
                    continue
                elif kind == "s":
                    value = shared[int(v.text)]
                elif kind == "str":
                    value, kind = v.text or "", "s"
                else:
                    value = v.text
                cells[c.get("r")] = {
                    "type": kind,
                    "value": value,
                    "formula": f.text if f is not None else None,
                    "format": cell_formats[int(c.get("s", "0"))],
                    "wrap": cell_wraps[int(c.get("s", "0"))],
                }
            columns = {}
            cols = root.find(MAIN + "cols")
            if cols is not None:
                for col in cols.findall(MAIN + "col"):
                    for n in range(int(col.get("min")), int(col.get("max")) + 1):
                        columns[column_letter(n)] = float(col.get("width"))
            sheets.append({"name": sheet.get("name"), "columns": columns, "cells": cells})
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
