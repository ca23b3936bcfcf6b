"""Property-service contracts and their filing (seed 000 §11,16; seed 004 §8)."""
