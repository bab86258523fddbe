"""Pages and resources citizens reach around the public web form."""
