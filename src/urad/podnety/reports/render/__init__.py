"""Renderers of a report: HTML, CSV, XLSX and chart images."""
