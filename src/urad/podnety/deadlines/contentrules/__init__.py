"""Content-rule trigger, conditions and action for deadline alerts."""
