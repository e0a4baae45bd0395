"""The command line: takes argv, gives one argparse tree for every subcommand (main.py) and runs it headless."""
