"""Personal data of citizens: pseudonymisation and exports."""
