"""Report kinds, each a named IReportKind utility."""
