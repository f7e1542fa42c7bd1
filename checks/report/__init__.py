"""What is printed: diagnostic values, the reporters for each format, and
the baseline of findings recorded once."""
