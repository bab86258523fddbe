"""The @podnety-stats REST service with the dashboard's numbers."""
