"""The macro benchmark harness behind bench/run (issue 3). Python standard library only."""
