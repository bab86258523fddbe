"""Paper channel: scanned letters saved into a server folder become podněty."""
