"""The vshop web host: a Starlette server over the `vshop` package (see ../API.md)."""
