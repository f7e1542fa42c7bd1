"""What is checked and where: the runner, the linter that runs the rules on
one seed and applies fixes, the corpus the corpus-wide rules read, shards,
the cache, git history, and the writers' atomic writes and lock."""
