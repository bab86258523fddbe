"""Call records (SMDR) printed by the PBX: parser, reader and statistics."""
