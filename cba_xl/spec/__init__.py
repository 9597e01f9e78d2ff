"""The workbook specification: where every field of the homework lives."""

from cba_xl.spec.layout import LAYOUT, TEMPLATE_ID, TEMPLATE_VERSION, Layout

__all__ = ["LAYOUT", "TEMPLATE_ID", "TEMPLATE_VERSION", "Layout"]
