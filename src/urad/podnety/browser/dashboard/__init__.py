"""The supervisors' and clerks' dashboard of the register."""
