"""Password-protected status page where citizens follow their podnět."""
