"""The Excel add-in: live functions (UDFs) and one-click macros through xlwings.

`udfs` and `macros` are the modules named under "UDF Modules" in the workbook's xlwings.conf
sheet; `runs` holds the macros' work against the narrow workbook interface of `book`.
"""
