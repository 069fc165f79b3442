"""Reads an .xlsx with openpyxl (an independent reader) and prints what a test needs as JSON.

usage: python3 read_xlsx.py FILE [MAX_ROWS]

For each sheet: its name, the frozen pane, the autofilter range, column widths,
and its rows (up to MAX_ROWS, default 200), each cell as {"t": data_type, "v": value,
"f": number_format}, datetimes as ISO text. openpyxl's data_type is 's' for a string,
'n' for a number, 'd' for a date-time, 'f' for a formula.
"""
import datetime
import json
import sys

import openpyxl


def cell_json(cell):
    value = cell.value
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        value = value.isoformat()
    return {"t": cell.data_type, "v": value, "f": cell.number_format}


def main():
    path = sys.argv[1]
    max_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    book = openpyxl.load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows(max_row=min(sheet.max_row, max_rows)):
            rows.append([cell_json(c) for c in row])
        widths = {key: dim.width for key, dim in sheet.column_dimensions.items() if dim.width}
        sheets.append(
            {
                "name": sheet.title,
                "freeze": sheet.freeze_panes,
                "autofilter": sheet.auto_filter.ref,
                "maxRow": sheet.max_row,
                "widths": widths,
                "rows": rows,
            }
        )
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
