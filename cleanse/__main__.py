from cleanse.cli import main

main()
