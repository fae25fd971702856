from notesite.cli import main

main()
