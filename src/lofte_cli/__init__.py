"""lofte: keep medborgarlöften and the activities that fulfil them as YAML in git."""

__version__ = "0.1.0"
