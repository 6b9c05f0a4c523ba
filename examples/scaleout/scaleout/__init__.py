"""vshop scale-out on Redis Streams: many merchants across worker processes (issue 13).

See docs/scale-out.md for the design and examples/scaleout/README.md for running it.
"""
