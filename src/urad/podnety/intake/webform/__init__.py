"""Web form channel: an EasyForm action that files each post as a podnět."""
