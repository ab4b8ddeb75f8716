"""convshare: local connectivity and parameter sharing in small, tested NumPy code."""
