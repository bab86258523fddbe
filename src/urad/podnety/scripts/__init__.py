"""Console scripts of urad.podnety."""
