"""Builds command streams for the tensor accelerator (gateware/accel, docs/accel.md)."""
