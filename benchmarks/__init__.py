"""`procwatch bench`: speed figures of each stage beside the limits of its own parts.

Also home of the synthetic sources (listing site + replay archive) that the benchmarks and the
reliability tests generate in temporary folders.
"""
